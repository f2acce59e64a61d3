import { describe, expect, test } from 'vitest';
import { ROLES, TLP_LABELS, type Tlp } from '../../db/schema.ts';
import { itemReadScope, mayReadItem, type ItemReadScope } from './action-item-access.ts';
import { documentReadScope, mayRead, type DocumentReadScope } from './document-access.ts';
import type { Actor } from './permissions.ts';

/**
 * The read scopes are what the SQL applies (readableBy, readableItems); these
 * cases check, for every role, label and relationship, that a scope admits
 * exactly what the pure rule does. The SQL side is checked against the same
 * rule in tests/integration/documents.test.ts and action-query.test.ts.
 */

const actors: Actor[] = ROLES.map((role) => ({ id: `u-${role}`, role, institutionId: 'mine' }));

function scopeAdmitsDocument(scope: DocumentReadScope, tlp: Tlp, involved: boolean, named: boolean): boolean {
  return scope.everyone.includes(tlp) || (scope.involved.includes(tlp) && (involved || named)) || (scope.closest.includes(tlp) && named);
}

function scopeAdmitsItem(scope: ItemReadScope, tlp: Tlp, owner: boolean, supporter: boolean): boolean {
  if (scope.everyone.includes(tlp)) return true;
  if (scope.institutionId === null) return false;
  return (scope.involved.includes(tlp) && (owner || supporter)) || (scope.closest.includes(tlp) && owner);
}

describe('read scopes', () => {
  test.each(actors)('documents: the scope of $role admits what mayRead does', (actor) => {
    for (const tlp of TLP_LABELS) {
      for (const relation of ['owner', 'participant', 'named', 'none'] as const) {
        const doc = {
          tlp,
          ownerInstitutionId: relation === 'owner' ? 'mine' : 'other',
          institutions: relation === 'participant' ? [{ institutionId: 'mine', access: 'comment' as const }] : [],
          people: relation === 'named' ? [{ userId: actor.id, access: 'view' as const }] : [],
        };
        const expected = mayRead(actor, doc);
        expect(scopeAdmitsDocument(documentReadScope(actor), tlp, relation === 'owner' || relation === 'participant', relation === 'named'), `${tlp} ${relation}`).toBe(expected);
      }
    }
  });

  test.each(actors)('action items: the scope of $role admits what mayReadItem does', (actor) => {
    for (const tlp of TLP_LABELS) {
      for (const relation of ['owner', 'supporter', 'none'] as const) {
        const item = { tlp, ownerInstitutionId: relation === 'owner' ? 'mine' : 'other', supporterIds: relation === 'supporter' ? ['mine'] : [] };
        expect(scopeAdmitsItem(itemReadScope(actor), tlp, relation === 'owner', relation === 'supporter'), `${tlp} ${relation}`).toBe(mayReadItem(actor, item));
      }
    }
  });

  test('the public scope admits TLP:CLEAR items only', () => {
    const scope = itemReadScope('public');
    expect(TLP_LABELS.filter((tlp) => scopeAdmitsItem(scope, tlp, true, true))).toEqual(['CLEAR']);
  });
});
