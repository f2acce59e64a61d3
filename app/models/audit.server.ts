import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ItemReadScope } from '../policies/action-item-access.ts';
import type { DocumentReadScope } from '../policies/document-access.ts';
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
export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
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
   * Only events a person with these read scopes may know of: events about a
   * document or an action item they may not read (the same SQL rule as every
   * list) are left out. Without it, every event (for tests and jobs, never for
   * a page; pages go through app/services/audit-log.server.ts).
   */
  visibleTo?: AuditReadScope;
}

export interface AuditReadScope {
  documents: DocumentReadScope;
  items: ItemReadScope;
}

/** Events about documents and action items only where the viewer may read them; other events as they are. */
export function visibleIn(scope: AuditReadScope) {
  return (eb: ExpressionBuilder<Database, 'auditEvent'>): Expression<SqlBool> =>
    eb.or([
      eb('auditEvent.entityType', 'not in', ['document', 'actionItem']),
      eb.and([
        eb('auditEvent.entityType', '=', 'document'),
        eb.exists(eb.selectFrom('document').select('document.id').whereRef('document.id', '=', 'auditEvent.entityId').where(readableBy(scope.documents))),
      ]),
      eb.and([
        eb('auditEvent.entityType', '=', 'actionItem'),
        eb.or([
          eb.exists(eb.selectFrom('actionItem').select('actionItem.id').whereRef('actionItem.id', '=', 'auditEvent.entityId').where(readableItems(scope.items))),
          // A deleted item has no label left to check: its events stay, without details (see listAuditEvents).
          eb.not(eb.exists(eb.selectFrom('actionItem').select('actionItem.id').whereRef('actionItem.id', '=', 'auditEvent.entityId'))),
        ]),
      ]),
    ]);
}

function filteredEvents(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('auditEvent');
  if (filter.visibleTo) query = query.where(visibleIn(filter.visibleTo));
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
export async function listAuditEvents(db: Db, filter: AuditFilter = {}) {
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
    filter.visibleTo && event.entityType === 'actionItem' && itemId === null ? { ...event, details: '{}' } : event,
  );
}

export type AuditListItem = Awaited<ReturnType<typeof listAuditEvents>>[number];

export async function countAuditEvents(db: Db, filter: AuditFilter = {}): Promise<number> {
  const row = await filteredEvents(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The actions and the people that occur in the log, for the filter's choices. */
export async function auditFilterOptions(db: Db) {
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
