import crypto from 'node:crypto';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../policies/permissions.ts';
import { readableItems } from './action-query.server.ts';
import { readableBy } from './document.server.ts';
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
  /**
   * Only events this person may know of: events about a document or an action
   * item they may not read (the same SQL rule as every list) are left out.
   * Without it, every event (for tests and jobs, never for a page).
   */
  readableBy?: Actor;
}

/** Events about documents and action items only where the viewer may read them; other events as they are. */
function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'auditEvent'>): Expression<SqlBool> =>
    eb.or([
      eb('auditEvent.entityType', 'not in', ['document', 'actionItem']),
      eb.and([
        eb('auditEvent.entityType', '=', 'document'),
        eb.exists(eb.selectFrom('document').select('document.id').whereRef('document.id', '=', 'auditEvent.entityId').where(readableBy(actor))),
      ]),
      eb.and([
        eb('auditEvent.entityType', '=', 'actionItem'),
        eb.or([
          eb.exists(eb.selectFrom('actionItem').select('actionItem.id').whereRef('actionItem.id', '=', 'auditEvent.entityId').where(readableItems(actor))),
          // A deleted item has no label left to check: its events stay, without details (see listAuditEvents).
          eb.not(eb.exists(eb.selectFrom('actionItem').select('actionItem.id').whereRef('actionItem.id', '=', 'auditEvent.entityId'))),
        ]),
      ]),
    ]);
}

function filteredEvents(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('auditEvent');
  if (filter.readableBy) query = query.where(visibleTo(filter.readableBy));
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
  const rows = await filteredEvents(db, filter)
    .leftJoin('user', 'user.id', 'auditEvent.actorId')
    .leftJoin('document', (join) => join.onRef('document.id', '=', 'auditEvent.entityId').on('auditEvent.entityType', '=', 'document'))
    .leftJoin('actionItem', (join) => join.onRef('actionItem.id', '=', 'auditEvent.entityId').on('auditEvent.entityType', '=', 'actionItem'))
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
      'actionItem.id as itemId',
    ])
    .orderBy('auditEvent.createdAt', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(({ itemId, ...event }) =>
    // The details of a deleted item's events (its code and title) could name a RED item: shown only unfiltered.
    filter.readableBy && event.entityType === 'actionItem' && itemId === null ? { ...event, details: '{}' } : event,
  );
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
