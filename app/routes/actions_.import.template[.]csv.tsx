import type { LoaderFunctionArgs } from '@remix-run/node';
import { attachment, csvStream } from '../services/action-export.server.ts';
import { importTemplateRow } from '../services/action-import-template.server.ts';
import { requirePermission } from '../services/session.server.ts';

/** The import template: the column headers and one example row that imports as it is, as CSV. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:import');
  const example = await importTemplateRow(args.context.services.db, user);
  const rows = (async function* () {
    yield example;
  })();
  return new Response(csvStream(rows), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment('action-items-template.csv'), 'Cache-Control': 'private, no-store' },
  });
}
