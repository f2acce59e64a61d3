import type { LoaderFunctionArgs } from '@remix-run/node';
import { parseActionFilters, todayInSarajevo } from '../utils/action-filters.ts';
import { attachment, csvStream, exportRows } from '../utils/action-export.server.ts';
import { requirePermission } from '../utils/session.server.ts';

/** The items of /actions under the same query string, as UTF-8 CSV (with a BOM for Excel). */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:export');
  const filters = parseActionFilters(new URL(args.request.url).searchParams);
  return new Response(csvStream(exportRows(args.context.services.db, user, filters)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`actions-${todayInSarajevo()}.csv`),
      'Cache-Control': 'private, no-store',
    },
  });
}
