import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PublicErrorBoundary } from '../components/public-error.tsx';
import { ActionFilterForm } from '../components/tracker/action-filter-form.tsx';
import { ChartCard } from '../components/tracker/bar-chart.tsx';
import { ItemsTable } from '../components/tracker/items-table.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPillars } from '../models/action-query.server.ts';
import { listCbms } from '../models/cbm.server.ts';
import { publicSubset } from '../models/public-progress.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { cbmCoverage, countNonPublicItems, listPublicOwners, listPublicProgress, pillarCoverage } from '../services/scoped-reads.server.ts';
import { HiddenItemsNote } from '../components/tracker/hidden-items-note.tsx';
import { asActionFilters, isFiltered, parsePublicProgressFilters, publicProgressSearchParams } from '../schemas/public-progress-filters.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { cachedRouteHeaders, publicCacheHeaders } from '../utils/http-cache.server.ts';
import { pillarName } from '../utils/pillar-name.ts';
import { publicItemPath } from '../utils/public-progress.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';
import { staticPage } from '../utils/static-page.ts';

export const handle = staticPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, 'trackerViews.progress.title'),
  ...(data ? [{ name: 'description', content: data.description }] : []),
  { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: '/progress.atom' },
];

export const headers = cachedRouteHeaders;

const PUBLIC_PAGE_SIZE = 100;

/**
 * The public face of the tracker: TLP:CLEAR items only, and only their code,
 * title, owner, CBMs, pillar, status, due date and progress. Progress notes,
 * comments, evidence and indicators never reach this page (the queries do not
 * select them). The filters are a GET form; the bars count the filtered items.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const today = todayInSarajevo();
  const filters = parsePublicProgressFilters(new URL(request.url).searchParams);
  const language = await resolveLanguage(request);
  const filtered = isFiltered(filters);
  const listFilters = asActionFilters(filters);
  const only = filtered ? publicSubset(listFilters) : undefined;
  const requested = filters.page ?? 1;
  const page = (n: number) => listPublicProgress(db, listFilters, { limit: PUBLIC_PAGE_SIZE, offset: (n - 1) * PUBLIC_PAGE_SIZE, language, today });
  const [cbms, pillars, owners, byCbm, byPillar, first, settings, t, notPublic] = await Promise.all([
    listCbms(db, language),
    listPillars(db),
    listPublicOwners(db, language),
    cbmCoverage(db, 'public', { today, only }),
    pillarCoverage(db, 'public', { today, only }),
    page(requested),
    getSettings(db),
    i18nServer.getFixedT(request),
    // Over the whole tracker, whatever the filters: a search cannot probe what is not public.
    countNonPublicItems(db),
  ]);
  const pages = Math.max(1, Math.ceil(first.total / PUBLIC_PAGE_SIZE));
  const current = Math.min(requested, pages);
  const items = current === requested ? first : await page(current);
  const body = {
    filters,
    filtered,
    options: {
      institutions: owners.map((o) => ({ id: o.id, name: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
      pillars: pillars.map((p) => ({ code: p.code, name: p.name })),
    },
    cbms: cbms.map((c) => ({ number: c.number, title: c.title, ...byCbm.get(c.number)! })).filter((c) => c.total > 0),
    pillars: pillars.map((p) => ({ code: p.code, name: p.name, ...byPillar.get(p.code)! })).filter((p) => p.total > 0),
    items: items.rows.map((row) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      ownerName: row.ownerAcronym ? `${row.ownerName} (${row.ownerAcronym})` : row.ownerName,
      status: row.status,
      dueDate: row.dueDate,
      progress: row.progress,
      overdue: row.overdue,
    })),
    total: items.total,
    notPublic,
    page: current,
    pages,
    description: t('trackerViews.progress.lead'),
  };
  // The ETag is what the page shows: a status change, a reclassification or a renamed institution changes it.
  const cacheHeaders = await publicCacheHeaders(request, ['progress', settings.groupName, JSON.stringify(body)], 'revalidate');
  return data(body, { headers: cacheHeaders });
}

export default function PublicProgress() {
  const { t } = useTranslation();
  const { filters, filtered, options, cbms, pillars, items, total, notPublic, page, pages } = useLoaderData<typeof loader>();
  const query = publicProgressSearchParams(filters, { page: undefined }).toString();
  const withQuery = (path: string, extra?: string) => {
    const search = [query, extra].filter(Boolean).join('&');
    return search ? `${path}?${search}` : path;
  };
  const pageLink = (n: number) => withQuery('/progress', n > 1 ? `page=${n}` : undefined);
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
      <ActionFilterForm filters={asActionFilters(filters)} options={options} action="/progress" audience="public" />
      {total === 0 ? (
        <p className="card">{t(filtered ? 'trackerViews.progress.noneFiltered' : 'trackerViews.progress.none')}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700">{t(filtered ? 'trackerViews.progress.chartsFiltered' : 'trackerViews.progress.chartsAll')}</p>
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
            <HiddenItemsNote count={notPublic} scope="public" />
            <ItemsTable
              id="public-items"
              caption={t('trackerViews.progress.itemsCaption')}
              rows={items}
              columns={['owner', 'status', 'due', 'progress']}
              itemHref={(row) => publicItemPath(row.id)}
            />
            {pages > 1 ? (
              <nav aria-label={t('trackerViews.pagination')} className="mt-3 flex gap-2 text-sm">
                {page > 1 ? (
                  <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
                    {t('trackerViews.previous')}
                  </Link>
                ) : null}
                {page < pages ? (
                  <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
                    {t('trackerViews.next')}
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
        </>
      )}
      <section aria-labelledby="progress-downloads-heading" className="mt-6">
        <h2 id="progress-downloads-heading" className="mb-2 text-lg font-bold">
          {t('trackerViews.progress.downloads')}
        </h2>
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <li>
            {/* Resource routes: a full download, not a client-side navigation. */}
            <a href={withQuery('/progress.csv')} download>
              {t('trackerViews.progress.downloadCsv')}
            </a>
          </li>
          <li>
            <a href={withQuery('/progress.csv', 'sep=semicolon')} download>
              {t('trackerData.exportFormats.csvSemicolon')}
            </a>
          </li>
          <li>
            <a href={withQuery('/progress.csv', 'sep=comma')} download>
              {t('trackerData.exportFormats.csvComma')}
            </a>
          </li>
          <li>
            <a href={withQuery('/progress.csv', 'format=machine')} download>
              {t('trackerData.exportFormats.machineCsv')}
            </a>
          </li>
          <li>
            <a href="/progress.atom" type="application/atom+xml">
              {t('trackerViews.progress.feedLink')}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

export const ErrorBoundary = () => <PublicErrorBoundary back={{ href: '/progress', labelKey: 'trackerViews.progress.allItems' }} />;
