import type { LoaderFunctionArgs } from '@remix-run/node';
import { attachment, csvStream, publicExportRows, PUBLIC_COLUMNS } from '../services/action-export.server.ts';
import { parseSpreadsheetFormat } from '../schemas/export-format.ts';
import { asActionFilters, parsePublicProgressFilters } from '../schemas/public-progress-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

/**
 * The public items of /progress under the same query string, as UTF-8 CSV
 * with a BOM: headers, statuses and owners in the reader's language, `;`
 * for bs, hr and sr readers; `?format=machine` and `?sep=` as for
 * /actions.csv (app/schemas/export-format.ts). Public: only TLP:CLEAR items
 * and only the columns the page shows.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filters = asActionFilters(parsePublicProgressFilters(params));
  const format = parseSpreadsheetFormat(params, await resolveLanguage(request));
  return new Response(csvStream(publicExportRows(context.services.db, filters, format.language), format, PUBLIC_COLUMNS), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`progress-${todayInSarajevo()}.csv`),
      // Always fresh (a status change shows at once); the language comes from the cookie or Accept-Language.
      'Cache-Control': 'public, max-age=0, must-revalidate',
      Vary: 'Cookie, Accept-Language',
    },
  });
}
