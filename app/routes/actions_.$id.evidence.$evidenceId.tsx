import fs from 'node:fs';
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';
import { getEvidenceFile } from '../models/action-update.server.ts';
import { requireActionItem } from '../services/action-item-access.server.ts';
import { attachmentDisposition, downloadType, evidenceDir, evidencePath } from '../services/evidence-storage.server.ts';
import { notFound } from '../services/session.server.ts';

/**
 * One evidence file, for whoever may read the item; always a download, never
 * rendered in the portal's origin. `X-Content-Type-Options: nosniff` comes from
 * helmet on every response (server/portal.ts); setting it here too would send it twice.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { itemId } = await requireActionItem(args, 'read');
  const { db, env } = args.context.services;
  const evidence = await getEvidenceFile(db, itemId, args.params.evidenceId ?? '');
  if (!evidence?.storedName) throw notFound();
  const file = evidencePath(evidenceDir(env), evidence.storedName);
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    throw notFound();
  }
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      'Content-Type': downloadType(evidence.mimeType),
      'Content-Length': String(size),
      'Content-Disposition': attachmentDisposition(evidence.fileName ?? 'evidence'),
      'Cache-Control': 'private, no-store',
      // Even if a browser ignored the attachment, the file could run no script here.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
