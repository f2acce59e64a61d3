import type { DocumentStatus, Tlp } from '../../db/schema.ts';
import { accessAtLeast, canManageDocument, documentAccess, participates, type DocumentAccessContext } from './document-access.ts';
import { isCoordinator, type Actor } from './permissions.ts';

/**
 * The drafting workflow as pure rules: which status may follow which, who
 * moves a document, when it may be published, and who records an
 * institution's position. The routes and the model both ask these questions,
 * so a forged form cannot do what the page does not offer.
 * See docs/workflow-and-publishing.md for why the graph looks like this.
 */

/** Moves other than publishing. Publishing has its own rule (`canPublishFrom`) because it also creates an edition. */
const MOVES: Record<DocumentStatus, DocumentStatus[]> = {
  draft: ['consultation'],
  consultation: ['draft'],
  // The edition stays public while the text is reworked for the next one.
  published: ['draft', 'consultation', 'archived'],
  // Reopening an archived document starts again from drafting.
  archived: ['draft'],
};

/** Statuses a document may be published from; publishing while published makes the next edition. */
const PUBLISHABLE_FROM: DocumentStatus[] = ['draft', 'consultation', 'published'];

/** The plain moves (not publication) allowed from a status. */
export function movesFrom(status: DocumentStatus): DocumentStatus[] {
  return MOVES[status];
}

export function isAllowedMove(from: DocumentStatus, to: DocumentStatus): boolean {
  return MOVES[from].includes(to);
}

export function canPublishFrom(status: DocumentStatus): boolean {
  return PUBLISHABLE_FROM.includes(status);
}

/** The secretariat (with edit rights on the document) or an editor from the owner institution. */
export function canMoveDocument(actor: Actor | null, doc: DocumentAccessContext): boolean {
  return canManageDocument(actor, doc);
}

export interface Reclassification {
  confirmed: boolean;
  reason: string;
}

/**
 * Only TLP:CLEAR is published. Anything else needs a deliberate
 * reclassification: a ticked confirmation and a reason.
 */
export function publicationBlocker(tlp: Tlp, reclassification: Reclassification | null): 'confirm-reclassification' | 'reason-required' | null {
  if (tlp === 'CLEAR') return null;
  if (!reclassification?.confirmed) return 'confirm-reclassification';
  if (reclassification.reason.trim() === '') return 'reason-required';
  return null;
}

/**
 * A member (not an observer) of the owner or a participating institution,
 * during consultation only, records that institution's position.
 */
export function canRecordPosition(actor: Actor | null, doc: DocumentAccessContext & { status: DocumentStatus }): boolean {
  if (!actor || actor.role === 'observer' || doc.status !== 'consultation') return false;
  if (!participates(actor, doc)) return false;
  const access = documentAccess(actor, doc);
  return accessAtLeast(access, 'comment');
}

/**
 * The secretariat and the document's managers see every institution's position;
 * every other reader sees their own institution's only.
 */
export function canViewAllPositions(actor: Actor | null, doc: DocumentAccessContext): boolean {
  if (!actor || documentAccess(actor, doc) === 'none') return false;
  return isCoordinator(actor) || canManageDocument(actor, doc);
}
