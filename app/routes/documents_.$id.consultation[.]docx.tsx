import type { LoaderFunctionArgs } from '@remix-run/node';
import { consultationReportDownload } from '../downloads/consultation-report.server.tsx';

/** The consultation report as a Word table (.docx), with the page's filters. */
export async function loader(args: LoaderFunctionArgs) {
  return consultationReportDownload(args, 'docx');
}
