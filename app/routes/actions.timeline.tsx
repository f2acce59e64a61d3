import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ActionFilterForm } from '../components/tracker/action-filter-form.tsx';
import { OverdueMark } from '../components/tracker/overdue-mark.tsx';
import { TimelineChart, type TimelineGroup } from '../components/tracker/timeline-chart.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPillars } from '../models/action-query.server.ts';
import { queryActionItems } from '../services/scoped-reads.server.ts';
import { listInstitutionOptions } from '../models/institution.server.ts';
import { filtersToSearchParams, filtersForQuery, parseActionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { formatDate } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';
import { pillarName } from '../utils/pillar-name.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerViews.timelineView.title');

/** More bars than this make an unreadable chart; the page says so and asks for narrower filters. */
const MAX_ITEMS = 300;
const GroupSchema = z.enum(['pillar', 'cbm']).catch('pillar');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:list');
  const { db } = args.context.services;
  const params = new URL(args.request.url).searchParams;
  const filters = parseActionFilters(params);
  const group = GroupSchema.parse(params.get('group') ?? 'pillar');
  const today = todayInSarajevo();
  const [result, pillars, institutions] = await Promise.all([
    queryActionItems(db, user, { ...filtersForQuery(filters, user.institutionId), sort: 'due', dir: 'asc', page: undefined, cursor: undefined }, { today, limit: MAX_ITEMS }),
    listPillars(db),
    listInstitutionOptions(db),
  ]);
  return {
    rows: result.rows,
    total: result.total,
    filters,
    group,
    today,
    pillars,
    options: { institutions: institutions.map(({ id, name }) => ({ id, name })), pillars },
  };
}

export default function Timeline() {
  const { t, i18n } = useTranslation();
  const { rows, total, filters, group, today, pillars, options } = useLoaderData<typeof loader>();
  const dated = rows.filter((r) => r.startDate || r.dueDate);
  const undated = rows.filter((r) => !r.startDate && !r.dueDate);
  const pillarLabel = (code: string | null) => {
    const pillar = pillars.find((p) => p.code === code);
    return pillar ? `${pillar.code}: ${pillarName(t, pillar)}` : t('trackerViews.noPillar');
  };
  const groupOf = (row: (typeof rows)[number]) =>
    group === 'cbm' ? { key: String(row.primaryCbm).padStart(2, '0'), label: t('cbms.cbm', { number: row.primaryCbm }) } : { key: row.pillarCode ?? '~', label: pillarLabel(row.pillarCode) };
  const groups = new Map<string, TimelineGroup>();
  for (const row of dated) {
    const { key, label } = groupOf(row);
    if (!groups.has(key)) groups.set(key, { key, label, items: [] });
    groups.get(key)!.items.push(row);
  }
  const ordered = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  const listLink = `/actions?${filtersToSearchParams(filters, { page: undefined, cursor: undefined })}`;
  return (
    <div>
      <PageHeader
        title={t('trackerViews.timelineView.title')}
        lead={t('trackerViews.timelineView.lead')}
        actions={
          <Link to={listLink} className="btn-secondary">
            {t('trackerViews.list')}
          </Link>
        }
      />
      <ActionFilterForm
        filters={filters}
        options={options}
        action="/actions/timeline"
        extra={
          <div>
            <label htmlFor="timeline-group" className="block text-sm font-semibold">
              {t('trackerViews.filters.group')}
            </label>
            <select id="timeline-group" name="group" defaultValue={group} className="field-input">
              <option value="pillar">{t('trackerViews.timelineView.byPillar')}</option>
              <option value="cbm">{t('trackerViews.timelineView.byCbm')}</option>
            </select>
          </div>
        }
      />
      <p className="mb-2 text-sm text-slate-700" aria-live="polite">
        {t('trackerViews.count', { count: total })}
      </p>
      {total > MAX_ITEMS ? (
        <p role="status" className="mb-3 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          {t('trackerViews.timelineView.truncated', { count: MAX_ITEMS })}
        </p>
      ) : null}
      {dated.length > 0 ? (
        <>
          <ul className="mb-2 flex flex-wrap gap-4 text-xs text-slate-700">
            <li>{t('trackerViews.timelineView.legendOverdue')}</li>
            <li>{t('trackerViews.timelineView.legendMilestone')}</li>
          </ul>
          <div className="card overflow-x-auto p-2">
            <TimelineChart groups={ordered} today={today} count={dated.length} />
          </div>
          <details className="card mt-4">
            <summary className="cursor-pointer font-semibold">{t('trackerViews.timelineView.tableSummary')}</summary>
            <div className="mt-3 overflow-x-auto">
              <table className="data-table" id="timeline-table">
                <caption className="sr-only">{t('trackerViews.timelineView.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('trackerViews.columns.group')}</th>
                    <th scope="col">{t('trackerViews.columns.code')}</th>
                    <th scope="col">{t('trackerViews.columns.title')}</th>
                    <th scope="col">{t('trackerViews.columns.start')}</th>
                    <th scope="col">{t('trackerViews.columns.due')}</th>
                    <th scope="col">{t('trackerViews.columns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ordered.flatMap((g) =>
                    g.items.map((item) => (
                      <tr key={item.id}>
                        <td>{g.label}</td>
                        <th scope="row" className="font-mono font-normal">
                          <Link to={`/actions/${item.id}`}>{item.code}</Link>
                        </th>
                        <td>{item.title}</td>
                        <td className="whitespace-nowrap">{item.startDate ? formatDate(item.startDate, i18n.language) : t('trackerViews.noDate')}</td>
                        <td className="whitespace-nowrap">
                          {item.dueDate ? formatDate(item.dueDate, i18n.language) : t('trackerViews.noDate')}
                          {item.overdue ? <OverdueMark /> : null}
                        </td>
                        <td>{t(`trackerViews.status.${item.status}`)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
      <section className="mt-6" aria-labelledby="undated-title">
        <h2 id="undated-title" className="mb-2 text-lg font-bold">
          {t('trackerViews.timelineView.undated')}
        </h2>
        {undated.length === 0 ? (
          <p className="text-sm text-slate-600">{t('trackerViews.timelineView.undatedNone')}</p>
        ) : (
          <ul className="card divide-y divide-slate-200 text-sm" id="timeline-undated">
            {undated.map((item) => (
              <li key={item.id} className="py-2">
                <Link to={`/actions/${item.id}`}>
                  <span className="font-mono">{item.code}</span> {item.title}
                </Link>{' '}
                <span className="text-slate-600">· {t(`trackerViews.status.${item.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
