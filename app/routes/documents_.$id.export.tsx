import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderHtml, renderMarkdown } from '../content/render.server.ts';
import { loadMergedState } from '../models/document-state.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { documentHtmlFile, documentMarkdownFile, exportFileName } from '../content/document-export.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { DOCX_CONTENT_TYPE, documentDocx } from '../services/document-docx.server.ts';

/** The current text as HTML, Markdown, Word or a print-ready page; every export carries the TLP label. */
export async function loader(args: LoaderFunctionArgs) {
  const { document, user, accessContext } = await requireDocumentAccess(args, 'view');
  const format = new URL(args.request.url).searchParams.get('format');
  if (format !== 'html' && format !== 'md' && format !== 'print' && format !== 'docx') throw new Response('Unknown export format', { status: 400 });
  const headers = { 'Cache-Control': 'private, no-store' };
  if (format === 'docx') {
    // With the open comments and pending suggestions this reader may see (docs/word-export.md).
    const [t, locale] = await Promise.all([i18nServer.getFixedT(args.request), i18nServer.getLocale(args.request)]);
    const file = await documentDocx(args.context.services, { user, document, accessContext, t, locale });
    return new Response(new Uint8Array(file.body), {
      headers: { ...headers, 'Content-Type': DOCX_CONTENT_TYPE, 'Content-Disposition': `attachment; filename="${file.fileName}"` },
    });
  }
  const state = await loadMergedState(args.context.services.db, document.id);
  if (!state) throw new Response('Not Found', { status: 404 });

  if (format === 'md') {
    return new Response(documentMarkdownFile(document, renderMarkdown(state)), {
      headers: { ...headers, 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${exportFileName(document.title, 'md')}"` },
    });
  }
  const t = await i18nServer.getFixedT(args.request);
  const locale = await i18nServer.getLocale(args.request);
  const html = documentHtmlFile(document, renderHtml(state), t('documents.printedOn', { date: formatDateTime(new Date().toISOString(), locale) }));
  return new Response(html, {
    headers: {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      ...(format === 'html' ? { 'Content-Disposition': `attachment; filename="${exportFileName(document.title, 'html')}"` } : {}),
    },
  });
}
