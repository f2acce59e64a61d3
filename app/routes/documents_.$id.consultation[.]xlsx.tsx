import type { LoaderFunctionArgs } from '@remix-run/node';
import { consultationReportDownload } from '../downloads/consultation-report.server.tsx';

/** The consultation report as an Excel workbook (.xlsx), with the page's filters. */
export async function loader(args: LoaderFunctionArgs) {
  return consultationReportDownload(args, 'xlsx');
}
