import type { Db } from '../../db/client.server.ts';
import type { DocumentLanguage, DocumentType, Tlp } from '../../db/schema.ts';
import { renderMarkdown, renderPlainText } from '../../app/content/render.server.ts';
import { appendDocumentUpdate } from '../../app/models/document-state.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { applyPublication } from '../../app/models/workflow.server.ts';
import { saveVersion } from '../../app/services/document-versions.server.ts';
import { unique } from './factories.ts';

/**
 * Publishing for the public-site tests, through the same model functions as
 * the workflow page: a document with a given text, a version, an edition.
 */

export interface PublishedDocument {
  id: string;
  title: string;
}

export async function createDraft(
  db: Db,
  input: { actorId: string; ownerInstitutionId: string; state: Uint8Array; tlp?: Tlp; title?: string; type?: DocumentType; language?: DocumentLanguage; participantIds?: string[] },
): Promise<PublishedDocument> {
  const title = input.title ?? `Publication ${unique()}`;
  const doc = await createDocument(
    db,
    input.actorId,
    { title, type: input.type ?? 'guidelines', language: input.language ?? 'en', summary: `Summary of ${title}`, ownerInstitutionId: input.ownerInstitutionId, tlp: input.tlp ?? 'CLEAR' },
    { institutions: (input.participantIds ?? []).map((institutionId) => ({ institutionId, access: 'comment' as const })), people: [] },
    input.state,
    renderPlainText(input.state),
  );
  return { id: doc.id, title };
}

/** Publishes the document's current stored text as its next edition. */
export async function publishCurrentText(db: Db, input: { documentId: string; actorId: string; bump: 'major' | 'minor'; changelog: string }) {
  const { status } = await db.selectFrom('document').select('status').where('id', '=', input.documentId).executeTakeFirstOrThrow();
  const version = await saveVersion({ db }, { documentId: input.documentId, kind: 'workflow', name: 'Published', createdById: input.actorId });
  return applyPublication(db, {
    documentId: input.documentId,
    from: status,
    actorId: input.actorId,
    bump: input.bump,
    changelog: input.changelog,
    version: { id: version.id, html: version.html, markdown: renderMarkdown(version.state) },
    reclassification: null,
  });
}

/**
 * An edit after publication, as the collaboration server stores one: an
 * update appended to the document's log. A state built on its own merges
 * into the text as a concurrent insertion.
 */
export async function appendEdit(db: Db, documentId: string, state: Uint8Array): Promise<void> {
  await appendDocumentUpdate(db, documentId, state);
}
