import { describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../db/schema.ts';
import { ACTIONS, assignableRoles, can, canAssignRole, canManagePerson, type Action, type Actor } from './permissions.ts';

type Who = Role | 'anonymous';

const actor = (role: Role, id = `${role}-1`): Actor => ({ id, role, institutionId: 'inst-1' });
const asActor = (who: Who): Actor | null => (who === 'anonymous' ? null : actor(who));

const ALL: Who[] = ['admin', 'secretariat', 'member', 'observer'];
const STAFF: Who[] = ['admin', 'secretariat'];
const ADMIN: Who[] = ['admin'];

/**
 * Who may do what, written out by hand. This table is the specification:
 * a change in permissions.ts that is not also made here fails the suite.
 */
const EXPECTED: Record<Action, Who[]> = {
  'members-area:view': ALL,
  'institution:list': ALL,
  'institution:view': ALL,
  'institution:create': STAFF,
  'institution:update': STAFF,
  'institution:archive': STAFF,
  'institution:view-archived': STAFF,
  'person:list': STAFF,
  'person:invite': STAFF,
  'person:change-role': STAFF,
  'person:deactivate': STAFF,
  'cbm:view': ALL,
  'cbm:update': ADMIN,
  'settings:update': ADMIN,
  'audit:view': STAFF,
  'account:manage-own': ALL,
  'document:list': ALL,
  'document:create': ['admin', 'secretariat', 'member'],
  'document:translate': ['admin', 'secretariat', 'member'],
  'comment:hide': STAFF,
  'consultation:decide': ['admin', 'secretariat', 'member'],
  'consultation:name-people': STAFF,
  'suggestion:decide': ['admin', 'secretariat', 'member'],
  'notification:view': ALL,
  'action-item:list': ALL,
  'action-item:create': STAFF,
  'action-item:import': STAFF,
  'action-item:export': ALL,
  'tracker:dashboard': STAFF,
  'tracker:report': ['admin', 'secretariat', 'observer'],
};

const WHO: Who[] = [...ROLES, 'anonymous'];

const cells = ACTIONS.flatMap((action) => WHO.map((who) => ({ who, action, allowed: EXPECTED[action].includes(who) })));

describe('can(): the role × action matrix', () => {
  test('the expected table covers every action, and only real actions', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  test('the matrix has a cell for every role and the anonymous public', () => {
    expect(cells).toHaveLength(ACTIONS.length * 5);
    expect(new Set(WHO)).toEqual(new Set(['admin', 'secretariat', 'member', 'observer', 'anonymous']));
  });

  test.each(cells)('$who → $action: $allowed', ({ who, action, allowed }) => {
    expect(can(asActor(who), action)).toBe(allowed);
  });

  test('the anonymous public may do nothing in the members area', () => {
    expect(ACTIONS.filter((action) => can(null, action))).toEqual([]);
  });
});

describe('assignableRoles()', () => {
  test.each([
    ['admin', ['admin', 'secretariat', 'member', 'observer']],
    ['secretariat', ['secretariat', 'member', 'observer']],
    ['member', []],
    ['observer', []],
    ['anonymous', []],
  ] as [Who, Role[]][])('%s may hand out %j', (who, roles) => {
    expect([...assignableRoles(asActor(who))].sort()).toEqual([...roles].sort());
  });
});

describe('canManagePerson()', () => {
  const target = (role: Role) => ({ id: `target-${role}`, role });

  test.each(ROLES)('nobody manages themselves (%s)', (role) => {
    const self = actor(role);
    expect(canManagePerson(self, { id: self.id, role })).toBe(false);
  });

  test.each([
    ['admin', 'admin', true],
    ['admin', 'secretariat', true],
    ['admin', 'member', true],
    ['admin', 'observer', true],
    ['secretariat', 'admin', false],
    ['secretariat', 'secretariat', true],
    ['secretariat', 'member', true],
    ['secretariat', 'observer', true],
    ['member', 'admin', false],
    ['member', 'secretariat', false],
    ['member', 'member', false],
    ['member', 'observer', false],
    ['observer', 'admin', false],
    ['observer', 'secretariat', false],
    ['observer', 'member', false],
    ['observer', 'observer', false],
    ['anonymous', 'member', false],
    ['anonymous', 'admin', false],
  ] as [Who, Role, boolean][])('%s managing another %s: %s', (who, role, allowed) => {
    expect(canManagePerson(asActor(who), target(role))).toBe(allowed);
  });
});

describe('canAssignRole()', () => {
  test('a secretariat cannot grant admin, to a new or an existing person', () => {
    const secretariat = actor('secretariat');
    expect(canAssignRole(secretariat, null, 'admin')).toBe(false);
    expect(canAssignRole(secretariat, { id: 'x', role: 'member' }, 'admin')).toBe(false);
  });

  test('a secretariat may give the other roles to a new person or a non-admin', () => {
    const secretariat = actor('secretariat');
    for (const role of ['secretariat', 'member', 'observer'] as const) {
      expect(canAssignRole(secretariat, null, role)).toBe(true);
      expect(canAssignRole(secretariat, { id: 'x', role: 'observer' }, role)).toBe(true);
    }
  });

  test('a secretariat cannot demote an admin', () => {
    expect(canAssignRole(actor('secretariat'), { id: 'x', role: 'admin' }, 'member')).toBe(false);
  });

  test('an admin may grant admin, but not change their own role', () => {
    const admin = actor('admin');
    expect(canAssignRole(admin, null, 'admin')).toBe(true);
    expect(canAssignRole(admin, { id: 'other', role: 'member' }, 'admin')).toBe(true);
    expect(canAssignRole(admin, { id: 'other', role: 'admin' }, 'member')).toBe(true);
    expect(canAssignRole(admin, { id: admin.id, role: 'admin' }, 'member')).toBe(false);
  });

  test.each(['member', 'observer', 'anonymous'] as Who[])('%s may assign no role at all', (who) => {
    for (const role of ROLES) {
      expect(canAssignRole(asActor(who), null, role)).toBe(false);
      expect(canAssignRole(asActor(who), { id: 'x', role: 'observer' }, role)).toBe(false);
    }
  });
});
