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

export async function listAuditEvents(db: Kysely<Database>, filter: { entityType?: string; entityId?: string; limit?: number } = {}) {
  let query = db
    .selectFrom('auditEvent')
    .leftJoin('user', 'user.id', 'auditEvent.actorId')
    .select([
      'auditEvent.id',
      'auditEvent.action',
      'auditEvent.entityType',
      'auditEvent.entityId',
      'auditEvent.details',
      'auditEvent.createdAt',
      'user.name as actorName',
    ]);
  if (filter.entityType) query = query.where('auditEvent.entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('auditEvent.entityId', '=', filter.entityId);
  return query.orderBy('auditEvent.createdAt', 'desc').limit(filter.limit ?? 100).execute();
}
