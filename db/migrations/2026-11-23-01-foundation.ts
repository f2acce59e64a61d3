import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // better-auth reads and writes these columns itself; they use the types its
  // adapter expects on each dialect.
  const date = pg ? 'timestamptz' : 'date';
  const bool = pg ? 'boolean' : 'integer';
  const now = pg ? sql`CURRENT_TIMESTAMP` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

  await db.schema
    .createTable('institution')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('localName', 'text')
    .addColumn('acronym', 'text')
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('contactEmail', 'text')
    .addColumn('description', 'text')
    .addColumn('archivedAt', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('institution_name_idx').on('institution').column('name').unique().execute();
  await db.schema.createIndex('institution_sector_level_idx').on('institution').columns(['sector', 'level']).execute();

  await db.schema
    .createTable('user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('emailVerified', sql.raw(bool), (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('createdAt', sql.raw(date), (c) => c.notNull().defaultTo(now))
    .addColumn('updatedAt', sql.raw(date), (c) => c.notNull().defaultTo(now))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('deactivatedAt', 'text')
    .execute();
  await db.schema.createIndex('user_institutionId_idx').on('user').column('institutionId').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('expiresAt', sql.raw(date), (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('createdAt', sql.raw(date), (c) => c.notNull().defaultTo(now))
    .addColumn('updatedAt', sql.raw(date), (c) => c.notNull())
    .addColumn('ipAddress', 'text')
    .addColumn('userAgent', 'text')
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('session_userId_idx').on('session').column('userId').execute();

  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accountId', 'text', (c) => c.notNull())
    .addColumn('providerId', 'text', (c) => c.notNull())
    .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('accessToken', 'text')
    .addColumn('refreshToken', 'text')
    .addColumn('idToken', 'text')
    .addColumn('accessTokenExpiresAt', sql.raw(date))
    .addColumn('refreshTokenExpiresAt', sql.raw(date))
    .addColumn('scope', 'text')
    .addColumn('password', 'text')
    .addColumn('createdAt', sql.raw(date), (c) => c.notNull().defaultTo(now))
    .addColumn('updatedAt', sql.raw(date), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_userId_idx').on('account').column('userId').execute();

  await db.schema
    .createTable('verification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expiresAt', sql.raw(date), (c) => c.notNull())
    .addColumn('createdAt', sql.raw(date), (c) => c.notNull().defaultTo(now))
    .addColumn('updatedAt', sql.raw(date), (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('verification_identifier_idx').on('verification').column('identifier').execute();

  await db.schema
    .createTable('rateLimit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('lastRequest', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('invitedById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .addColumn('acceptedAt', 'text')
    .addColumn('acceptedUserId', 'text', (c) => c.references('user.id'))
    .addColumn('revokedAt', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitation_email_idx').on('invitation').column('email').execute();

  await db.schema
    .createTable('cbm')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('adoptedOn', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sourceUrl', 'text')
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('auditEvent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actorId', 'text', (c) => c.references('user.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auditEvent_entity_idx').on('auditEvent').columns(['entityType', 'entityId']).execute();
  await db.schema.createIndex('auditEvent_createdAt_idx').on('auditEvent').column('createdAt').execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['setting', 'auditEvent', 'cbm', 'invitation', 'rateLimit', 'verification', 'account', 'session', 'user', 'institution']) {
    await db.schema.dropTable(table).execute();
  }
}
