import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/ui/page-header.tsx';
import { auditFilterOptions } from '../models/audit.server.ts';
import { auditActionKey } from '../utils/audit-labels.ts';
import { AUDIT_PAGE_SIZE, countAuditEvents, listAuditEvents, parseAuditFilter, readableDocuments, summariseDetails } from '../services/audit-log.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';
import { FilterSelect } from '../components/ui/filter-select.tsx';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'workflow.audit.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'audit:view');
  const { db } = args.context.services;
  const url = new URL(args.request.url);
  const { input, filter, page } = parseAuditFilter(url, user);
  const [events, total, options, documents] = await Promise.all([
    listAuditEvents(db, { ...filter, limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }),
    countAuditEvents(db, filter),
    auditFilterOptions(db),
    readableDocuments(db, user),
  ]);
  const readable = new Set(documents.map((d) => d.id));
  return {
    input,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    query: url.searchParams.toString(),
    options: { ...options, documents: documents.map((d) => ({ id: d.id, title: d.title })).sort((a, b) => a.title.localeCompare(b.title)) },
    events: events.map((event) => ({
      id: event.id,
      createdAt: event.createdAt,
      actorName: event.actorName,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      // A document the viewer may not read keeps its title to itself, even in the audit log.
      documentTitle: event.entityType === 'document' && readable.has(event.entityId) ? event.documentTitle : null,
      details: summariseDetails(event.details),
    })),
  };
}

function pageLink(query: string, page: number): string {
  const params = new URLSearchParams(query);
  params.set('page', String(page));
  return `/audit?${params}`;
}

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const { input, page, pages, total, query, options, events } = useLoaderData<typeof loader>();
  const actionLabel = (action: string) => (i18n.exists(auditActionKey(action)) ? t(auditActionKey(action)) : action);
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete('page');
  return (
    <div>
      <PageHeader
        title={t('workflow.audit.title')}
        lead={t('workflow.audit.lead')}
        actions={
          <a href={`/audit.csv${exportQuery.size ? `?${exportQuery}` : ''}`} className="btn-secondary" download>
            {t('workflow.audit.exportCsv')}
          </a>
        }
      />
      <Form method="get" className="card mb-5 flex flex-wrap items-end gap-4" role="search" aria-label={t('workflow.audit.filters')}>
        <FilterSelect
          id="audit-document"
          name="document"
          label={t('workflow.audit.document')}
          value={input.document}
          anyLabel={t('workflow.audit.anyDocument')}
          options={options.documents.map((d) => ({ value: d.id, label: d.title }))}
          className="max-w-xs"
        />
        <FilterSelect
          id="audit-person"
          name="person"
          label={t('workflow.audit.person')}
          value={input.person}
          anyLabel={t('workflow.audit.anyPerson')}
          options={options.people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <FilterSelect
          id="audit-action"
          name="action"
          label={t('workflow.audit.action')}
          value={input.action}
          anyLabel={t('workflow.audit.anyAction')}
          options={options.actions.map((action) => ({ value: action, label: actionLabel(action) }))}
        />
        <div>
          <label htmlFor="audit-from" className="block text-sm font-semibold">
            {t('workflow.audit.from')}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={input.from ?? ''} className="field-input" />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-semibold">
            {t('workflow.audit.to')}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={input.to ?? ''} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">
          {t('workflow.audit.apply')}
        </button>
        <Link to="/audit" className="btn-secondary">
          {t('common.clear')}
        </Link>
      </Form>
      <p className="mb-2 text-sm text-slate-700" aria-live="polite">
        {t('workflow.audit.count', { count: total })}
      </p>
      {events.length === 0 ? (
        <p className="text-slate-700">{t('workflow.audit.none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table stack-table">
            <caption className="sr-only">{t('workflow.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workflow.audit.time')}</th>
                <th scope="col">{t('workflow.audit.person')}</th>
                <th scope="col">{t('workflow.audit.action')}</th>
                <th scope="col">{t('workflow.audit.entity')}</th>
                <th scope="col">{t('workflow.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td data-label={t('workflow.audit.time')} className="whitespace-nowrap">
                    <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, i18n.language)}</time>
                  </td>
                  <td data-label={t('workflow.audit.person')}>{event.actorName ?? t('workflow.audit.system')}</td>
                  <td data-label={t('workflow.audit.action')}>{actionLabel(event.action)}</td>
                  <td data-label={t('workflow.audit.entity')}>
                    <EntityLink type={event.entityType} id={event.entityId} title={event.documentTitle} />
                  </td>
                  <td data-label={t('workflow.audit.details')} className="max-w-md break-words font-mono text-xs text-slate-700">{event.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t('workflow.audit.pagination')} className="mt-4 flex items-center gap-4 text-sm">
          {page > 1 ? (
            <Link to={pageLink(query, page - 1)} rel="prev">
              {t('workflow.audit.previous')}
            </Link>
          ) : null}
          <span>{t('workflow.audit.page', { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(query, page + 1)} rel="next">
              {t('workflow.audit.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

const ENTITY_PATHS: Record<string, string> = { document: '/documents/', person: '/people/', institution: '/institutions/', cbm: '/cbms/' };

function EntityLink({ type, id, title }: { type: string; id: string; title: string | null }) {
  const { t, i18n } = useTranslation();
  const typeKey = `workflow.audit.entityTypes.${type}`;
  const typeLabel = i18n.exists(typeKey) ? t(typeKey) : type;
  const path = ENTITY_PATHS[type];
  const label = title ? `${typeLabel}: ${title}` : typeLabel;
  return path ? <Link to={`${path}${encodeURIComponent(id)}`}>{label}</Link> : <span>{label}</span>;
}
