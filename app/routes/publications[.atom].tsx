import type { LoaderFunctionArgs } from '@remix-run/node';
import { editionNumber, listPublicEditions } from '../models/publication.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { publicCacheHeaders } from '../utils/http-cache.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { publicationPath } from '../content/publication-html.server.ts';
import { atomXml, tagUri } from '../utils/atom.server.ts';

const FEED_SIZE = 50;

/** The Atom feed of published editions, newest first. Public. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, baseURL } = context.services;
  const editions = await listPublicEditions(db, FEED_SIZE);
  const [settings, t] = await Promise.all([getSettings(db), i18nServer.getFixedT(request)]);
  const headers = await publicCacheHeaders(request, ['atom', settings.groupName, ...editions.map((e) => e.id)], 'revalidate');
  const xml = atomXml({
    id: new URL('/publications.atom', baseURL).href,
    title: t('publications.feedTitle', { group: settings.groupName }),
    updated: editions[0]?.publishedAt ?? new Date(0).toISOString(),
    author: settings.groupName,
    selfHref: new URL('/publications.atom', baseURL).href,
    alternateHref: new URL('/publications', baseURL).href,
    entries: editions.map((edition) => ({
      id: tagUri(baseURL, edition.publishedAt, `edition:${edition.id}`),
      title: t('publications.feedEntryTitle', { title: edition.title, number: editionNumber(edition) }),
      updated: edition.publishedAt,
      published: edition.publishedAt,
      href: new URL(publicationPath(edition.slug, editionNumber(edition)), baseURL).href,
      category: { term: edition.type, label: t(`documentTypes.${edition.type}`) },
      summary: edition.changelog || edition.summary,
      summaryLanguage: edition.language,
      language: edition.language,
    })),
  });
  headers.set('Content-Type', 'application/atom+xml; charset=utf-8');
  return new Response(xml, { headers });
}
