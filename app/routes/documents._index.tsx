import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../db/schema.ts';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listDocuments } from '../services/scoped-reads.server.ts';
import { listInstitutionOptions } from '../models/institution.server.ts';
import { can } from '../policies/permissions.ts';
import { formatDate } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { DocumentFilterSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';
import { FilterSelect } from '../components/ui/filter-select.tsx';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'documents.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'document:list');
  const { db } = args.context.services;
  const filter = DocumentFilterSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const [documents, institutions] = await Promise.all([
    listDocuments(db, user, { query: filter.q, type: filter.type, status: filter.status, institutionId: filter.institution }),
    listInstitutionOptions(db, await resolveLanguage(args.request)),
  ]);
  return { documents, institutions, filter, canCreate: can(user, 'document:create') };
}

export default function Documents() {
  const { t, i18n } = useTranslation();
  const { documents, institutions, filter, canCreate } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('documents.title')}
        lead={t('documents.lead')}
        actions={
          canCreate ? (
            <Link to="/documents/new" className="btn-primary">
              {t('documents.new')}
            </Link>
          ) : null
        }
      />
      <Form method="get" className="card mb-5 flex flex-wrap items-end gap-4" role="search" aria-label={t('documents.search')}>
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="doc-q" className="block text-sm font-semibold">
            {t('documents.search')}
          </label>
          <input id="doc-q" name="q" type="search" defaultValue={filter.q ?? ''} className="field-input" />
        </div>
        <FilterSelect
          id="doc-type"
          name="type"
          label={t('documents.filterType')}
          value={filter.type}
          options={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documentTypes.${v}`) }))}
        />
        <FilterSelect
          id="doc-status"
          name="status"
          label={t('documents.filterStatus')}
          value={filter.status}
          options={DOCUMENT_STATUSES.map((v) => ({ value: v, label: t(`documentStatuses.${v}`) }))}
        />
        <FilterSelect
          id="doc-institution"
          name="institution"
          label={t('documents.filterInstitution')}
          value={filter.institution}
          options={institutions.map((i) => ({ value: i.id, label: i.name }))}
          className="max-w-[16rem]"
        />
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            {t('common.filter')}
          </button>
          <Link to="/documents" className="btn-secondary">
            {t('common.clear')}
          </Link>
        </div>
      </Form>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {t('documents.count', { count: documents.length })}
      </p>
      {documents.length === 0 ? (
        <p className="card">{t('documents.none')}</p>
      ) : (
        <ul className="space-y-3">
          {documents.map((doc) => (
            <li key={doc.id} className="card">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  <Link to={`/documents/${doc.id}`}>{doc.title}</Link>
                </h2>
                <TlpBadge tlp={doc.tlp} />
              </div>
              {doc.summary ? <p className="mt-1 text-sm text-slate-700">{doc.summary}</p> : null}
              <p className="mt-2 text-xs text-slate-600">
                {t(`documentTypes.${doc.type}`)} · {t(`documentStatuses.${doc.status}`)} · {doc.ownerName} ·{' '}
                {t('documents.updated', { date: formatDate(doc.updatedAt, i18n.language) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
