import type { LoaderFunctionArgs } from '@remix-run/node';
import { progressReportDownload } from '../downloads/tracker-downloads.server.tsx';

/** The progress report as a Markdown file. */
export async function loader(args: LoaderFunctionArgs) {
  return progressReportDownload(args, 'md');
}
