import type { LoaderFunctionArgs } from '@remix-run/node';
import { progressReportDownload } from '../downloads/tracker-downloads.server.tsx';

/** The progress report as a standalone print-ready HTML file. */
export async function loader(args: LoaderFunctionArgs) {
  return progressReportDownload(args, 'html');
}
