import type { LoaderFunctionArgs } from '@remix-run/node';
import { getSettings } from '../models/setting.server.ts';
import { listPublicUpdateFeed } from '../services/scoped-reads.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { atomXml, tagUri } from '../utils/atom.server.ts';
import { formatDate } from '../utils/format.ts';
import { publicCacheHeaders } from '../utils/http-cache.server.ts';
import { publicChangeText, publicItemPath } from '../utils/public-progress.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

const FEED_SIZE = 50;

/**
 * The Atom feed of public progress updates, newest first: what each update of
 * a TLP:CLEAR item changed in its status and progress. Never an update's
 * note, evidence or author (app/models/public-progress.server.ts). Public.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, baseURL } = context.services;
  const [updates, settings, t, language] = await Promise.all([listPublicUpdateFeed(db, FEED_SIZE), getSettings(db), i18nServer.getFixedT(request), resolveLanguage(request)]);
  const entries = updates.map((update) => {
    const change = publicChangeText(t, update);
    return {
      id: tagUri(baseURL, update.createdAt, `progress-update:${update.id}`),
      title: t('trackerViews.progress.feedEntryTitle', { code: update.code, title: update.title, change }),
      updated: update.createdAt,
      published: update.createdAt,
      href: new URL(publicItemPath(update.itemId), baseURL).href,
      category: update.statusTo ? { term: update.statusTo, label: t(`trackerViews.status.${update.statusTo}`) } : undefined,
      summary: `${formatDate(update.date, language)}: ${change}`,
    };
  });
  // The entries are the whole content: a new update, a reclassified item or a changed title changes the ETag.
  const headers = await publicCacheHeaders(request, ['progress-atom', settings.groupName, JSON.stringify(entries)], 'revalidate');
  const xml = atomXml({
    id: new URL('/progress.atom', baseURL).href,
    title: t('trackerViews.progress.feedTitle', { group: settings.groupName }),
    updated: updates[0]?.createdAt ?? new Date(0).toISOString(),
    author: settings.groupName,
    selfHref: new URL('/progress.atom', baseURL).href,
    alternateHref: new URL('/progress', baseURL).href,
    entries,
  });
  headers.set('Content-Type', 'application/atom+xml; charset=utf-8');
  return new Response(xml, { headers });
}
