import type { LoaderFunctionArgs } from '@remix-run/node';
import { osceDownload } from '../downloads/tracker-downloads.server.tsx';

/** The OSCE CBM information-exchange summary as a CSV file. */
export async function loader(args: LoaderFunctionArgs) {
  return osceDownload(args, 'csv');
}
