import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BarChart } from '../components/tracker/bar-chart.tsx';
import { ProgressValue } from '../components/tracker/overdue-mark.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { cbmCoverage, listPillars, listPublicItems, pillarCoverage } from '../models/action-query.server.ts';
import { listCbms } from '../models/cbm.server.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { formatDate } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { staticPage } from '../utils/static-page.ts';

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
    pillars: pillars.map((p) => ({ code: p.code, name: p.name, nameBs: p.nameBs, ...byPillar.get(p.code)! })).filter((p) => p.total > 0),
    items: items.rows,
    total: items.total,
    page: Math.min(requested, pages),
    pages,
  };
}

export default function PublicProgress() {
  const { t, i18n } = useTranslation();
  const { cbms, pillars, items, total, page, pages } = useLoaderData<typeof loader>();
  const completedText = (r: { completed: number; total: number; percentCompleted: number | null }) =>
    t('trackerViews.progress.completedOf', { completed: r.completed, total: r.total, percent: r.percentCompleted ?? 0 });
  const cbmRows = cbms.map((c) => ({ key: String(c.number), label: `${t('cbms.cbm', { number: c.number })}: ${c.title}`, value: c.completed, total: c.total, valueText: completedText(c) }));
  const pillarRows = pillars.map((p) => ({
    key: p.code,
    label: `${p.code}: ${i18n.language === 'bs' ? p.nameBs : p.name}`,
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
            <section className="card" aria-labelledby="progress-cbm-heading">
              <h2 id="progress-cbm-heading" className="mb-2 text-lg font-bold">
                {t('trackerViews.progress.byCbm')}
              </h2>
              <BarChart
                id="chart-progress-cbm"
                title={t('trackerViews.progress.byCbm')}
                desc={t('trackerViews.progress.byCbmDesc', { values: cbmRows.map((r) => `${t('cbms.cbm', { number: r.key })}: ${r.valueText}`).join('; ') })}
                rows={cbmRows}
              />
            </section>
            <section className="card" aria-labelledby="progress-pillar-heading">
              <h2 id="progress-pillar-heading" className="mb-2 text-lg font-bold">
                {t('trackerViews.progress.byPillar')}
              </h2>
              <BarChart
                id="chart-progress-pillar"
                title={t('trackerViews.progress.byPillar')}
                desc={t('trackerViews.progress.byPillarDesc', { values: pillarRows.map((r) => `${r.label}: ${r.valueText}`).join('; ') })}
                rows={pillarRows}
              />
            </section>
          </div>
          <section aria-labelledby="public-items-heading">
            <h2 id="public-items-heading" className="mb-2 text-lg font-bold">
              {t('trackerViews.progress.items')}
            </h2>
            <p className="mb-2 text-sm text-slate-700">
              {t('trackerViews.count', { count: total })}
              {pages > 1 ? ` · ${t('trackerViews.pageOf', { page, pages })}` : null}
            </p>
            <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
              <table className="data-table" id="public-items">
                <caption className="sr-only">{t('trackerViews.progress.itemsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('trackerViews.columns.code')}</th>
                    <th scope="col">{t('trackerViews.columns.title')}</th>
                    <th scope="col">{t('trackerViews.columns.owner')}</th>
                    <th scope="col">{t('trackerViews.columns.status')}</th>
                    <th scope="col">{t('trackerViews.columns.due')}</th>
                    <th scope="col">{t('trackerViews.columns.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row" className="whitespace-nowrap font-mono font-normal">
                        {item.code}
                      </th>
                      <td>{item.title}</td>
                      <td>{item.ownerName}</td>
                      <td>{t(`trackerViews.status.${item.status}`)}</td>
                      <td className="whitespace-nowrap">{item.dueDate ? formatDate(item.dueDate, i18n.language) : t('trackerViews.noDate')}</td>
                      <td>
                        <ProgressValue value={item.progress} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
