import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderToStaticMarkup } from 'react-dom/server';
import { ProgressReportView } from '../components/progress-report-view.tsx';
import { listCbms } from '../models/cbm.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { osceExport } from '../services/scoped-reads.server.ts';
import type { Actor } from '../policies/permissions.ts';
import { attachment } from '../services/action-export.server.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { documentHtmlFile } from '../content/document-export.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { FALLBACK_LANGUAGE, isLanguage } from '../utils/languages.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { osceCsv, osceMarkdown, type OsceCbm } from '../services/osce-export.server.ts';
import { buildProgressReport, parseReportQuery, progressReportMarkdown } from '../services/progress-report.server.ts';
import { requirePermission } from '../services/session.server.ts';

/**
 * The files behind /cbms/osce-export and /reports/progress. They are resource
 * routes (a page route cannot answer a document request with a file), and the
 * pages send `?format=…` here so both addresses work.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** Every CBM with the readable items implementing it. */
export async function osceCbms(args: LoaderFunctionArgs, actor: Actor): Promise<OsceCbm[]> {
  const { db } = args.context.services;
  const [rows, byCbm] = await Promise.all([listCbms(db), osceExport(db, actor)]);
  return rows.map((cbm) => ({ number: cbm.number, title: cbm.title, items: byCbm.get(cbm.number) ?? [] }));
}

export async function osceDownload(args: LoaderFunctionArgs, format: 'md' | 'csv'): Promise<Response> {
  const user = await requirePermission(args, 'tracker:report');
  const { db, baseURL } = args.context.services;
  const cbms = await osceCbms(args, user);
  const name = `osce-cbm-exchange-${todayInSarajevo()}.${format}`;
  if (format === 'csv') {
    return new Response(osceCsv(cbms, baseURL), { headers: { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(name) } });
  }
  const [t, language, settings] = await Promise.all([i18nServer.getFixedT(args.request), i18nServer.getLocale(args.request), getSettings(db)]);
  const body = osceMarkdown(cbms, { t, language, baseURL, group: settings.groupName, generatedAt: new Date().toISOString() });
  return new Response(body, { headers: { ...NO_STORE, 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': attachment(name) } });
}

export async function progressReportDownload(args: LoaderFunctionArgs, format: 'md' | 'html'): Promise<Response> {
  const user = await requirePermission(args, 'tracker:report');
  const today = todayInSarajevo();
  const query = parseReportQuery(new URL(args.request.url).searchParams, today);
  if (!query.valid) throw new Response('Invalid date range: use from and to as YYYY-MM-DD, from not after to.', { status: 400 });
  const report = await buildProgressReport(args.context.services.db, user, { ...query, today });
  const [t, language] = await Promise.all([i18nServer.getFixedT(args.request), i18nServer.getLocale(args.request)]);
  const name = `progress-report-${query.from}-${query.to}.${format}`;
  if (format === 'md') {
    return new Response(progressReportMarkdown(report, { t, language }), {
      headers: { ...NO_STORE, 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': attachment(name) },
    });
  }
  const body = renderToStaticMarkup(<ProgressReportView report={report} t={t} language={language} />);
  const html = documentHtmlFile(
    { title: t('trackerData.report.title'), tlp: report.tlp, language: isLanguage(language) ? language : FALLBACK_LANGUAGE },
    body,
    t('documents.printedOn', { date: formatDateTime(report.generatedAt, language) }),
  );
  return new Response(html, { headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': attachment(name) } });
}

/** `?format=x` on a page becomes the file route `<path>.x` with the rest of the query. */
export function fileUrl(request: Request, formats: readonly string[]): string | null {
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (format === null) return null;
  if (!formats.includes(format)) throw new Response(`Unknown format: use ${formats.join(' or ')}`, { status: 400 });
  url.searchParams.delete('format');
  const query = url.searchParams.toString();
  return `${url.pathname}.${format}${query ? `?${query}` : ''}`;
}
