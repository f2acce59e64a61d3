import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActionFilterForm } from '../components/tracker/action-filter-form.tsx';
import { OverdueMark } from '../components/tracker/overdue-mark.tsx';
import { ProgressBar } from '../components/ui/progress-bar.tsx';
import { SortHeader, currentSort } from '../components/tracker/sort-header.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPillars } from '../models/action-query.server.ts';
import { queryActionItemPage } from '../services/scoped-reads.server.ts';
import { listInstitutionOptions } from '../models/institution.server.ts';
import { can } from '../policies/permissions.ts';
import { filtersToSearchParams, parseActionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { formatDate } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerViews.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:list');
  const { db } = args.context.services;
  const filters = parseActionFilters(new URL(args.request.url).searchParams);
  const [result, institutions, pillars] = await Promise.all([
    queryActionItemPage(db, user, filters, { today: todayInSarajevo() }),
    listInstitutionOptions(db, await resolveLanguage(args.request)),
    listPillars(db),
  ]);
  return {
    ...result,
    filters,
    options: { institutions: institutions.map(({ id, name }) => ({ id, name })), pillars },
    canCreate: can(user, 'action-item:create'),
    canImport: can(user, 'action-item:import'),
    canExport: can(user, 'action-item:export'),
  };
}

const PATH = '/actions';

export default function ActionItems() {
  const { t, i18n } = useTranslation();
  const { rows, total, page, pages, filters, options, canCreate, canImport, canExport } = useLoaderData<typeof loader>();
  const query = filtersToSearchParams(filters, { page: undefined, sort: filters.sort, dir: filters.dir }).toString();
  const withQuery = (path: string) => (query ? `${path}?${query}` : path);
  const withFormat = (path: string, format: string) => `${path}?${query ? `${query}&` : ''}${format}`;
  const { sort, dir } = currentSort(filters);
  const pageLink = (n: number) => `${PATH}?${filtersToSearchParams(filters, { page: n })}`;
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('trackerViews.title')}
        lead={t('trackerViews.lead')}
        actions={
          <>
            <Link to={withQuery('/actions/timeline')} className="btn-secondary">
              {t('trackerViews.timeline')}
            </Link>
            {canImport ? (
              <Link to="/actions/import" className="btn-secondary">
                {t('trackerViews.import')}
              </Link>
            ) : null}
            {canCreate ? (
              <Link to="/actions/new" className="btn-primary">
                {t('trackerViews.newItem')}
              </Link>
            ) : null}
          </>
        }
      />
      <ActionFilterForm filters={filters} options={options} action={PATH} hidden={{ sort: filters.sort, dir: filters.dir }} />
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700" aria-live="polite">
          {t('trackerViews.count', { count: total })} · {t('trackerViews.pageOf', { page, pages })}
        </p>
        {canExport ? (
          <div className="flex gap-2 text-sm">
            {/* Resource routes: a full download, not a client-side navigation. */}
            <a href={withQuery('/actions.csv')} className="btn-secondary" download>
              {t('trackerViews.exportCsv')}
            </a>
            <a href={withQuery('/actions.xlsx')} className="btn-secondary" download>
              {t('trackerViews.exportXlsx')}
            </a>
            <details className="relative">
              <summary className="btn-secondary cursor-pointer">{t('trackerData.exportFormats.more')}</summary>
              <ul className="absolute right-0 z-10 mt-1 w-80 space-y-1 rounded border border-slate-200 bg-white p-2 shadow">
                <li>
                  <a href={withFormat('/actions.csv', 'sep=semicolon')} download>
                    {t('trackerData.exportFormats.csvSemicolon')}
                  </a>
                </li>
                <li>
                  <a href={withFormat('/actions.csv', 'sep=comma')} download>
                    {t('trackerData.exportFormats.csvComma')}
                  </a>
                </li>
                <li>
                  <a href={withFormat('/actions.csv', 'format=machine')} download>
                    {t('trackerData.exportFormats.machineCsv')}
                  </a>
                </li>
                <li>
                  <a href={withFormat('/actions.xlsx', 'format=machine')} download>
                    {t('trackerData.exportFormats.machineXlsx')}
                  </a>
                </li>
              </ul>
            </details>
          </div>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="card">{t('trackerViews.none')}</p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="data-table" id="action-items">
            <caption className="sr-only">
              {t('trackerViews.caption', { column: t(`trackerViews.columns.${sort}`), direction: t(dir === 'asc' ? 'trackerViews.ascending' : 'trackerViews.descending') })}
            </caption>
            <thead>
              <tr>
                <SortHeader column="code" label={t('trackerViews.columns.code')} filters={filters} path={PATH} />
                <th scope="col">{t('trackerViews.columns.title')}</th>
                <SortHeader column="owner" label={t('trackerViews.columns.owner')} filters={filters} path={PATH} />
                <th scope="col">{t('trackerViews.columns.cbms')}</th>
                <SortHeader column="status" label={t('trackerViews.columns.status')} filters={filters} path={PATH} />
                <SortHeader column="priority" label={t('trackerViews.columns.priority')} filters={filters} path={PATH} />
                <SortHeader column="due" label={t('trackerViews.columns.due')} filters={filters} path={PATH} />
                <SortHeader column="progress" label={t('trackerViews.columns.progress')} filters={filters} path={PATH} />
                <SortHeader column="updated" label={t('trackerViews.columns.updated')} filters={filters} path={PATH} />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.overdue ? 'bg-red-50' : undefined}>
                  <th scope="row" className="whitespace-nowrap font-mono">
                    <Link to={`/actions/${row.id}`}>{row.code}</Link>
                  </th>
                  <td className="min-w-[16rem]">
                    <Link to={`/actions/${row.id}`} className="text-slate-900">
                      {row.title}
                    </Link>
                  </td>
                  <td>{row.ownerAcronym ? <abbr title={row.ownerName}>{row.ownerAcronym}</abbr> : row.ownerName}</td>
                  <td className="whitespace-nowrap">
                    {row.cbms.map((n, index) => (
                      <span key={n}>
                        {index > 0 ? ', ' : null}
                        {n === row.primaryCbm ? <strong title={t('trackerViews.primaryCbm', { number: n })}>{n}</strong> : n}
                      </span>
                    ))}
                  </td>
                  <td>{t(`trackerViews.status.${row.status}`)}</td>
                  <td>{t(`trackerViews.priority.${row.priority}`)}</td>
                  <td className="whitespace-nowrap">
                    {row.dueDate ? formatDate(row.dueDate, i18n.language) : <span className="text-slate-500">{t('trackerViews.noDate')}</span>}
                    {row.overdue ? <OverdueMark /> : null}
                  </td>
                  <td>
                    <ProgressBar value={row.progress} />
                  </td>
                  <td className="whitespace-nowrap">{formatDate(row.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t('trackerViews.pagination')} className="mt-4">
          <ul className="flex flex-wrap items-center gap-1 text-sm">
            {page > 1 ? (
              <li>
                <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
                  {t('trackerViews.previous')}
                </Link>
              </li>
            ) : null}
            {pageNumbers(page, pages).map((n, index) =>
              n === null ? (
                <li key={`gap-${index}`} aria-hidden="true" className="px-1">
                  …
                </li>
              ) : (
                <li key={n}>
                  <Link
                    to={pageLink(n)}
                    className={n === page ? 'btn-primary' : 'btn-secondary'}
                    aria-current={n === page ? 'page' : undefined}
                    aria-label={t('trackerViews.goToPage', { page: n })}
                  >
                    {n}
                  </Link>
                </li>
              ),
            )}
            {page < pages ? (
              <li>
                <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
                  {t('trackerViews.next')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

/** The first, last and nearby page numbers, with null for a gap. */
function pageNumbers(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && n - last > 1) out.push(null);
    out.push(n);
  }
  return out;
}
