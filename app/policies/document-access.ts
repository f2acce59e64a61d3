import type { DocumentAccessLevel, Tlp } from '../../db/schema.ts';
import { can, isCoordinator, tlpTiers, type Actor, type TlpTiers } from './permissions.ts';

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
  institutions: { institutionId: string; access: Exclude<DocumentAccessLevel, 'view'> }[];
  people: { userId: string; access: DocumentAccessLevel }[];
}

export type DocumentAccess = 'none' | DocumentAccessLevel;

// "suggest" includes commenting, and editing includes suggesting (docs/suggestions.md).
const RANK: Record<DocumentAccess, number> = { none: 0, view: 1, comment: 2, suggest: 3, edit: 4 };

/** Does `access` allow at least what `minimum` does? */
export function accessAtLeast(access: DocumentAccess, minimum: DocumentAccess): boolean {
  return RANK[access] >= RANK[minimum];
}

function highest(levels: DocumentAccess[]): DocumentAccess {
  return levels.reduce((best, level) => (RANK[level] > RANK[best] ? level : best), 'none' as DocumentAccess);
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

/**
 * `mayRead` as the lists of labels the SQL of document.server.ts
 * (`readableBy`) applies, so the role decision stays here and the model only
 * filters. Involved: the actor's institution participates or the actor is
 * named; closest: the actor is named.
 */
export interface DocumentReadScope extends TlpTiers {
  userId: string;
  institutionId: string;
}

export function documentReadScope(actor: Actor): DocumentReadScope {
  return { userId: actor.id, institutionId: actor.institutionId, ...tlpTiers(actor) };
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

/** Whose document an actor may open: members draft for their own institution, the secretariat for anyone. */
export function mayOpenDocumentFor(actor: Actor, ownerInstitutionId: string): boolean {
  return isCoordinator(actor) || actor.institutionId === ownerInstitutionId;
}

/** Title, summary, classification and participants: the secretariat, or an editor from the owner institution. */
export function canManageDocument(actor: Actor | null, doc: DocumentAccessContext): boolean {
  if (!actor || documentAccess(actor, doc) !== 'edit') return false;
  return isCoordinator(actor) || doc.ownerInstitutionId === actor.institutionId;
}

/**
 * Adding a language version, or marking one up to date with its source:
 * whoever may edit the document's text (docs/decisions/021-language-versions.md).
 */
export function canTranslateDocument(actor: Actor | null, doc: DocumentAccessContext): boolean {
  return actor !== null && can(actor, 'document:translate') && documentAccess(actor, doc) === 'edit';
}
