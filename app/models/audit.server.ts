import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Appends one audit event; call it inside the transaction that makes the change. */
export async function recordAudit(db: Kysely<Database>, input: AuditInput): Promise<void> {
  await db
    .insertInto('auditEvent')
    .values({
      id: crypto.randomUUID(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      details: JSON.stringify(input.details ?? {}),
      createdAt: nowIso(),
    })
    .execute();
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Events about this document (entityType 'document'). */
  documentId?: string;
  /** Events by this person. */
  actorId?: string;
  action?: string;
  /** Inclusive lower bound, an ISO timestamp. */
  since?: string;
  /** Exclusive upper bound, an ISO timestamp. */
  before?: string;
  limit?: number;
  offset?: number;
}

function filteredEvents(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('auditEvent');
  if (filter.entityType) query = query.where('auditEvent.entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('auditEvent.entityId', '=', filter.entityId);
  if (filter.documentId) query = query.where('auditEvent.entityType', '=', 'document').where('auditEvent.entityId', '=', filter.documentId);
  if (filter.actorId) query = query.where('auditEvent.actorId', '=', filter.actorId);
  if (filter.action) query = query.where('auditEvent.action', '=', filter.action);
  if (filter.since) query = query.where('auditEvent.createdAt', '>=', filter.since);
  if (filter.before) query = query.where('auditEvent.createdAt', '<', filter.before);
  return query;
}

/** Audit events, newest first, filtered in SQL, with the actor's name and, for documents, the title. */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}) {
  return filteredEvents(db, filter)
    .leftJoin('user', 'user.id', 'auditEvent.actorId')
    .leftJoin('document', (join) => join.onRef('document.id', '=', 'auditEvent.entityId').on('auditEvent.entityType', '=', 'document'))
    .select([
      'auditEvent.id',
      'auditEvent.actorId',
      'auditEvent.action',
      'auditEvent.entityType',
      'auditEvent.entityId',
      'auditEvent.details',
      'auditEvent.createdAt',
      'user.name as actorName',
      'user.email as actorEmail',
      'document.title as documentTitle',
    ])
    .orderBy('auditEvent.createdAt', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
}

export type AuditListItem = Awaited<ReturnType<typeof listAuditEvents>>[number];

export async function countAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}): Promise<number> {
  const row = await filteredEvents(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The actions and the people that occur in the log, for the filter's choices. */
export async function auditFilterOptions(db: Kysely<Database>) {
  const [actions, people] = await Promise.all([
    db.selectFrom('auditEvent').select('action').distinct().orderBy('action').execute(),
    db
      .selectFrom('user')
      .select(['user.id', 'user.name'])
      .where('user.id', 'in', (eb) => eb.selectFrom('auditEvent').select('auditEvent.actorId').where('auditEvent.actorId', 'is not', null).distinct())
      .orderBy('user.name')
      .execute(),
  ]);
  return { actions: actions.map((a) => a.action), people };
}
