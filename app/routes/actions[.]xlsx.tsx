import type { LoaderFunctionArgs } from '@remix-run/node';
import { parseActionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { attachment, exportRows, XLSX_TYPE, xlsxStream } from '../services/action-export.server.ts';
import { requirePermission } from '../services/session.server.ts';

/** The items of /actions under the same query string, as an Excel workbook. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:export');
  const { db, logger } = args.context.services;
  const filters = parseActionFilters(new URL(args.request.url).searchParams);
  const stream = xlsxStream(exportRows(db, user, filters), 'Actions', (error) => logger.error({ err: error, requestId: args.context.requestId }, 'XLSX export failed'));
  return new Response(stream, {
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': attachment(`actions-${todayInSarajevo()}.xlsx`),
      'Cache-Control': 'private, no-store',
    },
  });
}
