import type { LoaderFunctionArgs } from '@remix-run/node';
import { attachment, csvStream, exampleRow } from '../services/action-export.server.ts';
import { requirePermission } from '../services/session.server.ts';

/** The import template: the column headers and one example row, as CSV. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'action-item:import');
  const rows = (async function* () {
    yield exampleRow();
  })();
  return new Response(csvStream(rows), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment('action-items-template.csv'), 'Cache-Control': 'private, no-store' },
  });
}
