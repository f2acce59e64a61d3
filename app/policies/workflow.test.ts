import { describe, expect, test } from 'vitest';
import { DOCUMENT_STATUSES, ROLES, TLP_LABELS, type DocumentStatus, type Role } from '../../db/schema.ts';
import type { DocumentAccessContext } from './document-access.ts';
import type { Actor } from './permissions.ts';
import { canMoveDocument, canPublishFrom, canRecordPosition, canViewAllPositions, isAllowedMove, movesFrom, publicationBlocker } from './workflow.ts';

/** The workflow graph written out by hand: from → to. */
const EXPECTED_MOVES: [DocumentStatus, DocumentStatus][] = [
  ['draft', 'consultation'],
  ['consultation', 'draft'],
  ['published', 'draft'],
  ['published', 'consultation'],
  ['published', 'archived'],
  ['archived', 'draft'],
];

describe('workflow graph', () => {
  const pairs = DOCUMENT_STATUSES.flatMap((from) => DOCUMENT_STATUSES.map((to) => ({ from, to })));
  test.each(pairs)('$from → $to', ({ from, to }) => {
    const allowed = EXPECTED_MOVES.some(([f, t]) => f === from && t === to);
    expect(isAllowedMove(from, to)).toBe(allowed);
    expect(movesFrom(from).includes(to)).toBe(allowed);
  });

  test.each(DOCUMENT_STATUSES.map((status) => ({ status })))('publishing from $status', ({ status }) => {
    expect(canPublishFrom(status)).toBe(status !== 'archived');
  });
});

type Relation = 'owner-editor' | 'edit-institution' | 'comment-institution' | 'outsider';
const RELATIONS: Relation[] = ['owner-editor', 'edit-institution', 'comment-institution', 'outsider'];

function scenario(role: Role, relation: Relation, status: DocumentStatus = 'consultation'): { actor: Actor; doc: DocumentAccessContext & { status: DocumentStatus } } {
  const institutionId = relation === 'owner-editor' ? 'owner' : relation === 'outsider' ? 'elsewhere' : 'partner';
  return {
    actor: { id: 'me', role, institutionId },
    doc: {
      status,
      tlp: 'GREEN',
      ownerInstitutionId: 'owner',
      institutions: relation === 'edit-institution' ? [{ institutionId: 'partner', access: 'edit' }] : relation === 'comment-institution' ? [{ institutionId: 'partner', access: 'comment' }] : [],
      people: [],
    },
  };
}

const cells = ROLES.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));

describe('who moves a document (GREEN): role × relation', () => {
  test.each(cells)('$role, $relation', ({ role, relation }) => {
    const { actor, doc } = scenario(role, relation);
    const coordinator = role === 'admin' || role === 'secretariat';
    const expected = role !== 'observer' && (coordinator || relation === 'owner-editor');
    expect(canMoveDocument(actor, doc)).toBe(expected);
  });

  test('the anonymous public moves nothing', () => {
    expect(canMoveDocument(null, scenario('member', 'outsider').doc)).toBe(false);
  });
});

describe('who records a position: role × relation × status', () => {
  const statusCells = cells.flatMap((cell) => DOCUMENT_STATUSES.map((status) => ({ ...cell, status })));
  test.each(statusCells)('$role, $relation, $status', ({ role, relation, status }) => {
    const { actor, doc } = scenario(role, relation, status);
    const expected = status === 'consultation' && role !== 'observer' && relation !== 'outsider';
    expect(canRecordPosition(actor, doc)).toBe(expected);
  });

  test('the anonymous public records nothing', () => {
    expect(canRecordPosition(null, scenario('member', 'owner-editor').doc)).toBe(false);
  });
});

describe('who sees every position', () => {
  test.each(cells)('$role, $relation', ({ role, relation }) => {
    const { actor, doc } = scenario(role, relation);
    const expected = role === 'admin' || role === 'secretariat' || (role !== 'observer' && relation === 'owner-editor');
    expect(canViewAllPositions(actor, doc)).toBe(expected);
  });
});

describe('publishing needs TLP:CLEAR or a deliberate reclassification', () => {
  test.each(TLP_LABELS.map((tlp) => ({ tlp })))('TLP:$tlp', ({ tlp }) => {
    const clear = tlp === 'CLEAR';
    expect(publicationBlocker(tlp, null)).toBe(clear ? null : 'confirm-reclassification');
    expect(publicationBlocker(tlp, { confirmed: false, reason: 'agreed' })).toBe(clear ? null : 'confirm-reclassification');
    expect(publicationBlocker(tlp, { confirmed: true, reason: '   ' })).toBe(clear ? null : 'reason-required');
    expect(publicationBlocker(tlp, { confirmed: true, reason: 'Agreed at the plenary' })).toBeNull();
  });
});
