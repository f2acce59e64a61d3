import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const real = pg ? 'double precision' : 'real';

  // Strategic pillars (the BiH Guidelines objectives A–I in the reference data).
  await db.schema
    .createTable('pillar')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('nameBs', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('actionItem')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('planId', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sectionRef', 'text')
    .addColumn('pillarCode', 'text', (c) => c.references('pillar.code'))
    .addColumn('primaryCbm', 'integer', (c) => c.notNull().references('cbm.number'))
    .addColumn('ownerInstitutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('startDate', 'text')
    .addColumn('dueDate', 'text')
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('budgetAmount', real)
    .addColumn('budgetCurrency', 'text')
    .addColumn('fundingSource', 'text')
    .addColumn('tlp', 'text', (c) => c.notNull())
    .addColumn('createdById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('lastUpdateAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actionItem_plan_code_idx').on('actionItem').columns(['planId', 'code']).unique().execute();
  for (const column of ['ownerInstitutionId', 'status', 'priority', 'pillarCode', 'fundingSource', 'tlp', 'updatedAt', 'lastUpdateAt', 'primaryCbm']) {
    await db.schema.createIndex(`actionItem_${column}_idx`).on('actionItem').columns([column, 'dueDate']).execute();
  }
  await db.schema.createIndex('actionItem_dueDate_idx').on('actionItem').columns(['dueDate', 'status']).execute();

  // Every CBM an item implements, the primary one included.
  await db.schema
    .createTable('actionItemCbm')
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('cbmNumber', 'integer', (c) => c.notNull().references('cbm.number'))
    .addPrimaryKeyConstraint('actionItemCbm_pk', ['itemId', 'cbmNumber'])
    .execute();
  await db.schema.createIndex('actionItemCbm_cbm_idx').on('actionItemCbm').columns(['cbmNumber', 'itemId']).execute();

  await db.schema
    .createTable('actionItemSupporter')
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addPrimaryKeyConstraint('actionItemSupporter_pk', ['itemId', 'institutionId'])
    .execute();
  await db.schema.createIndex('actionItemSupporter_institution_idx').on('actionItemSupporter').columns(['institutionId', 'itemId']).execute();

  await db.schema
    .createTable('actionItemTag')
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('actionItemTag_pk', ['itemId', 'tag'])
    .execute();
  await db.schema.createIndex('actionItemTag_tag_idx').on('actionItemTag').columns(['tag', 'itemId']).execute();

  await db.schema
    .createTable('actionIndicator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('baseline', real)
    .addColumn('target', real)
    .addColumn('current', real)
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actionIndicator_item_idx').on('actionIndicator').columns(['itemId', 'position']).execute();

  // The timeline of an item: progress notes, with any status or progress change.
  await db.schema
    .createTable('actionUpdate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('authorId', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('statusFrom', 'text')
    .addColumn('statusTo', 'text')
    .addColumn('progressFrom', 'integer')
    .addColumn('progressTo', 'integer')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actionUpdate_item_idx').on('actionUpdate').columns(['itemId', 'createdAt']).execute();
  await db.schema.createIndex('actionUpdate_created_idx').on('actionUpdate').column('createdAt').execute();

  // Links, or files stored under the evidence folder (never in the database).
  await db.schema
    .createTable('actionEvidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('updateId', 'text', (c) => c.references('actionUpdate.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('fileName', 'text')
    .addColumn('storedName', 'text')
    .addColumn('mimeType', 'text')
    .addColumn('sizeBytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploadedById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actionEvidence_item_idx').on('actionEvidence').columns(['itemId', 'createdAt']).execute();

  // Before and after values of every change to an item, as JSON [{field, before, after}].
  await db.schema
    .createTable('actionItemChange')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('actorId', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actionItemChange_item_idx').on('actionItemChange').columns(['itemId', 'createdAt']).execute();

  // Comments from supporting institutions (and anyone who may edit).
  await db.schema
    .createTable('actionComment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('itemId', 'text', (c) => c.notNull().references('actionItem.id').onDelete('cascade'))
    .addColumn('authorId', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actionComment_item_idx').on('actionComment').columns(['itemId', 'createdAt']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'actionComment',
    'actionItemChange',
    'actionEvidence',
    'actionUpdate',
    'actionIndicator',
    'actionItemTag',
    'actionItemSupporter',
    'actionItemCbm',
    'actionItem',
    'pillar',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
