import { describe, expect, test } from 'vitest';
import { ROLES, TLP_LABELS, type Role, type Tlp } from '../../db/schema.ts';
import { canManageDocument, documentAccess, mayRead, type DocumentAccess, type DocumentAccessContext } from './document-access.ts';
import type { Actor } from './permissions.ts';

/** How the actor relates to the document. */
type Relation = 'owner-institution' | 'edit-institution' | 'comment-institution' | 'named-edit' | 'named-comment' | 'named-view' | 'outsider';
const RELATIONS: Relation[] = ['owner-institution', 'edit-institution', 'comment-institution', 'named-edit', 'named-comment', 'named-view', 'outsider'];

function scenario(role: Role, relation: Relation, tlp: Tlp): { actor: Actor; doc: DocumentAccessContext } {
  const actor: Actor = { id: 'me', role, institutionId: relation === 'owner-institution' ? 'owner' : relation.endsWith('-institution') ? 'partner' : 'elsewhere' };
  const doc: DocumentAccessContext = {
    tlp,
    ownerInstitutionId: 'owner',
    institutions: relation === 'edit-institution' ? [{ institutionId: 'partner', access: 'edit' }] : relation === 'comment-institution' ? [{ institutionId: 'partner', access: 'comment' }] : [],
    people: relation.startsWith('named-') ? [{ userId: 'me', access: relation.slice('named-'.length) as 'edit' | 'comment' | 'view' }] : [],
  };
  return { actor, doc };
}

/** The rules written out by hand: the specification the module must meet. */
function expected(role: Role, relation: Relation, tlp: Tlp): DocumentAccess {
  const coordinator = role === 'admin' || role === 'secretariat';
  const participates = relation === 'owner-institution' || relation === 'edit-institution' || relation === 'comment-institution';
  const named = relation.startsWith('named-');
  const readable =
    tlp === 'CLEAR' || tlp === 'GREEN' ? true : tlp === 'AMBER' ? coordinator || participates || named : tlp === 'AMBER+STRICT' ? participates || named : named;
  if (!readable) return 'none';
  if (role === 'observer') return relation === 'named-comment' ? 'comment' : 'view';
  if (relation === 'named-edit') return 'edit';
  if (tlp === 'RED') return relation === 'named-comment' ? 'comment' : 'view';
  if (coordinator || relation === 'owner-institution' || relation === 'edit-institution') return 'edit';
  if (relation === 'comment-institution' || relation === 'named-comment') return 'comment';
  return 'view';
}

const cells = ROLES.flatMap((role) => RELATIONS.flatMap((relation) => TLP_LABELS.map((tlp) => ({ role, relation, tlp }))));

function manages(role: Role, relation: Relation, tlp: Tlp): boolean {
  const { actor, doc } = scenario(role, relation, tlp);
  return canManageDocument(actor, doc);
}

describe('document access: role × relation × TLP', () => {
  test.each(cells)('$role, $relation, TLP:$tlp', ({ role, relation, tlp }) => {
    const { actor, doc } = scenario(role, relation, tlp);
    const access = documentAccess(actor, doc);
    expect(access).toBe(expected(role, relation, tlp));
    expect(mayRead(actor, doc)).toBe(access !== 'none');
  });

  test('the public never reads a document, not even TLP:CLEAR drafts', () => {
    for (const tlp of TLP_LABELS) expect(documentAccess(null, scenario('member', 'outsider', tlp).doc)).toBe('none');
  });

  test('only the secretariat or an editor of the owner institution manages a document', () => {
    expect(manages('secretariat', 'outsider', 'AMBER')).toBe(true);
    expect(manages('member', 'owner-institution', 'AMBER')).toBe(true);
    expect(manages('member', 'edit-institution', 'AMBER')).toBe(false);
    expect(manages('observer', 'owner-institution', 'CLEAR')).toBe(false);
    // The secretariat does not see RED documents it is not named on, so cannot manage them either.
    expect(manages('secretariat', 'outsider', 'RED')).toBe(false);
  });
});
