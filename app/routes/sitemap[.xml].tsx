import type { LoaderFunctionArgs } from '@remix-run/node';
import { editionNumber, listPublicEditions, listPublications } from '../models/publication.server.ts';
import { publicCacheHeaders } from '../utils/http-cache.server.ts';
import { publicationPath } from '../content/publication-html.server.ts';
import { listPublicItemPages } from '../services/scoped-reads.server.ts';
import { publicItemPath } from '../utils/public-progress.ts';
import { escapeXml } from '../utils/xml.server.ts';

// Public pages that exist whatever has been published (/progress: the public action-plan tracker).
const FIXED_PAGES = ['/', '/publications', '/progress'];

/** Every public page, for search engines. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db, baseURL } = context.services;
  const [latest, editions, items] = await Promise.all([listPublications(db), listPublicEditions(db), listPublicItemPages(db)]);
  const headers = await publicCacheHeaders(request, ['sitemap', ...editions.map((e) => e.id), ...items.map((i) => `${i.id}@${i.updatedAt}`)], 'revalidate');
  const url = (path: string, lastmod?: string) =>
    `  <url><loc>${escapeXml(new URL(path, baseURL).href)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</url>`;
  const lines = [
    ...FIXED_PAGES.map((path) => url(path, path === '/publications' ? latest[0]?.publishedAt : undefined)),
    ...latest.map((p) => url(publicationPath(p.slug), p.publishedAt)),
    ...editions.map((e) => url(publicationPath(e.slug, editionNumber(e)), e.publishedAt)),
    ...items.map((i) => url(publicItemPath(i.id), i.updatedAt)),
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${lines.join('\n')}
</urlset>
`;
  headers.set('Content-Type', 'application/xml; charset=utf-8');
  return new Response(xml, { headers });
}
