import type { LoaderFunctionArgs } from '@remix-run/node';
import { filtersForQuery, parseActionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { attachment, exportRows, XLSX_TYPE, xlsxStream } from '../services/action-export.server.ts';
import { requirePermission } from '../services/session.server.ts';
import { parseSpreadsheetFormat } from '../schemas/export-format.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

/** The items of /actions under the same query string, as an Excel workbook in the reader's language (or `?format=machine`). */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:export');
  const { db, logger } = args.context.services;
  const params = new URL(args.request.url).searchParams;
  const filters = parseActionFilters(params);
  const format = parseSpreadsheetFormat(params, await resolveLanguage(args.request));
  const stream = xlsxStream(
    exportRows(db, user, filtersForQuery(filters, user.institutionId), format.language),
    'Actions',
    (error) => logger.error({ err: error, requestId: args.context.requestId }, 'XLSX export failed'),
    format,
  );
  return new Response(stream, {
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': attachment(`actions-${todayInSarajevo()}.xlsx`),
      'Cache-Control': 'private, no-store',
    },
  });
}
