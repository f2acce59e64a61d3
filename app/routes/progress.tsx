import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ChartCard } from '../components/tracker/bar-chart.tsx';
import { ItemsTable } from '../components/tracker/items-table.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPillars } from '../models/action-query.server.ts';
import { cbmCoverage, listPublicItems, pillarCoverage } from '../services/scoped-reads.server.ts';
import { listCbms } from '../models/cbm.server.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { pageTitle } from '../locales/meta.ts';
import { staticPage } from '../utils/static-page.ts';
import { pillarName } from '../utils/pillar-name.ts';

export const handle = staticPage;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerViews.progress.title');

const PUBLIC_PAGE_SIZE = 100;
const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/**
 * The public face of the tracker: TLP:CLEAR items only, and only their code,
 * title, owner, status, due date and progress. Progress notes, comments,
 * evidence and indicators never reach this page (the queries do not select them).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const today = todayInSarajevo();
  const requested = PageSchema.parse(new URL(request.url).searchParams.get('page') ?? 1);
  const [cbms, pillars, byCbm, byPillar, items] = await Promise.all([
    listCbms(db),
    listPillars(db),
    cbmCoverage(db, 'public', { today }),
    pillarCoverage(db, 'public', { today }),
    listPublicItems(db, { limit: PUBLIC_PAGE_SIZE, offset: (requested - 1) * PUBLIC_PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(items.total / PUBLIC_PAGE_SIZE));
  return {
    cbms: cbms.map((c) => ({ number: c.number, title: c.title, ...byCbm.get(c.number)! })).filter((c) => c.total > 0),
    pillars: pillars.map((p) => ({ code: p.code, name: p.name, ...byPillar.get(p.code)! })).filter((p) => p.total > 0),
    items: items.rows,
    total: items.total,
    page: Math.min(requested, pages),
    pages,
  };
}

export default function PublicProgress() {
  const { t } = useTranslation();
  const { cbms, pillars, items, total, page, pages } = useLoaderData<typeof loader>();
  const completedText = (r: { completed: number; total: number; percentCompleted: number | null }) =>
    t('trackerViews.progress.completedOf', { completed: r.completed, total: r.total, percent: r.percentCompleted ?? 0 });
  const cbmRows = cbms.map((c) => ({ key: String(c.number), label: `${t('cbms.cbm', { number: c.number })}: ${c.title}`, value: c.completed, total: c.total, valueText: completedText(c) }));
  const pillarRows = pillars.map((p) => ({
    key: p.code,
    label: `${p.code}: ${pillarName(t, p)}`,
    value: p.completed,
    total: p.total,
    valueText: completedText(p),
  }));
  return (
    <div>
      <PageHeader title={t('trackerViews.progress.title')} lead={t('trackerViews.progress.lead')} />
      {total === 0 ? (
        <p className="card">{t('trackerViews.progress.none')}</p>
      ) : (
        <>
          <div className="mb-6 grid gap-4 lg:grid-cols-2">
            <ChartCard
              headingId="progress-cbm-heading"
              chartId="chart-progress-cbm"
              title={t('trackerViews.progress.byCbm')}
              desc={t('trackerViews.progress.byCbmDesc', { values: cbmRows.map((r) => `${t('cbms.cbm', { number: r.key })}: ${r.valueText}`).join('; ') })}
              rows={cbmRows}
            />
            <ChartCard
              headingId="progress-pillar-heading"
              chartId="chart-progress-pillar"
              title={t('trackerViews.progress.byPillar')}
              desc={t('trackerViews.progress.byPillarDesc', { values: pillarRows.map((r) => `${r.label}: ${r.valueText}`).join('; ') })}
              rows={pillarRows}
            />
          </div>
          <section aria-labelledby="public-items-heading">
            <h2 id="public-items-heading" className="mb-2 text-lg font-bold">
              {t('trackerViews.progress.items')}
            </h2>
            <p className="mb-2 text-sm text-slate-700">
              {t('trackerViews.count', { count: total })}
              {pages > 1 ? ` · ${t('trackerViews.pageOf', { page, pages })}` : null}
            </p>
            <ItemsTable id="public-items" caption={t('trackerViews.progress.itemsCaption')} rows={items} columns={['owner', 'status', 'due', 'progress']} linked={false} />
            {pages > 1 ? (
              <nav aria-label={t('trackerViews.pagination')} className="mt-3 flex gap-2 text-sm">
                {page > 1 ? (
                  <Link to={`/progress?page=${page - 1}`} className="btn-secondary" rel="prev">
                    {t('trackerViews.previous')}
                  </Link>
                ) : null}
                {page < pages ? (
                  <Link to={`/progress?page=${page + 1}`} className="btn-secondary" rel="next">
                    {t('trackerViews.next')}
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
