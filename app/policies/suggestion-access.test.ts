import { describe, expect, test } from 'vitest';
import { DOCUMENT_STATUSES, ROLES, TLP_LABELS, type DocumentAccessLevel, type DocumentStatus, type Role, type Tlp } from '../../db/schema.ts';
import type { CommentDocumentContext } from './comment-access.ts';
import { mayComment } from './comment-access.ts';
import type { Actor } from './permissions.ts';
import { mayDecideSuggestion, mayReanchorSuggestion, maySuggest } from './suggestion-access.ts';

type Relation =
  | 'owner-institution'
  | 'edit-institution'
  | 'suggest-institution'
  | 'comment-institution'
  | 'named-edit'
  | 'named-suggest'
  | 'named-comment'
  | 'named-view'
  | 'outsider';
const RELATIONS: Relation[] = [
  'owner-institution',
  'edit-institution',
  'suggest-institution',
  'comment-institution',
  'named-edit',
  'named-suggest',
  'named-comment',
  'named-view',
  'outsider',
];

function scenario(role: Role, relation: Relation, tlp: Tlp, status: DocumentStatus): { actor: Actor; doc: CommentDocumentContext } {
  const actor: Actor = { id: 'me', role, institutionId: relation === 'owner-institution' ? 'owner' : relation.endsWith('-institution') ? 'partner' : 'elsewhere' };
  const level = relation.split('-')[relation.startsWith('named-') ? 1 : 0] as DocumentAccessLevel;
  const doc: CommentDocumentContext = {
    tlp,
    status,
    ownerInstitutionId: 'owner',
    institutions: relation.endsWith('-institution') && relation !== 'owner-institution' ? [{ institutionId: 'partner', access: level as Exclude<DocumentAccessLevel, 'view'> }] : [],
    people: relation.startsWith('named-') ? [{ userId: 'me', access: level }] : [],
  };
  return { actor, doc };
}

/** The rules written out by hand, independently of document-access.ts. */
function expected(role: Role, relation: Relation, tlp: Tlp, status: DocumentStatus) {
  const coordinator = role === 'admin' || role === 'secretariat';
  const institution = relation.endsWith('-institution') && relation !== 'outsider';
  const named = relation.startsWith('named-');
  const read = tlp === 'CLEAR' || tlp === 'GREEN' ? true : tlp === 'AMBER' ? coordinator || institution || named : tlp === 'AMBER+STRICT' ? institution || named : named;
  let access: 'none' | 'view' | 'comment' | 'suggest' | 'edit' = 'none';
  if (read) {
    if (role === 'observer') access = relation === 'named-comment' ? 'comment' : 'view';
    else if (relation === 'named-edit') access = 'edit';
    else if (tlp === 'RED') access = relation === 'named-suggest' ? 'suggest' : relation === 'named-comment' ? 'comment' : 'view';
    else if (coordinator || relation === 'owner-institution' || relation === 'edit-institution') access = 'edit';
    else if (relation === 'suggest-institution' || relation === 'named-suggest') access = 'suggest';
    else if (relation === 'comment-institution' || relation === 'named-comment') access = 'comment';
    else access = 'view';
  }
  const open = status !== 'archived';
  return {
    suggest: open && (access === 'suggest' || access === 'edit'),
    // The owner institution's editors and the secretariat, never a partner with edit rights.
    decide: open && access === 'edit' && (coordinator || relation === 'owner-institution'),
    // "Can suggest" includes commenting.
    commentAsSuggester: access === 'suggest' && open,
  };
}

const cells = ROLES.flatMap((role) =>
  RELATIONS.flatMap((relation) => TLP_LABELS.flatMap((tlp) => DOCUMENT_STATUSES.map((status) => ({ role, relation, tlp, status })))),
);

describe('suggestion access: role × relation × TLP × status', () => {
  test.each(cells)('$role, $relation, TLP:$tlp, $status', ({ role, relation, tlp, status }) => {
    const { actor, doc } = scenario(role, relation, tlp, status);
    const want = expected(role, relation, tlp, status);
    expect(maySuggest(actor, doc)).toBe(want.suggest);
    expect(mayDecideSuggestion(actor, doc)).toBe(want.decide);
    if (want.commentAsSuggester) expect(mayComment(actor, doc)).toBe(true);
    // Re-anchoring: one's own suggestion while one may suggest, or any suggestion one may decide.
    expect(mayReanchorSuggestion(actor, doc, { createdById: 'me' })).toBe(want.suggest || want.decide);
    expect(mayReanchorSuggestion(actor, doc, { createdById: 'someone-else' })).toBe(want.decide);
  });

  test('the public neither suggests nor decides', () => {
    const { doc } = scenario('member', 'outsider', 'CLEAR', 'consultation');
    expect(maySuggest(null, doc)).toBe(false);
    expect(mayDecideSuggestion(null, doc)).toBe(false);
  });
});
