import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionFilterForm } from '../components/tracker/action-filter-form.tsx';
import { OverdueMark } from '../components/tracker/overdue-mark.tsx';
import { ProgressBar } from '../components/ui/progress-bar.tsx';
import { SortHeader, currentSort } from '../components/tracker/sort-header.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPillars } from '../models/action-query.server.ts';
import { countHiddenItems, queryActionItemPage } from '../services/scoped-reads.server.ts';
import { HiddenItemsNote } from '../components/tracker/hidden-items-note.tsx';
import { institutionNamesIn, listInstitutionOptions } from '../models/institution.server.ts';
import { can } from '../policies/permissions.ts';
import {
  ACTION_LIST_COLUMNS,
  DEFAULT_ACTION_LIST_COLUMNS,
  filtersForQuery,
  filtersToSearchParams,
  parseActionFilters,
  type ActionFilters,
  type ActionListColumn,
  type ListCursor,
} from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { formatDate, formatNumber } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerViews.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:list');
  const { db } = args.context.services;
  const filters = parseActionFilters(new URL(args.request.url).searchParams);
  const language = await resolveLanguage(args.request);
  const [result, institutions, pillars, localNames, hidden] = await Promise.all([
    queryActionItemPage(db, user, filtersForQuery(filters, user.institutionId), { today: todayInSarajevo() }),
    listInstitutionOptions(db, language),
    listPillars(db),
    institutionNamesIn(db, language),
    countHiddenItems(db, user),
  ]);
  return {
    ...result,
    // The owner in the reader's language, as on the institution pages; the acronym follows it.
    rows: result.rows.map((row) => ({ ...row, ownerName: localNames.get(row.ownerInstitutionId) ?? row.ownerName })),
    hidden,
    filters,
    options: { institutions: institutions.map(({ id, name }) => ({ id, name })), pillars },
    canCreate: can(user, 'action-item:create'),
    canImport: can(user, 'action-item:import'),
    canExport: can(user, 'action-item:export'),
  };
}

const PATH = '/actions';

/** The chosen columns in their fixed order; none chosen means the defaults. */
function shownColumns(filters: ActionFilters): readonly ActionListColumn[] {
  return filters.cols.length > 0 ? filters.cols : DEFAULT_ACTION_LIST_COLUMNS;
}

const SORTABLE: Partial<Record<ActionListColumn, true>> = { owner: true, status: true, priority: true, due: true, progress: true, updated: true };

export default function ActionItems() {
  const { t, i18n } = useTranslation();
  const { rows, total, hidden, start, next, previous, filters, options, canCreate, canImport, canExport } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  // With JavaScript the filter form navigates on the client: until the new
  // list has loaded, the page still holds the old filters. The export links
  // follow the list being loaded, so a quick click exports what was asked for.
  const loadingHere = navigation.state === 'loading' && navigation.location.pathname === PATH;
  const exportFilters = loadingHere ? parseActionFilters(new URLSearchParams(navigation.location.search)) : filters;
  const exportQuery = filtersToSearchParams(exportFilters, { page: undefined, cursor: undefined, cols: [] }).toString();
  const withQuery = (path: string) => (exportQuery ? `${path}?${exportQuery}` : path);
  const withFormat = (path: string, format: string) => `${path}?${exportQuery ? `${exportQuery}&` : ''}${format}`;
  const listQuery = filtersToSearchParams(filters, { page: undefined, cursor: undefined, cols: [] }).toString();
  const { sort, dir } = currentSort(filters);
  // Plain links carrying every filter: paging works without JavaScript.
  const pageLink = (cursor: ListCursor | undefined) => `${PATH}?${filtersToSearchParams(filters, { page: undefined, cursor })}`;
  const columns = shownColumns(filters);
  const label = (column: ActionListColumn | 'code' | 'title') => t(`trackerViews.columns.${column}`);
  const cell: Record<ActionListColumn, (row: (typeof rows)[number]) => ReactNode> = {
    owner: (row) => (
      <>
        {row.ownerName}
        {row.ownerAcronym && row.ownerAcronym !== row.ownerName ? <span className="text-slate-600"> ({row.ownerAcronym})</span> : null}
      </>
    ),
    cbms: (row) =>
      row.cbms.map((n, index) => (
        <span key={n}>
          {index > 0 ? ', ' : null}
          {n === row.primaryCbm ? <strong title={t('trackerViews.primaryCbm', { number: n })}>{n}</strong> : n}
        </span>
      )),
    status: (row) => t(`trackerViews.status.${row.status}`),
    priority: (row) => t(`trackerViews.priority.${row.priority}`),
    due: (row) => (
      <>
        {row.dueDate ? formatDate(row.dueDate, i18n.language) : <span className="text-slate-500">{t('trackerViews.noDate')}</span>}
        {row.overdue ? <OverdueMark /> : null}
      </>
    ),
    progress: (row) => <ProgressBar value={row.progress} />,
    updated: (row) => formatDate(row.updatedAt, i18n.language),
  };
  const nowrap: Partial<Record<ActionListColumn, true>> = { cbms: true, due: true, updated: true };
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('trackerViews.title')}
        lead={t('trackerViews.lead')}
        actions={
          <>
            <Link to={listQuery ? `/actions/timeline?${listQuery}` : '/actions/timeline'} className="btn-secondary">
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
      <ActionFilterForm filters={filters} options={options} action={PATH} hidden={{ sort: filters.sort, dir: filters.dir, cols: filters.cols.join(',') || undefined }} />
      <details className="mb-4 rounded-md border border-slate-200 bg-white px-4 py-2" id="choose-columns">
        <summary className="cursor-pointer text-sm font-semibold">{t('trackerViews.chooseColumns')}</summary>
        <Form method="get" action={PATH} className="mt-2">
          {[...filtersToSearchParams(filters, { page: undefined, cursor: undefined, cols: [] })].map(([name, value], index) => (
            <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
          ))}
          <fieldset>
            <legend className="text-sm">{t('trackerViews.chooseColumnsLegend')}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {ACTION_LIST_COLUMNS.map((column) => (
                <label key={column} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="cols" value={column} defaultChecked={columns.includes(column)} />
                  {label(column)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="btn-secondary mt-2">
            {t('trackerViews.showColumns')}
          </button>
        </Form>
      </details>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="text-sm text-slate-700" aria-live="polite">
          <p>
            {rows.length > 0
              ? t('trackerViews.rangeOf', { from: formatNumber(start + 1, i18n.language), to: formatNumber(start + rows.length, i18n.language), total: formatNumber(total, i18n.language) })
              : t('trackerViews.count', { count: total })}
          </p>
          <HiddenItemsNote count={hidden} scope="tracker" />
        </div>
        {canExport ? (
          <div className="flex flex-wrap gap-2 text-sm" aria-busy={loadingHere || undefined}>
            {/* Resource routes: a full download, not a client-side navigation. */}
            <a href={withQuery('/actions.csv')} className="btn-secondary" download data-testid="export-csv">
              {t('trackerViews.exportCsv')}
            </a>
            <a href={withQuery('/actions.xlsx')} className="btn-secondary" download>
              {t('trackerViews.exportXlsx')}
            </a>
            <details className="relative">
              <summary className="btn-secondary cursor-pointer">{t('trackerData.exportFormats.more')}</summary>
              <ul className="absolute right-0 z-10 mt-1 w-80 max-w-[calc(100vw-2rem)] space-y-1 rounded border border-slate-200 bg-white p-2 shadow">
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
        <div className="table-frame">
          <table className="data-table stack-table sm:[&_td]:px-2 sm:[&_th]:px-2" id="action-items">
            <caption className="sr-only">
              {t('trackerViews.caption', { column: t(`trackerViews.columns.${sort}`), direction: t(dir === 'asc' ? 'trackerViews.ascending' : 'trackerViews.descending') })}
            </caption>
            <thead>
              <tr>
                <SortHeader column="code" label={label('code')} filters={filters} path={PATH} />
                <th scope="col">{label('title')}</th>
                {columns.map((column) =>
                  SORTABLE[column] ? (
                    <SortHeader key={column} column={column as Exclude<ActionListColumn, 'cbms'>} label={label(column)} filters={filters} path={PATH} />
                  ) : (
                    <th key={column} scope="col">
                      {label(column)}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.overdue ? 'bg-red-50' : undefined}>
                  <th scope="row" className="whitespace-nowrap font-mono">
                    <Link to={`/actions/${row.id}`}>{row.code}</Link>
                  </th>
                  <td data-label={label('title')} className="sm:min-w-[10rem]">
                    <Link to={`/actions/${row.id}`} className="text-slate-900">
                      {row.title}
                    </Link>
                  </td>
                  {columns.map((column) => (
                    <td key={column} data-label={label(column)} className={nowrap[column] ? 'whitespace-nowrap' : undefined}>
                      {cell[column](row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {previous || next ? (
        <nav aria-label={t('trackerViews.pagination')} className="mt-4">
          <ul className="flex flex-wrap items-center gap-1 text-sm">
            {previous ? (
              <>
                <li>
                  <Link to={pageLink(undefined)} className="btn-secondary">
                    {t('trackerViews.firstPage')}
                  </Link>
                </li>
                <li>
                  <Link to={pageLink(previous)} className="btn-secondary" rel="prev">
                    {t('trackerViews.previous')}
                  </Link>
                </li>
              </>
            ) : null}
            {next ? (
              <li>
                <Link to={pageLink(next)} className="btn-secondary" rel="next">
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
