/**
 * Placing and reading comment anchors on a stored or live document. The
 * Yjs and Lexical work is in app/content/comment-anchors.server.ts; this module
 * adds the storage and the live server around it.
 */
import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { anchorTexts, anchorUpdate, AnchorError, type AnchorRequest } from '../content/comment-anchors.server.ts';
import { appendDocumentUpdate, loadMergedState } from '../models/document-state.server.ts';
import type { LiveDocuments } from './live-documents.ts';

/**
 * Puts the anchor into the document: through a direct Hocuspocus connection,
 * so everyone connected sees it at once and a document being loaded is waited
 * for, and into the stored update log, since changes made this way do not pass
 * the persistence extension's message hook.
 */
export async function placeAnchor(collab: LiveDocuments, db: Db, documentId: string, request: AnchorRequest): Promise<void> {
  const connection = await collab.hocuspocus.openDirectConnection(documentId, {});
  try {
    const live = connection.document;
    if (!live) throw new AnchorError('not-found');
    const update = anchorUpdate(Y.encodeStateAsUpdate(live), request);
    // Stored first: an anchor everyone saw is never lost on restart.
    await appendDocumentUpdate(db, documentId, update);
    await connection.transact((document) => Y.applyUpdate(document, update));
  } finally {
    await connection.disconnect();
  }
}

/** The anchors of a stored document (when it is not open in the collaboration server). */
async function storedAnchorTexts(db: Db, documentId: string): Promise<Map<string, string>> {
  const state = await loadMergedState(db, documentId);
  if (!state) return new Map();
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return anchorTexts(doc);
  } finally {
    doc.destroy();
  }
}

/** The anchors of a document now: the live copy if it is open, the stored state otherwise (always without a live server, as in seeds). */
export async function currentAnchorTexts(collab: Pick<LiveDocuments, 'hocuspocus'> | null | undefined, db: Db, documentId: string): Promise<Map<string, string>> {
  const live = collab?.hocuspocus.documents.get(documentId);
  return live ? anchorTexts(live) : storedAnchorTexts(db, documentId);
}
