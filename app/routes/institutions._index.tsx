import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LEVELS, SECTORS } from '../../db/schema.ts';
import { SectorBadge } from '../components/sector-badge.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listInstitutions } from '../models/institution.server.ts';
import { can } from '../policies/permissions.ts';
import { pageTitle } from '../locales/meta.ts';
import { InstitutionFilterSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';
import { FilterSelect } from '../components/ui/filter-select.tsx';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'institutions.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'institution:list');
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const filter = InstitutionFilterSchema.parse(params);
  const canSeeArchived = can(user, 'institution:view-archived');
  const institutions = await listInstitutions(args.context.services.db, {
    sector: filter.sector,
    level: filter.level,
    query: filter.q,
    includeArchived: canSeeArchived && filter.archived === '1',
  }, await resolveLanguage(args.request));
  return { institutions, filter, canCreate: can(user, 'institution:create'), canSeeArchived };
}

export default function Institutions() {
  const { t } = useTranslation();
  const { institutions, filter, canCreate, canSeeArchived } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('institutions.title')}
        lead={t('institutions.lead')}
        actions={
          canCreate ? (
            <Link to="/institutions/new" className="btn-primary">
              {t('institutions.new')}
            </Link>
          ) : null
        }
      />
      <Form method="get" className="card mb-5 flex flex-wrap items-end gap-4" aria-label={t('common.filter')}>
        <div>
          <label htmlFor="filter-q" className="block text-sm font-semibold">
            {t('institutions.filterQuery')}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ''} className="field-input" />
        </div>
        <FilterSelect
          id="filter-sector"
          name="sector"
          label={t('institutions.filterSector')}
          value={filter.sector}
          options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
        />
        <FilterSelect
          id="filter-level"
          name="level"
          label={t('institutions.filterLevel')}
          value={filter.level}
          options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
        {canSeeArchived ? (
          <div className="flex items-center gap-2 pb-1.5">
            <input id="filter-archived" name="archived" type="checkbox" value="1" defaultChecked={filter.archived === '1'} />
            <label htmlFor="filter-archived" className="text-sm">
              {t('institutions.showArchived')}
            </label>
          </div>
        ) : null}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            {t('common.filter')}
          </button>
          <Link to="/institutions" className="btn-secondary">
            {t('common.clear')}
          </Link>
        </div>
      </Form>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {t('institutions.count', { count: institutions.length })}
      </p>
      {institutions.length === 0 ? (
        <p className="card">{t('institutions.none')}</p>
      ) : (
        <div className="table-frame">
          <table className="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.sector')}</th>
                <th scope="col">{t('common.level')}</th>
                <th scope="col" className="text-right">
                  {t('common.members')}
                </th>
              </tr>
            </thead>
            <tbody>
              {institutions.map((institution) => (
                <tr key={institution.id}>
                  <td data-label={t('common.name')}>
                    <Link to={`/institutions/${institution.id}`} className="font-medium" lang={institution.nameLanguage}>
                      {institution.name}
                    </Link>
                    {institution.acronym ? <span className="text-slate-500"> ({institution.acronym})</span> : null}
                    {institution.archivedAt ? (
                      <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs">{t('common.archived')}</span>
                    ) : null}
                  </td>
                  <td data-label={t('common.sector')}>
                    <SectorBadge sector={institution.sector} />
                  </td>
                  <td data-label={t('common.level')}>{institution.level ? t(`levels.${institution.level}`) : t('institutions.noLevel')}</td>
                  <td data-label={t('common.members')} className="text-right tabular-nums">{institution.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
