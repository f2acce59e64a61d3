import type { DocumentAccessLevel, Tlp } from '../../db/schema.ts';
import type { Actor } from './permissions.ts';

/**
 * Who may read and write a document: the TLP label decides who may see it at
 * all, participation decides what they may do. Pure, so the HTTP routes and
 * the collaboration WebSocket ask exactly the same question. The SQL that
 * lists documents (document.server.ts, `readableBy`) mirrors `mayRead`, and a
 * test checks that the two agree.
 */
export interface DocumentAccessContext {
  tlp: Tlp;
  ownerInstitutionId: string;
  institutions: { institutionId: string; access: 'edit' | 'comment' }[];
  people: { userId: string; access: DocumentAccessLevel }[];
}

export type DocumentAccess = 'none' | DocumentAccessLevel;

const RANK: Record<DocumentAccess, number> = { none: 0, view: 1, comment: 2, edit: 3 };

function highest(levels: DocumentAccess[]): DocumentAccess {
  return levels.reduce((best, level) => (RANK[level] > RANK[best] ? level : best), 'none' as DocumentAccess);
}

function isCoordinator(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'secretariat';
}

/** Members of the owner institution or of a participating institution. */
export function participates(actor: Actor, doc: DocumentAccessContext): boolean {
  return doc.ownerInstitutionId === actor.institutionId || doc.institutions.some((i) => i.institutionId === actor.institutionId);
}

function named(actor: Actor, doc: DocumentAccessContext) {
  return doc.people.find((p) => p.userId === actor.id);
}

/**
 * CLEAR and GREEN: every member. AMBER: participating institutions, named
 * people, and the secretariat who runs the drafting workflow. AMBER+STRICT:
 * participating institutions and named people only. RED: named people only.
 */
export function mayRead(actor: Actor | null, doc: DocumentAccessContext): boolean {
  if (!actor) return false;
  switch (doc.tlp) {
    case 'CLEAR':
    case 'GREEN':
      return true;
    case 'AMBER':
      return isCoordinator(actor) || participates(actor, doc) || named(actor, doc) !== undefined;
    case 'AMBER+STRICT':
      return participates(actor, doc) || named(actor, doc) !== undefined;
    case 'RED':
      return named(actor, doc) !== undefined;
  }
}

/** The most an actor may do with the document's text. */
export function documentAccess(actor: Actor | null, doc: DocumentAccessContext): DocumentAccess {
  if (!actor || !mayRead(actor, doc)) return 'none';
  const person = named(actor, doc);
  // Observers read; at most, a document may name one to comment.
  if (actor.role === 'observer') return person?.access === 'comment' ? 'comment' : 'view';
  const grants: DocumentAccess[] = ['view'];
  if (person) grants.push(person.access);
  if (doc.tlp !== 'RED') {
    if (doc.ownerInstitutionId === actor.institutionId) grants.push('edit');
    const institution = doc.institutions.find((i) => i.institutionId === actor.institutionId);
    if (institution) grants.push(institution.access);
    if (isCoordinator(actor)) grants.push('edit');
  }
  return highest(grants);
}

export function canEditDocument(actor: Actor | null, doc: DocumentAccessContext): boolean {
  return documentAccess(actor, doc) === 'edit';
}

/** Title, summary, classification and participants: the secretariat, or an editor from the owner institution. */
export function canManageDocument(actor: Actor | null, doc: DocumentAccessContext): boolean {
  if (!actor || documentAccess(actor, doc) !== 'edit') return false;
  return isCoordinator(actor) || doc.ownerInstitutionId === actor.institutionId;
}
