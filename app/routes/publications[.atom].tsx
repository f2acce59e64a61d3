import type { LoaderFunctionArgs } from '@remix-run/node';
import { editionNumber, listPublicEditions, type EditionSummary } from '../models/publication.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { publicCacheHeaders } from '../utils/http-cache.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { publicationPath } from '../content/publication-html.server.ts';
import { escapeXml } from '../utils/xml.server.ts';

const FEED_SIZE = 50;

/**
 * A tag URI (RFC 4151) that stays the entry's id even if the site moves:
 * the host of the site and the day the edition appeared, then its id.
 */
function entryId(baseURL: string, edition: EditionSummary): string {
  return `tag:${new URL(baseURL).hostname},${edition.publishedAt.slice(0, 10)}:edition:${edition.id}`;
}

/** The Atom feed of published editions, newest first. Public. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, baseURL } = context.services;
  const editions = await listPublicEditions(db, FEED_SIZE);
  const [settings, t] = await Promise.all([getSettings(db), i18nServer.getFixedT(request)]);
  const headers = await publicCacheHeaders(request, ['atom', settings.groupName, ...editions.map((e) => e.id)], 'revalidate');
  const feedUrl = new URL('/publications.atom', baseURL).href;
  const updated = editions[0]?.publishedAt ?? new Date(0).toISOString();
  const entries = editions.map((edition) => {
    const url = new URL(publicationPath(edition.slug, editionNumber(edition)), baseURL).href;
    const summary = edition.changelog || edition.summary;
    return `  <entry>
    <id>${escapeXml(entryId(baseURL, edition))}</id>
    <title>${escapeXml(t('publications.feedEntryTitle', { title: edition.title, number: editionNumber(edition) }))}</title>
    <updated>${escapeXml(edition.publishedAt)}</updated>
    <published>${escapeXml(edition.publishedAt)}</published>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <category term="${escapeXml(edition.type)}" label="${escapeXml(t(`documentTypes.${edition.type}`))}"/>
    <summary xml:lang="${escapeXml(edition.language)}">${escapeXml(summary)}</summary>
  </entry>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feedUrl)}</id>
  <title>${escapeXml(t('publications.feedTitle', { group: settings.groupName }))}</title>
  <updated>${escapeXml(updated)}</updated>
  <author><name>${escapeXml(settings.groupName)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(new URL('/publications', baseURL).href)}"/>
${entries.join('\n')}
</feed>
`;
  headers.set('Content-Type', 'application/atom+xml; charset=utf-8');
  return new Response(xml, { headers });
}
