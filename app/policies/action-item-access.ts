import type { Tlp } from '../../db/schema.ts';
import { can, isCoordinator, tlpTiers, type Actor, type TlpTiers } from './permissions.ts';

/**
 * Who may read and change an action item. Pure, like document-access.ts: the
 * TLP label decides who may see an item at all, the owner and supporting
 * institutions decide what they may do with it. The SQL that lists items
 * (action-query.server.ts) mirrors `mayReadItem`, and a test checks that the
 * two agree.
 */
export interface ActionItemAccessContext {
  tlp: Tlp;
  ownerInstitutionId: string;
  supporterIds: readonly string[];
}

function isOwner(actor: Actor, item: ActionItemAccessContext): boolean {
  return actor.institutionId === item.ownerInstitutionId;
}

function isSupporter(actor: Actor, item: ActionItemAccessContext): boolean {
  return item.supporterIds.includes(actor.institutionId);
}

/**
 * CLEAR and GREEN: every signed-in person. AMBER: the owner and supporting
 * institutions, and the secretariat who follows up the plan. AMBER+STRICT: the
 * owner and supporting institutions only. RED: the owner institution only.
 * The public sees items only on /progress (`isPublicItem`), never here.
 */
export function mayReadItem(actor: Actor | null, item: ActionItemAccessContext): boolean {
  if (!actor) return false;
  switch (item.tlp) {
    case 'CLEAR':
    case 'GREEN':
      return true;
    case 'AMBER':
      return isCoordinator(actor) || isOwner(actor, item) || isSupporter(actor, item);
    case 'AMBER+STRICT':
      return isOwner(actor, item) || isSupporter(actor, item);
    case 'RED':
      return isOwner(actor, item);
  }
}

/** Who is looking: a signed-in person, or the anonymous public of /progress. */
export type Viewer = Actor | 'public';

/**
 * `mayReadItem` as the lists of labels the SQL of action-query.server.ts
 * (`readableItems`) applies, so the role decision stays here and the model
 * only filters. Involved: the viewer's institution owns or supports the item;
 * closest: it owns it. The public is involved in nothing.
 */
export interface ItemReadScope extends TlpTiers {
  institutionId: string | null;
}

export function itemReadScope(viewer: Viewer): ItemReadScope {
  if (viewer === 'public') return { institutionId: null, everyone: ['CLEAR'], involved: [], closest: [] };
  return { institutionId: viewer.institutionId, ...tlpTiers(viewer) };
}

/** Every field, and deletion: the secretariat and admins, on items they may read. */
export function canEditItem(actor: Actor | null, item: ActionItemAccessContext): boolean {
  return actor !== null && can(actor, 'action-item:create') && mayReadItem(actor, item);
}

/**
 * Status, progress, indicators' current values, progress notes and evidence:
 * members of the owner institution, and the secretariat. Observers never,
 * even when they belong to the owner institution.
 */
export function canUpdateProgress(actor: Actor | null, item: ActionItemAccessContext): boolean {
  if (!actor || !mayReadItem(actor, item)) return false;
  if (isCoordinator(actor)) return true;
  return actor.role === 'member' && isOwner(actor, item);
}

/** Members of the owner and supporting institutions, and the secretariat. Observers never. */
export function canCommentItem(actor: Actor | null, item: ActionItemAccessContext): boolean {
  if (!actor || !mayReadItem(actor, item)) return false;
  if (isCoordinator(actor)) return true;
  return actor.role === 'member' && (isOwner(actor, item) || isSupporter(actor, item));
}

/** Shown to the anonymous public on /progress, without notes, updates, comments or evidence. */
export function isPublicItem(item: Pick<ActionItemAccessContext, 'tlp'>): boolean {
  return item.tlp === 'CLEAR';
}

export interface ActionItemRights {
  read: boolean;
  edit: boolean;
  updateProgress: boolean;
  comment: boolean;
}

/** All of an actor's rights on one item, for a page that shows or hides its forms. */
export function actionItemRights(actor: Actor | null, item: ActionItemAccessContext): ActionItemRights {
  return {
    read: mayReadItem(actor, item),
    edit: canEditItem(actor, item),
    updateProgress: canUpdateProgress(actor, item),
    comment: canCommentItem(actor, item),
  };
}
