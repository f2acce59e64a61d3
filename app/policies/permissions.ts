import type { Role, Tlp } from '../../db/schema.ts';

/**
 * The one place that decides who may do what. Pure: no I/O, so loaders,
 * actions and the collaboration server all ask the same questions.
 *
 * `null` is the anonymous public.
 */
export interface Actor {
  id: string;
  role: Role;
  institutionId: string;
}

export const ACTIONS = [
  'members-area:view',
  'institution:list',
  'institution:view',
  'institution:create',
  'institution:update',
  'institution:archive',
  'institution:view-archived',
  'person:list',
  'person:invite',
  'person:change-role',
  'person:deactivate',
  'cbm:view',
  'cbm:update',
  'settings:update',
  'audit:view',
  'account:manage-own',
  'document:list',
  'document:create',
  'document:translate',
  'comment:hide',
  'consultation:decide',
  'consultation:name-people',
  'suggestion:decide',
  'notification:view',
  'action-item:list',
  'action-item:create',
  'action-item:import',
  'action-item:export',
  'tracker:dashboard',
  'tracker:report',
] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = Role[] | 'public';

const RULES: Record<Action, Rule> = {
  'members-area:view': ['admin', 'secretariat', 'member', 'observer'],
  'institution:list': ['admin', 'secretariat', 'member', 'observer'],
  'institution:view': ['admin', 'secretariat', 'member', 'observer'],
  'institution:create': ['admin', 'secretariat'],
  'institution:update': ['admin', 'secretariat'],
  'institution:archive': ['admin', 'secretariat'],
  'institution:view-archived': ['admin', 'secretariat'],
  'person:list': ['admin', 'secretariat'],
  'person:invite': ['admin', 'secretariat'],
  'person:change-role': ['admin', 'secretariat'],
  'person:deactivate': ['admin', 'secretariat'],
  'cbm:view': ['admin', 'secretariat', 'member', 'observer'],
  'cbm:update': ['admin'],
  'settings:update': ['admin'],
  'audit:view': ['admin', 'secretariat'],
  'account:manage-own': ['admin', 'secretariat', 'member', 'observer'],
  'document:list': ['admin', 'secretariat', 'member', 'observer'],
  'document:create': ['admin', 'secretariat', 'member'],
  // Adding a language version to a document one may edit (app/policies/document-access.ts).
  'document:translate': ['admin', 'secretariat', 'member'],
  // Moderation: hiding someone's comment, with a reason shown in its place (app/policies/comment-access.ts).
  'comment:hide': ['admin', 'secretariat'],
  // Recording a decision on a comment in the consultation report: also the owner institution's
  // editors, checked per document in app/policies/consultation-report.ts.
  'consultation:decide': ['admin', 'secretariat', 'member'],
  // Letting a document's published consultation report name people (off by default).
  'consultation:name-people': ['admin', 'secretariat'],
  // Accepting or rejecting suggestions: also the owner institution's editors, checked per
  // document in app/policies/suggestion-access.ts.
  'suggestion:decide': ['admin', 'secretariat', 'member'],
  'notification:view': ['admin', 'secretariat', 'member', 'observer'],
  'action-item:list': ['admin', 'secretariat', 'member', 'observer'],
  // Creating and editing any item is the secretariat's; owner-institution members
  // update their own items (app/policies/action-item-access.ts).
  'action-item:create': ['admin', 'secretariat'],
  'action-item:import': ['admin', 'secretariat'],
  'action-item:export': ['admin', 'secretariat', 'member', 'observer'],
  'tracker:dashboard': ['admin', 'secretariat'],
  'tracker:report': ['admin', 'secretariat', 'observer'],
};

/** Admins and the secretariat, who run the workflow and follow up the plan for every institution. */
export function isCoordinator(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'secretariat';
}

/**
 * The TLP rule documents and action items share, as the labels a read scope
 * lists: CLEAR and GREEN for every member; AMBER for those involved and the
 * secretariat; AMBER+STRICT for those involved only; RED for the closest
 * (the people a document names, the institution that owns an item).
 */
export interface TlpTiers {
  everyone: Tlp[];
  involved: Tlp[];
  closest: Tlp[];
}

export function tlpTiers(actor: Actor): TlpTiers {
  return isCoordinator(actor)
    ? { everyone: ['CLEAR', 'GREEN', 'AMBER'], involved: ['AMBER+STRICT'], closest: ['RED'] }
    : { everyone: ['CLEAR', 'GREEN'], involved: ['AMBER', 'AMBER+STRICT'], closest: ['RED'] };
}

/** May this actor perform this action at all? */
export function can(actor: Actor | null, action: Action): boolean {
  const rule = RULES[action];
  if (rule === 'public') return true;
  return actor !== null && rule.includes(actor.role);
}

/** Roles an actor may hand out: only an admin creates admins. */
export function assignableRoles(actor: Actor | null): Role[] {
  if (!actor) return [];
  if (actor.role === 'admin') return ['admin', 'secretariat', 'member', 'observer'];
  if (actor.role === 'secretariat') return ['secretariat', 'member', 'observer'];
  return [];
}

/**
 * May the actor change this person's role or institution, or (de)activate them?
 * Nobody manages themselves (so the last admin cannot lock everyone out), and
 * only an admin manages an admin.
 */
export function canManagePerson(actor: Actor | null, target: { id: string; role: Role }): boolean {
  if (!actor || !can(actor, 'person:change-role')) return false;
  if (actor.id === target.id) return false;
  if (target.role === 'admin') return actor.role === 'admin';
  return true;
}

/** May the actor give this person that role? */
export function canAssignRole(actor: Actor | null, target: { id: string; role: Role } | null, role: Role): boolean {
  if (!assignableRoles(actor).includes(role)) return false;
  return target === null || canManagePerson(actor, target);
}
