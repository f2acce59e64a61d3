import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import { SECTORS, type DocumentStatus, type Position, type Sector } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';
import { inTransaction } from './transaction.server.ts';
import { getDocumentAccessContext } from './document.server.ts';
import type { DocumentEdition } from '../../db/schema.ts';
import { participantInstitutionNames, publishEdition, type EditionBump } from './edition.server.ts';

/**
 * The SQL of the drafting workflow: status moves, institution positions and
 * the history of moves. Who may do what is decided in app/policies/workflow.ts;
 * app/services/document-workflow.server.ts saves the version and sends the
 * notifications around these transactions.
 */

/** Someone else moved the document first, or it was reclassified, since the page was loaded. */
export class WorkflowConflictError extends Error {
  constructor(readonly reason: 'status-changed' | 'reclassification-required' | 'suggestions-pending') {
    super(`Workflow conflict: ${reason}`);
    this.name = 'WorkflowConflictError';
  }
}

export interface MoveInput {
  documentId: string;
  from: DocumentStatus;
  to: DocumentStatus;
  note: string;
  actorId: string;
  /** The version saved automatically just before the move. */
  versionId: string | null;
  /** Entering consultation: the day positions are asked for by (YYYY-MM-DD), or none. */
  deadline?: string | null;
}

/** Changes the status only if it is still `from`, so two people moving at once cannot both succeed. */
async function setStatus(trx: Db, input: Pick<MoveInput, 'documentId' | 'from' | 'to' | 'deadline'>): Promise<void> {
  const result = await trx
    .updateTable('document')
    .set((eb) => ({
      status: input.to,
      updatedAt: nowIso(),
      // Positions belong to a round: entering consultation again starts a fresh table.
      consultationRound: input.to === 'consultation' ? eb('consultationRound', '+', 1) : eb.ref('consultationRound'),
      // A deadline belongs to its round too; any other move keeps the last one for the record.
      consultationDeadline: input.to === 'consultation' ? (input.deadline ?? null) : eb.ref('consultationDeadline'),
    }))
    .where('id', '=', input.documentId)
    .where('status', '=', input.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new WorkflowConflictError('status-changed');
}

async function insertTransition(trx: Db, input: MoveInput): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('documentTransition')
    .values({
      id,
      documentId: input.documentId,
      fromStatus: input.from,
      toStatus: input.to,
      note: input.note.trim(),
      versionId: input.versionId,
      actorId: input.actorId,
      createdAt: nowIso(),
    })
    .execute();
  await recordAudit(trx, {
    actorId: input.actorId,
    action: 'document.moved',
    entityType: 'document',
    entityId: input.documentId,
    details: { from: input.from, to: input.to, note: input.note.trim(), versionId: input.versionId },
  });
  return id;
}

/** A move other than publication: status, transition and audit in one transaction. */
export async function applyMove(db: Db, input: MoveInput): Promise<{ transitionId: string }> {
  return inTransaction(db, async (trx) => {
    await setStatus(trx, input);
    return { transitionId: await insertTransition(trx, input) };
  });
}

export interface PublicationInput {
  documentId: string;
  from: DocumentStatus;
  actorId: string;
  bump: EditionBump;
  changelog: string;
  /** The version saved just before publishing, with its rendered HTML and Markdown. */
  version: { id: string; html: string; markdown: string };
  /** Required when the document is not TLP:CLEAR: the deliberate reclassification. */
  reclassification: { confirmed: boolean; reason: string } | null;
}

/** The status and label a move or publication is checked against, read inside its transaction. */
export async function workflowState(trx: Db, documentId: string) {
  return trx.selectFrom('document').select(['tlp', 'status']).where('id', '=', documentId).executeTakeFirstOrThrow();
}

/**
 * Publishes the next edition: reclassifies to CLEAR when that was confirmed,
 * moves the document to `published`, and stores the immutable edition, all in
 * one transaction. The reclassification is audited on its own, with its reason.
 */
export async function applyPublication(db: Db, input: PublicationInput): Promise<DocumentEdition> {
  return inTransaction(db, async (trx) => {
    const document = await workflowState(trx, input.documentId);
    if (document.status !== input.from) throw new WorkflowConflictError('status-changed');
    if (document.tlp !== 'CLEAR') {
      await trx.updateTable('document').set({ tlp: 'CLEAR', updatedAt: nowIso() }).where('id', '=', input.documentId).execute();
      await recordAudit(trx, {
        actorId: input.actorId,
        action: 'document.reclassify',
        entityType: 'document',
        entityId: input.documentId,
        details: { from: document.tlp, to: 'CLEAR', reason: input.reclassification?.reason.trim() ?? '', forPublication: true },
      });
    }
    await setStatus(trx, { documentId: input.documentId, from: input.from, to: 'published' });
    const edition = await publishEdition(trx, {
      documentId: input.documentId,
      bump: input.bump,
      changelog: input.changelog,
      html: input.version.html,
      markdown: input.version.markdown,
      versionId: input.version.id,
      publishedById: input.actorId,
      participants: await participantInstitutionNames(trx, input.documentId),
    });
    await insertTransition(trx, {
      documentId: input.documentId,
      from: input.from,
      to: 'published',
      note: input.changelog,
      actorId: input.actorId,
      versionId: input.version.id,
    });
    return edition;
  });
}

export interface PositionInput {
  documentId: string;
  institutionId: string;
  round: number;
  position: Position;
  statement: string;
  actorId: string;
}

/** Records or replaces an institution's position for the current consultation round. */
export async function recordPosition(db: Db, input: PositionInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const statement = input.statement.trim();
    await trx
      .insertInto('documentPosition')
      .values({
        documentId: input.documentId,
        institutionId: input.institutionId,
        round: input.round,
        position: input.position,
        statement,
        recordedById: input.actorId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.columns(['documentId', 'round', 'institutionId']).doUpdateSet({ position: input.position, statement, recordedById: input.actorId, updatedAt: now }))
      .execute();
    await recordAudit(trx, {
      actorId: input.actorId,
      action: 'document.position-recorded',
      entityType: 'document',
      entityId: input.documentId,
      details: { institutionId: input.institutionId, round: input.round, position: input.position },
    });
  });
}

export interface PositionRow {
  institutionId: string;
  name: string;
  sector: Sector;
  isOwner: boolean;
  /** Has any member of the institution opened a thread or written a comment on this document? */
  commented: boolean;
  position: Position | null;
  statement: string | null;
  recordedByName: string | null;
  recordedAt: string | null;
}

/**
 * Every participating institution (the owner and the listed ones), with
 * whether its members commented and its position in `round`, ordered by
 * sector then name: the record of consensus across sectors.
 */
export async function positionTable(db: Db, documentId: string, round: number): Promise<PositionRow[]> {
  const [owner, partners, threadInstitutions, commentInstitutions, positions] = await Promise.all([
    db
      .selectFrom('document')
      .innerJoin('institution', 'institution.id', 'document.ownerInstitutionId')
      .select(['institution.id', 'institution.name', 'institution.sector'])
      .where('document.id', '=', documentId)
      .execute(),
    db
      .selectFrom('documentInstitution')
      .innerJoin('institution', 'institution.id', 'documentInstitution.institutionId')
      .select(['institution.id', 'institution.name', 'institution.sector'])
      .where('documentInstitution.documentId', '=', documentId)
      .execute(),
    db.selectFrom('commentThread').select('institutionId').distinct().where('documentId', '=', documentId).execute(),
    db
      .selectFrom('comment')
      .innerJoin('commentThread', 'commentThread.id', 'comment.threadId')
      .innerJoin('user', 'user.id', 'comment.authorId')
      .select('user.institutionId')
      .distinct()
      .where('commentThread.documentId', '=', documentId)
      .execute(),
    db
      .selectFrom('documentPosition')
      .innerJoin('user', 'user.id', 'documentPosition.recordedById')
      .select(['documentPosition.institutionId', 'documentPosition.position', 'documentPosition.statement', 'documentPosition.updatedAt', 'user.name as recordedByName'])
      .where('documentPosition.documentId', '=', documentId)
      .where('documentPosition.round', '=', round)
      .execute(),
  ]);
  const commented = new Set([...threadInstitutions.map((r) => r.institutionId), ...commentInstitutions.map((r) => r.institutionId)]);
  const byInstitution = new Map(positions.map((p) => [p.institutionId, p]));
  const rows: PositionRow[] = [...owner.map((i) => ({ ...i, isOwner: true })), ...partners.map((i) => ({ ...i, isOwner: false }))].map((institution) => {
    const position = byInstitution.get(institution.id);
    return {
      institutionId: institution.id,
      name: institution.name,
      sector: institution.sector,
      isOwner: institution.isOwner,
      commented: commented.has(institution.id),
      position: position?.position ?? null,
      statement: position?.statement ?? null,
      recordedByName: position?.recordedByName ?? null,
      recordedAt: position?.updatedAt ?? null,
    };
  });
  return rows.sort((a, b) => SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector) || a.name.localeCompare(b.name));
}

/** The document's moves, newest first, with who made them and the version saved at each. */
export async function listTransitions(db: Db, documentId: string) {
  return db
    .selectFrom('documentTransition')
    .innerJoin('user', 'user.id', 'documentTransition.actorId')
    .leftJoin('documentVersion', 'documentVersion.id', 'documentTransition.versionId')
    .select([
      'documentTransition.id',
      'documentTransition.fromStatus',
      'documentTransition.toStatus',
      'documentTransition.note',
      'documentTransition.createdAt',
      'user.name as actorName',
      'documentVersion.number as versionNumber',
    ])
    .where('documentTransition.documentId', '=', documentId)
    .orderBy('documentTransition.createdAt', 'desc')
    .orderBy(sql`"documentTransition"."id"`)
    .execute();
}

/**
 * The active people who take part in a document: members of the owner and
 * participating institutions, and the people named on it, with the document's
 * access context, so the service keeps those who may read it.
 */
export async function documentParticipants(db: Db, documentId: string) {
  const context = await getDocumentAccessContext(db, documentId);
  if (!context) return null;
  const institutionIds = [context.ownerInstitutionId, ...context.institutions.map((i) => i.institutionId)];
  const personIds = context.people.map((p) => p.userId);
  const people = await db
    .selectFrom('user')
    .select(['id', 'role', 'institutionId'])
    .where('deactivatedAt', 'is', null)
    .where((eb) => eb.or([eb('institutionId', 'in', institutionIds), ...(personIds.length ? [eb('id', 'in', personIds)] : [])]))
    .execute();
  return { context, people };
}
