import type { DocumentEdition, DocumentStatus } from '../../db/schema.ts';
import { renderMarkdown } from '../content/render.server.ts';
import type { EditionBump } from '../models/edition.server.ts';
import { editionNumber } from '../models/publication.server.ts';
import { applyMove, applyPublication, documentParticipants, workflowState, WorkflowConflictError } from '../models/workflow.server.ts';
import { countPendingSuggestions } from '../models/suggestion.server.ts';
import { documentAccess } from '../policies/document-access.ts';
import { publicationBlocker } from '../policies/workflow.ts';
import type { Db } from '../../db/client.server.ts';
import { saveVersion, type VersionServices } from './document-versions.server.ts';
import { freezeReportForEdition } from './consultation-report.server.ts';
import { notify, type NotifyServices } from './notify.server.ts';

/**
 * A workflow move as the people involved see it: the current text is saved as
 * a version and the move (or publication) is made in the SAME transaction, so
 * a move never lacks its version; then everyone taking part is notified. A
 * failed notification never undoes the move (notify logs it).
 */

export type WorkflowServices = NotifyServices & Pick<VersionServices, 'collab'>;

interface Mover {
  id: string;
  name: string;
}

interface DocumentRef {
  id: string;
  title: string;
  status: DocumentStatus;
}

/** Version names are stored once and shown to everyone, so they stay in the document's neutral form. */
const VERSION_NAMES: Record<DocumentStatus, string> = {
  draft: 'Moved to draft',
  consultation: 'Moved to consultation',
  published: 'Published',
  archived: 'Archived',
};

/**
 * The active people who take part in a document and may read it: members of
 * the owner and participating institutions, and the people named on it.
 * These are the ones told about workflow moves and publications.
 */
export async function documentAudience(db: Db, documentId: string): Promise<string[]> {
  const participants = await documentParticipants(db, documentId);
  if (!participants) return [];
  return participants.people.filter((person) => documentAccess(person, participants.context) !== 'none').map((person) => person.id);
}

async function notifyAudience(services: WorkflowServices, document: DocumentRef, actor: Mover, message: { kind: 'workflow_move' | 'publication'; params: Record<string, string> }) {
  const recipients = await documentAudience(services.db, document.id);
  await notify(
    services,
    recipients.map((recipientId) => ({
      recipientId,
      kind: message.kind,
      params: { actor: actor.name, document: document.title, ...message.params },
      link: `/documents/${document.id}/workflow`,
      actorId: actor.id,
    })),
  );
}

export async function moveDocument(
  services: WorkflowServices,
  input: { document: DocumentRef; to: DocumentStatus; note: string; actor: Mover; deadline?: string | null },
): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    const version = await saveVersion({ db: trx, collab: services.collab }, { documentId: input.document.id, kind: 'workflow', name: VERSION_NAMES[input.to], createdById: input.actor.id });
    await applyMove(trx, { documentId: input.document.id, from: input.document.status, to: input.to, note: input.note, actorId: input.actor.id, versionId: version.id, deadline: input.deadline ?? null });
  });
  await notifyAudience(services, input.document, input.actor, { kind: 'workflow_move', params: { status: input.to } });
}

export async function publishDocument(
  services: WorkflowServices,
  input: { document: DocumentRef; bump: EditionBump; changelog: string; reclassification: { confirmed: boolean; reason: string } | null; actor: Mover },
): Promise<DocumentEdition> {
  const edition = await services.db.transaction().execute(async (trx) => {
    // Nothing is published while a suggestion waits for its decision (docs/suggestions.md).
    if ((await countPendingSuggestions(trx, input.document.id)) > 0) throw new WorkflowConflictError('suggestions-pending');
    const version = await saveVersion({ db: trx, collab: services.collab }, { documentId: input.document.id, kind: 'workflow', name: VERSION_NAMES.published, createdById: input.actor.id });
    // Checked in the transaction that publishes, so a reclassification since the page was loaded is seen.
    const current = await workflowState(trx, input.document.id);
    if (current.status !== input.document.status) throw new WorkflowConflictError('status-changed');
    if (publicationBlocker(current.tlp, input.reclassification) !== null) throw new WorkflowConflictError('reclassification-required');
    const published = await applyPublication(trx, {
      documentId: input.document.id,
      from: input.document.status,
      actorId: input.actor.id,
      bump: input.bump,
      changelog: input.changelog,
      version: { id: version.id, html: version.html, markdown: renderMarkdown(version.state) },
      reclassification: input.reclassification,
    });
    // The consultation report is frozen with the edition, in the same transaction (docs/consultation-report.md).
    await freezeReportForEdition({ db: trx, collab: services.collab }, { documentId: input.document.id, editionId: published.id, wasClear: current.tlp === 'CLEAR' });
    return published;
  });
  await notifyAudience(services, input.document, input.actor, { kind: 'publication', params: { edition: editionNumber(edition) } });
  return edition;
}
