import type { DocumentStatus } from '../../db/schema.ts';
import { renderMarkdown } from '../content/render.server.ts';
import type { Edition, EditionBump } from '../models/edition.server.ts';
import { editionLabel } from '../models/edition.server.ts';
import { applyMove, applyPublication, documentAudience } from '../models/workflow.server.ts';
import { saveVersion, type VersionServices } from './document-versions.server.ts';
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

export async function moveDocument(services: WorkflowServices, input: { document: DocumentRef; to: DocumentStatus; note: string; actor: Mover }): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    const version = await saveVersion({ db: trx, collab: services.collab }, { documentId: input.document.id, kind: 'workflow', name: VERSION_NAMES[input.to], createdById: input.actor.id });
    await applyMove(trx, { documentId: input.document.id, from: input.document.status, to: input.to, note: input.note, actorId: input.actor.id, versionId: version.id });
  });
  await notifyAudience(services, input.document, input.actor, { kind: 'workflow_move', params: { status: input.to } });
}

export async function publishDocument(
  services: WorkflowServices,
  input: { document: DocumentRef; bump: EditionBump; changelog: string; reclassification: { confirmed: boolean; reason: string } | null; actor: Mover },
): Promise<Edition> {
  const edition = await services.db.transaction().execute(async (trx) => {
    const version = await saveVersion({ db: trx, collab: services.collab }, { documentId: input.document.id, kind: 'workflow', name: VERSION_NAMES.published, createdById: input.actor.id });
    return applyPublication(trx, {
      documentId: input.document.id,
      from: input.document.status,
      actorId: input.actor.id,
      bump: input.bump,
      changelog: input.changelog,
      version: { id: version.id, html: version.html, markdown: renderMarkdown(version.state) },
      reclassification: input.reclassification,
    });
  });
  await notifyAudience(services, input.document, input.actor, { kind: 'publication', params: { edition: editionLabel(edition) } });
  return edition;
}
