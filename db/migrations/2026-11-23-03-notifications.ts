import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per message to one person. `dedupeKey` makes scheduled reminders
  // idempotent: the unique index refuses the second copy of the same reminder.
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipientId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('actorId', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('dedupeKey', 'text')
    .addColumn('readAt', 'text')
    .addColumn('emailedAt', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_recipient_created_idx').on('notification').columns(['recipientId', 'createdAt']).execute();
  await db.schema.createIndex('notification_recipient_unread_idx').on('notification').columns(['recipientId', 'readAt']).execute();
  await db.schema.createIndex('notification_dedupe_idx').on('notification').columns(['recipientId', 'dedupeKey']).unique().execute();

  await db.schema.createIndex('auditEvent_actor_idx').on('auditEvent').columns(['actorId', 'createdAt']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('auditEvent_actor_idx').execute();
  await db.schema.dropTable('notification').execute();
}
