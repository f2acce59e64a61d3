import type { LoaderFunctionArgs } from '@remix-run/node';
import { attachment, exampleRow, XLSX_TYPE, xlsxBuffer } from '../services/action-export.server.ts';
import { requirePermission } from '../services/session.server.ts';

/** The import template: the column headers and one example row, as an Excel workbook. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'action-item:import');
  const body = await xlsxBuffer([exampleRow()], 'Actions');
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment('action-items-template.xlsx'), 'Cache-Control': 'private, no-store' },
  });
}
