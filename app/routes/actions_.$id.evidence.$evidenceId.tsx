import type { LoaderFunctionArgs } from '@remix-run/node';
import { getEvidenceFile } from '../models/action-update.server.ts';
import { requireActionItem } from '../services/action-item-access.server.ts';
import { attachmentDisposition, downloadType, openEvidenceFile } from '../services/evidence-storage.server.ts';
import { notFound } from '../services/session.server.ts';

/**
 * One evidence file, for whoever may read the item; always a download, never
 * rendered in the portal's origin. `X-Content-Type-Options: nosniff` comes from
 * helmet on every response (server/portal.ts); setting it here too would send it twice.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { itemId } = await requireActionItem(args, 'read');
  const { db } = args.context.services;
  const evidence = await getEvidenceFile(db, itemId, args.params.evidenceId ?? '');
  if (!evidence?.storedName) throw notFound();
  // Read from the database chunk by chunk, so any instance serves it (docs/several-instances.md).
  const file = await openEvidenceFile(db, evidence.storedName);
  if (!file) throw notFound();
  return new Response(file.body, {
    headers: {
      'Content-Type': downloadType(evidence.mimeType),
      'Content-Length': String(file.sizeBytes),
      'Content-Disposition': attachmentDisposition(evidence.fileName ?? 'evidence'),
      'Cache-Control': 'private, no-store',
      // Even if a browser ignored the attachment, the file could run no script here.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
