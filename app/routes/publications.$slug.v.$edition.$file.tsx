import type { LoaderFunctionArgs } from '@remix-run/node';
import { editionNumber } from '../models/publication.server.ts';
import { formatDate } from '../utils/format.ts';
import { publicCacheHeaders } from '../utils/http-cache.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { editionFileName, editionHtmlFile, editionMarkdownFile } from '../content/publication-html.server.ts';
import { loadEdition } from '../services/publication-page.server.ts';
import { notFound } from '../services/session.server.ts';
import { DOCX_CONTENT_TYPE, editionDocx } from '../services/document-docx.server.ts';

const FORMATS = {
  'download.html': { extension: 'html', type: 'text/html; charset=utf-8' },
  'download.md': { extension: 'md', type: 'text/markdown; charset=utf-8' },
  'download.docx': { extension: 'docx', type: DOCX_CONTENT_TYPE },
} as const;

/** An edition as a standalone HTML, Markdown or Word file (the published text only). Immutable, like the edition. */
export async function loader(args: LoaderFunctionArgs) {
  const file = args.params.file ?? '';
  const format = Object.hasOwn(FORMATS, file) ? FORMATS[file as keyof typeof FORMATS] : undefined;
  if (!format) throw notFound();
  const { edition } = await loadEdition(args.context.services.db, args.params.slug ?? '', args.params.edition ?? '');
  const headers = await publicCacheHeaders(args.request, ['download', format.extension, edition.id], 'immutable');
  const number = editionNumber(edition);
  const t = await i18nServer.getFixedT(args.request);
  const locale = await i18nServer.getLocale(args.request);
  const note = t('publications.printedFrom', { number, date: formatDate(edition.publishedAt, locale) });
  const body =
    format.extension === 'docx'
      ? new Uint8Array(await editionDocx(edition, note))
      : format.extension === 'html'
        ? editionHtmlFile(edition, note)
        : editionMarkdownFile(edition, note);
  headers.set('Content-Type', format.type);
  headers.set('Content-Disposition', `attachment; filename="${editionFileName(edition, number, format.extension)}"`);
  return new Response(body, { headers });
}
