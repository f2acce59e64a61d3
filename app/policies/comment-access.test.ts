import { describe, expect, test } from 'vitest';
import { DOCUMENT_STATUSES, ROLES, TLP_LABELS, type DocumentStatus, type Role, type Tlp } from '../../db/schema.ts';
import { mayChangeOwnComment, mayComment, mayHideComment, mayReadComments, mayResolveThread, maySeeHiddenComment, type CommentDocumentContext } from './comment-access.ts';
import type { Actor } from './permissions.ts';

type Relation = 'owner-institution' | 'edit-institution' | 'comment-institution' | 'named-edit' | 'named-comment' | 'named-view' | 'outsider';
const RELATIONS: Relation[] = ['owner-institution', 'edit-institution', 'comment-institution', 'named-edit', 'named-comment', 'named-view', 'outsider'];

function scenario(role: Role, relation: Relation, tlp: Tlp, status: DocumentStatus): { actor: Actor; doc: CommentDocumentContext } {
  const actor: Actor = { id: 'me', role, institutionId: relation === 'owner-institution' ? 'owner' : relation.endsWith('-institution') ? 'partner' : 'elsewhere' };
  const doc: CommentDocumentContext = {
    tlp,
    status,
    ownerInstitutionId: 'owner',
    institutions:
      relation === 'edit-institution' ? [{ institutionId: 'partner', access: 'edit' }] : relation === 'comment-institution' ? [{ institutionId: 'partner', access: 'comment' }] : [],
    people: relation.startsWith('named-') ? [{ userId: 'me', access: relation.slice('named-'.length) as 'edit' | 'comment' | 'view' }] : [],
  };
  return { actor, doc };
}

/** The rules written out by hand, independently of document-access.ts. */
function expected(role: Role, relation: Relation, tlp: Tlp, status: DocumentStatus) {
  const coordinator = role === 'admin' || role === 'secretariat';
  const participates = relation === 'owner-institution' || relation === 'edit-institution' || relation === 'comment-institution';
  const named = relation.startsWith('named-');
  const read =
    tlp === 'CLEAR' || tlp === 'GREEN' ? true : tlp === 'AMBER' ? coordinator || participates || named : tlp === 'AMBER+STRICT' ? participates || named : named;
  let access: 'none' | 'view' | 'comment' | 'edit' = 'none';
  if (read) {
    if (role === 'observer') access = relation === 'named-comment' ? 'comment' : 'view';
    else if (relation === 'named-edit') access = 'edit';
    else if (tlp === 'RED') access = relation === 'named-comment' ? 'comment' : 'view';
    else if (coordinator || relation === 'owner-institution' || relation === 'edit-institution') access = 'edit';
    else if (relation === 'comment-institution' || relation === 'named-comment') access = 'comment';
    else access = 'view';
  }
  const consultationRight = status === 'consultation' && read && role !== 'observer' && participates;
  return {
    read,
    comment: status !== 'archived' && (access === 'comment' || access === 'edit' || consultationRight),
    // Someone else's thread: only editors and the secretariat.
    resolveOthers: read && (coordinator || access === 'edit'),
  };
}

const cells = ROLES.flatMap((role) =>
  RELATIONS.flatMap((relation) => TLP_LABELS.flatMap((tlp) => DOCUMENT_STATUSES.map((status) => ({ role, relation, tlp, status })))),
);

describe('comment access: role × relation × TLP × status', () => {
  test.each(cells)('$role, $relation, TLP:$tlp, $status', ({ role, relation, tlp, status }) => {
    const { actor, doc } = scenario(role, relation, tlp, status);
    const want = expected(role, relation, tlp, status);
    expect(mayReadComments(actor, doc)).toBe(want.read);
    expect(mayComment(actor, doc)).toBe(want.comment);
    expect(mayResolveThread(actor, doc, { createdById: 'someone-else' })).toBe(want.resolveOthers);
    // Their own thread: whoever may still read the document.
    expect(mayResolveThread(actor, doc, { createdById: 'me' })).toBe(want.read);
    // Editing and deleting: their own comment only, while they may comment; never a deleted or hidden one.
    const mine = { authorId: 'me', deletedAt: null, hiddenAt: null };
    const someoneElses = { ...mine, authorId: 'someone-else' };
    expect(mayChangeOwnComment(actor, doc, mine)).toBe(want.comment);
    expect(mayChangeOwnComment(actor, doc, someoneElses)).toBe(false);
    expect(mayChangeOwnComment(actor, doc, { ...mine, hiddenAt: '2026-12-07T10:00:00.000Z' })).toBe(false);
    expect(mayChangeOwnComment(actor, doc, { ...mine, deletedAt: '2026-12-07T10:00:00.000Z' })).toBe(false);
    // Hiding: the secretariat and admins who may read it.
    const coordinator = role === 'admin' || role === 'secretariat';
    expect(mayHideComment(actor, doc, someoneElses)).toBe(coordinator && want.read);
    expect(mayHideComment(actor, doc, { ...someoneElses, hiddenAt: '2026-12-07T10:00:00.000Z' })).toBe(false);
    expect(maySeeHiddenComment(actor, someoneElses)).toBe(coordinator);
    expect(maySeeHiddenComment(actor, mine)).toBe(true);
  });

  test('the public never reads, writes or resolves comments, not even on TLP:CLEAR', () => {
    for (const tlp of TLP_LABELS) {
      const { doc } = scenario('member', 'outsider', tlp, 'consultation');
      expect(mayReadComments(null, doc)).toBe(false);
      expect(mayComment(null, doc)).toBe(false);
      expect(mayResolveThread(null, doc, { createdById: 'me' })).toBe(false);
    }
  });

  test('an observer comments only when the document names them to', () => {
    expect(mayComment(scenario('observer', 'comment-institution', 'GREEN', 'consultation').actor, scenario('observer', 'comment-institution', 'GREEN', 'consultation').doc)).toBe(false);
    const named = scenario('observer', 'named-comment', 'AMBER', 'draft');
    expect(mayComment(named.actor, named.doc)).toBe(true);
  });

  test('in consultation a participating institution with view-only people may comment; an outsider to an AMBER text may not even read', () => {
    const viewer = scenario('member', 'named-view', 'AMBER', 'consultation');
    expect(mayComment(viewer.actor, viewer.doc)).toBe(false);
    const outsider = scenario('member', 'outsider', 'AMBER', 'consultation');
    expect(mayReadComments(outsider.actor, outsider.doc)).toBe(false);
  });
});
