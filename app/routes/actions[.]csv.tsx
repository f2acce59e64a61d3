import type { LoaderFunctionArgs } from '@remix-run/node';
import { filtersForQuery, parseActionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { attachment, csvStream, exportRows } from '../services/action-export.server.ts';
import { requirePermission } from '../services/session.server.ts';
import { parseSpreadsheetFormat } from '../schemas/export-format.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

/**
 * The items of /actions under the same query string, as UTF-8 CSV (with a BOM
 * for Excel), in the reader's language; `?format=machine` and `?sep=` as in
 * app/schemas/export-format.ts.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:export');
  const params = new URL(args.request.url).searchParams;
  const filters = parseActionFilters(params);
  const format = parseSpreadsheetFormat(params, await resolveLanguage(args.request));
  return new Response(csvStream(exportRows(args.context.services.db, user, filtersForQuery(filters, user.institutionId), format.language), format), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`actions-${todayInSarajevo()}.csv`),
      'Cache-Control': 'private, no-store',
    },
  });
}
