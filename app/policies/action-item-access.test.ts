import { describe, expect, test } from 'vitest';
import { ROLES, TLP_LABELS, type Role, type Tlp } from '../../db/schema.ts';
import { actionItemRights, canCommentItem, canEditItem, canUpdateProgress, isPublicItem, mayReadItem, type ActionItemAccessContext } from './action-item-access.ts';
import type { Actor } from './permissions.ts';

type Relation = 'owner' | 'supporter' | 'other';

const OWNER = 'inst-owner';
const SUPPORTER = 'inst-supporter';
const OTHER = 'inst-other';

const item = (tlp: Tlp): ActionItemAccessContext => ({ tlp, ownerInstitutionId: OWNER, supporterIds: [SUPPORTER, 'inst-second-supporter'] });
const actor = (role: Role, relation: Relation): Actor => ({
  id: `${role}-${relation}`,
  role,
  institutionId: relation === 'owner' ? OWNER : relation === 'supporter' ? SUPPORTER : OTHER,
});

/**
 * The specification, written out by hand: r = read, e = edit every field,
 * u = post progress updates, c = comment. A change to the policy that is not
 * also made here fails the suite.
 */
const ALL = 'reuc';
const EXPECTED: Record<Tlp, Record<Role, Record<Relation, string>>> = {
  CLEAR: {
    admin: { owner: ALL, supporter: ALL, other: ALL },
    secretariat: { owner: ALL, supporter: ALL, other: ALL },
    member: { owner: 'ruc', supporter: 'rc', other: 'r' },
    observer: { owner: 'r', supporter: 'r', other: 'r' },
  },
  GREEN: {
    admin: { owner: ALL, supporter: ALL, other: ALL },
    secretariat: { owner: ALL, supporter: ALL, other: ALL },
    member: { owner: 'ruc', supporter: 'rc', other: 'r' },
    observer: { owner: 'r', supporter: 'r', other: 'r' },
  },
  AMBER: {
    admin: { owner: ALL, supporter: ALL, other: ALL },
    secretariat: { owner: ALL, supporter: ALL, other: ALL },
    member: { owner: 'ruc', supporter: 'rc', other: '' },
    observer: { owner: 'r', supporter: 'r', other: '' },
  },
  'AMBER+STRICT': {
    admin: { owner: ALL, supporter: ALL, other: '' },
    secretariat: { owner: ALL, supporter: ALL, other: '' },
    member: { owner: 'ruc', supporter: 'rc', other: '' },
    observer: { owner: 'r', supporter: 'r', other: '' },
  },
  RED: {
    admin: { owner: ALL, supporter: '', other: '' },
    secretariat: { owner: ALL, supporter: '', other: '' },
    member: { owner: 'ruc', supporter: '', other: '' },
    observer: { owner: 'r', supporter: '', other: '' },
  },
};

const RELATIONS: Relation[] = ['owner', 'supporter', 'other'];

const cells = TLP_LABELS.flatMap((tlp) => ROLES.flatMap((role) => RELATIONS.map((relation) => ({ tlp, role, relation, expected: EXPECTED[tlp][role][relation] }))));

function granted(a: Actor | null, context: ActionItemAccessContext): string {
  return [mayReadItem(a, context) ? 'r' : '', canEditItem(a, context) ? 'e' : '', canUpdateProgress(a, context) ? 'u' : '', canCommentItem(a, context) ? 'c' : ''].join('');
}

describe('action item access: role × institution × TLP', () => {
  test('the matrix has a cell for every TLP, role and relation to the item', () => {
    expect(cells).toHaveLength(TLP_LABELS.length * ROLES.length * RELATIONS.length);
  });

  test.each(cells)('TLP:$tlp, $role of the $relation institution → "$expected"', ({ tlp, role, relation, expected }) => {
    expect(granted(actor(role, relation), item(tlp))).toBe(expected);
  });

  test.each(TLP_LABELS)('the anonymous public may do nothing with a TLP:%s item in the members area', (tlp) => {
    expect(granted(null, item(tlp))).toBe('');
  });

  test.each(TLP_LABELS)('only TLP:CLEAR is public (TLP:%s)', (tlp) => {
    expect(isPublicItem(item(tlp))).toBe(tlp === 'CLEAR');
  });

  test('actionItemRights reports the same answers as the single checks', () => {
    for (const { tlp, role, relation } of cells) {
      const rights = actionItemRights(actor(role, relation), item(tlp));
      expect([rights.read ? 'r' : '', rights.edit ? 'e' : '', rights.updateProgress ? 'u' : '', rights.comment ? 'c' : ''].join('')).toBe(EXPECTED[tlp][role][relation]);
    }
  });

  test('an institution that both owns and supports an item is treated as the owner', () => {
    const context: ActionItemAccessContext = { tlp: 'RED', ownerInstitutionId: OWNER, supporterIds: [OWNER] };
    expect(granted(actor('member', 'owner'), context)).toBe('ruc');
  });
});
