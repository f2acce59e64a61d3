import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PublicErrorBoundary } from '../components/public-error.tsx';
import { DueDate } from '../components/tracker/items-table.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { ProgressBar } from '../components/ui/progress-bar.tsx';
import { listCbms } from '../models/cbm.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { getPublicItem, listPublicItemUpdates } from '../services/scoped-reads.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { isOverdue, todayInSarajevo } from '../utils/action-dates.ts';
import { formatDate } from '../utils/format.ts';
import { cachedRouteHeaders, publicCacheHeaders } from '../utils/http-cache.server.ts';
import { pillarName } from '../utils/pillar-name.ts';
import { publicChangeText, publicItemPath } from '../utils/public-progress.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';
import { staticPage } from '../utils/static-page.ts';

export const handle = staticPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  if (!data) return pageTitle(matches, 'trackerViews.progress.title');
  const root = matches.find((m) => m.id === 'root')?.data as { groupName?: string } | undefined;
  const title = `${data.item.code} ${data.item.title}`;
  return [
    { title: root?.groupName ? `${title} · ${root.groupName}` : title },
    { name: 'description', content: data.description },
    { tagName: 'link', rel: 'canonical', href: data.url },
    { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: '/progress.atom' },
  ];
};

export const headers = cachedRouteHeaders;

const IdSchema = z.string().trim().min(1).max(64);

/**
 * One TLP:CLEAR item for the public: its public fields and what its progress
 * updates changed in status and progress (never their notes, evidence or
 * authors). An unknown id and an item that is not CLEAR (now) are the same 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, baseURL } = context.services;
  const id = IdSchema.safeParse(params.id);
  if (!id.success) throw new Response('Not Found', { status: 404 });
  const language = await resolveLanguage(request);
  const item = await getPublicItem(db, id.data, language);
  if (!item) throw new Response('Not Found', { status: 404 });
  const [updates, cbms, settings, t] = await Promise.all([listPublicItemUpdates(db, item.id), listCbms(db, language), getSettings(db), i18nServer.getFixedT(request)]);
  const body = {
    item: {
      id: item.id,
      code: item.code,
      title: item.title,
      owner: item.ownerAcronym ? `${item.ownerName} (${item.ownerAcronym})` : item.ownerName,
      pillar: item.pillarCode && item.pillarName ? { code: item.pillarCode, name: item.pillarName } : null,
      primaryCbm: item.primaryCbm,
      cbms: cbms.filter((c) => item.cbms.includes(c.number)).map((c) => ({ number: c.number, title: c.title, language: c.language })),
      status: item.status,
      dueDate: item.dueDate,
      overdue: isOverdue(item, todayInSarajevo()),
      progress: item.progress,
    },
    updates: updates.map((u) => ({ id: u.id, date: u.date, statusFrom: u.statusFrom, statusTo: u.statusTo, progressFrom: u.progressFrom, progressTo: u.progressTo })),
    url: new URL(publicItemPath(item.id), baseURL).href,
    description: t('trackerViews.progress.lead'),
  };
  const cacheHeaders = await publicCacheHeaders(request, ['progress-item', settings.groupName, JSON.stringify(body)], 'revalidate');
  return data(body, { headers: cacheHeaders });
}

export default function PublicProgressItem() {
  const { t, i18n } = useTranslation();
  const { item, updates } = useLoaderData<typeof loader>();
  const fact = (label: string, value: ReactNode) => (
    <div className="border-b border-slate-100 py-2 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm font-semibold text-slate-700">{label}</dt>
      <dd className="mt-1 sm:mt-0">{value}</dd>
    </div>
  );
  return (
    <div>
      <p className="mb-3 text-sm">
        <Link to="/progress">← {t('trackerViews.progress.allItems')}</Link>
      </p>
      <PageHeader title={`${item.code} ${item.title}`} />
      <section aria-labelledby="item-facts-heading" className="card mb-6">
        <h2 id="item-facts-heading" className="mb-2 text-lg font-bold">
          {t('trackerViews.progress.itemFacts')}
        </h2>
        <dl>
          {fact(t('trackerViews.progress.owner'), item.owner)}
          {fact(
            t('trackerViews.progress.cbms'),
            <ul className="space-y-1">
              {item.cbms.map((c) => (
                <li key={c.number}>
                  <Link to={`/progress?cbm=${c.number}`}>{c.number === item.primaryCbm ? t('trackerViews.primaryCbm', { number: c.number }) : t('cbms.cbm', { number: c.number })}</Link>
                  {': '}
                  <span lang={c.language}>{c.title}</span>
                </li>
              ))}
            </ul>,
          )}
          {fact(t('trackerViews.progress.pillar'), item.pillar ? `${item.pillar.code}: ${pillarName(t, item.pillar)}` : t('trackerViews.noPillar'))}
          {fact(t('trackerViews.progress.status'), t(`trackerViews.status.${item.status}`))}
          {fact(t('trackerViews.progress.due'), <DueDate date={item.dueDate} overdue={item.overdue} />)}
          {fact(t('trackerViews.progress.progress'), <ProgressBar value={item.progress} />)}
        </dl>
      </section>
      <section aria-labelledby="item-updates-heading">
        <h2 id="item-updates-heading" className="mb-1 text-lg font-bold">
          {t('trackerViews.progress.updates')}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t('trackerViews.progress.updatesRule')}</p>
        {updates.length === 0 ? (
          <p className="card">{t('trackerViews.progress.noUpdates')}</p>
        ) : (
          <ol className="space-y-2" aria-label={t('trackerViews.progress.updatesCaption')}>
            {updates.map((u) => (
              <li key={u.id} className="card flex flex-col gap-1 sm:flex-row sm:gap-4">
                <time dateTime={u.date} className="whitespace-nowrap font-semibold text-slate-800 sm:w-40">
                  {formatDate(u.date, i18n.language)}
                </time>
                <span>{publicChangeText(t, u, { sentence: true })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = () => <PublicErrorBoundary back={{ href: '/progress', labelKey: 'trackerViews.progress.allItems' }} />;
