import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES } from '../../db/schema.ts';
import { ChartCard } from '../components/tracker/bar-chart.tsx';
import { ItemList } from '../components/tracker/item-list.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPillars, percent } from '../models/action-query.server.ts';
import { countHiddenItems, pillarCoverage, queryActionItems, trackerSummary } from '../services/scoped-reads.server.ts';
import { HiddenItemsNote } from '../components/tracker/hidden-items-note.tsx';
import { actionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';
import { pillarName } from '../utils/pillar-name.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerViews.dashboard.title');

const LIST_LENGTH = 8;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'tracker:dashboard');
  const { db } = args.context.services;
  const today = todayInSarajevo();
  const list = (filters: Parameters<typeof actionFilters>[0]) => queryActionItems(db, user, actionFilters(filters), { today, limit: LIST_LENGTH });
  const [summary, pillars, byPillar, overdue, dueSoon, stale, recent, hidden] = await Promise.all([
    trackerSummary(db, user, { today }),
    listPillars(db),
    pillarCoverage(db, user, { today }),
    list({ overdue: true, sort: 'due' }),
    list({ dueSoon: true, sort: 'due' }),
    list({ stale: true, sort: 'updated', dir: 'asc' }),
    list({ sort: 'updated', dir: 'desc' }),
    countHiddenItems(db, user),
  ]);
  const noPillar = byPillar.get('');
  return {
    summary,
    hidden,
    onTimePercent: percent(summary.completedOnTime, summary.completedWithDueDate),
    onTrackPercent: percent(summary.openOnTrack, summary.open),
    pillars: [
      ...pillars.map((p) => ({ code: p.code, name: p.name, ...byPillar.get(p.code)! })),
      ...(noPillar && noPillar.total > 0 ? [{ code: '', name: '', ...noPillar }] : []),
    ],
    overdue,
    dueSoon,
    stale,
    recent,
  };
}

export default function TrackerDashboard() {
  const { t } = useTranslation();
  const { summary, hidden, onTimePercent, onTrackPercent, pillars, overdue, dueSoon, stale, recent } = useLoaderData<typeof loader>();
  const pct = (value: number | null) => (value === null ? t('trackerViews.dashboard.notApplicable') : t('trackerViews.dashboard.percentValue', { value }));
  const pillarLabel = (p: { code: string; name: string }) => (p.code ? `${p.code}: ${pillarName(t, p)}` : t('trackerViews.noPillar'));
  const statusRows = ACTION_STATUSES.map((s) => ({ key: s, label: t(`trackerViews.status.${s}`), value: summary.byStatus[s], valueText: String(summary.byStatus[s]) }));
  const pillarRows = pillars.map((p) => ({
    key: p.code || 'none',
    label: pillarLabel(p),
    value: p.completed,
    total: p.total,
    valueText: t('trackerViews.dashboard.completedOf', { completed: p.completed, total: p.total }),
  }));
  const stats: { key: string; label: string; value: string; link?: string }[] = [
    { key: 'total', label: t('trackerViews.dashboard.total'), value: String(summary.total), link: '/actions' },
    { key: 'open', label: t('trackerViews.dashboard.open'), value: String(summary.open) },
    { key: 'overdue', label: t('trackerViews.dashboard.overdue'), value: String(summary.overdue), link: '/actions?overdue=1&sort=due' },
    { key: 'due-soon', label: t('trackerViews.dashboard.dueSoon'), value: String(summary.dueSoon), link: '/actions?dueSoon=1&sort=due' },
    { key: 'stale', label: t('trackerViews.dashboard.stale'), value: String(summary.stale), link: '/actions?stale=1&sort=updated&dir=asc' },
    {
      key: 'on-time',
      label: t('trackerViews.dashboard.onTime'),
      value: t('trackerViews.dashboard.onTimeValue', { part: summary.completedOnTime, whole: summary.completedWithDueDate, percent: pct(onTimePercent) }),
    },
    {
      key: 'on-track',
      label: t('trackerViews.dashboard.onTrack'),
      value: t('trackerViews.dashboard.onTimeValue', { part: summary.openOnTrack, whole: summary.open, percent: pct(onTrackPercent) }),
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('trackerViews.dashboard.title')}
        lead={t('trackerViews.dashboard.lead')}
        actions={
          <>
            <Link to="/actions" className="btn-secondary">
              {t('trackerViews.list')}
            </Link>
            <Link to="/actions/timeline" className="btn-secondary">
              {t('trackerViews.timeline')}
            </Link>
            <Link to="/cbms" className="btn-secondary">
              {t('trackerViews.coverage.title')}
            </Link>
          </>
        }
      />
      <section aria-labelledby="totals-title" className="mb-6">
        <h2 id="totals-title" className="sr-only">
          {t('trackerViews.dashboard.totals')}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" id="tracker-totals">
          {stats.map((stat) => (
            <div key={stat.key} className="card" data-stat={stat.key}>
              <dt className="text-sm font-semibold text-slate-600">{stat.label}</dt>
              <dd className="mt-1 text-2xl font-bold tabular-nums">{stat.link ? <Link to={stat.link}>{stat.value}</Link> : stat.value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-2">
          <HiddenItemsNote count={hidden} scope="tracker" />
        </div>
        <p className="mt-2 text-sm">
          <a href="#definitions">{t('trackerViews.dashboard.definitions')}</a>
        </p>
      </section>
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <ChartCard
          headingId="by-status-heading"
          chartId="chart-status"
          title={t('trackerViews.dashboard.byStatusTitle')}
          desc={t('trackerViews.dashboard.byStatusDesc', { values: statusRows.map((r) => `${r.label}: ${r.valueText}`).join(', ') })}
          rows={statusRows}
        />
        <ChartCard
          headingId="by-pillar-heading"
          chartId="chart-pillar"
          title={t('trackerViews.dashboard.byPillarTitle')}
          desc={t('trackerViews.dashboard.byPillarDesc', { values: pillarRows.map((r) => `${r.label}: ${r.valueText}`).join('; ') })}
          rows={pillarRows}
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <ItemList id="list-overdue" title={t('trackerViews.dashboard.overdueList')} items={overdue.rows} total={overdue.total} seeAll="/actions?overdue=1&sort=due" show="due" />
        <ItemList id="list-due-soon" title={t('trackerViews.dashboard.dueSoonList')} items={dueSoon.rows} total={dueSoon.total} seeAll="/actions?dueSoon=1&sort=due" show="due" />
        <ItemList id="list-stale" title={t('trackerViews.dashboard.staleList')} items={stale.rows} total={stale.total} seeAll="/actions?stale=1&sort=updated&dir=asc" show="lastUpdate" />
        <ItemList id="list-recent" title={t('trackerViews.dashboard.recentList')} items={recent.rows} total={recent.total} seeAll="/actions?sort=updated&dir=desc" show="updated" />
      </div>
      <section id="definitions" className="card mt-6 text-sm" aria-labelledby="definitions-title">
        <h2 id="definitions-title" className="mb-2 text-lg font-bold">
          {t('trackerViews.dashboard.definitions')}
        </h2>
        <dl className="space-y-2">
          {(['overdue', 'dueSoon', 'stale', 'onTime', 'onTrack'] as const).map((key) => (
            <div key={key}>
              <dt className="font-semibold">{t(`trackerViews.dashboard.${key}`)}</dt>
              <dd>{t(`trackerViews.definitions.${key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
