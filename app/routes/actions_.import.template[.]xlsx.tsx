import type { LoaderFunctionArgs } from '@remix-run/node';
import { attachment, XLSX_TYPE, xlsxBuffer } from '../services/action-export.server.ts';
import { importTemplateRow } from '../services/action-import-template.server.ts';
import { requirePermission } from '../services/session.server.ts';

/** The import template: the column headers and one example row that imports as it is, as an Excel workbook. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:import');
  const body = await xlsxBuffer([await importTemplateRow(args.context.services.db, user)], 'Actions');
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment('action-items-template.xlsx'), 'Cache-Control': 'private, no-store' },
  });
}
