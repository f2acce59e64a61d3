import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * Comments can be edited and deleted by their author and hidden by the
 * secretariat with a reason (issue 11 §4). Earlier wordings are kept in
 * `commentRevision`, not in the audit log: a comment carries its document's
 * TLP label, and the audit log is read by people the label may exclude.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comment').addColumn('deletedAt', 'text').execute();
  await db.schema.alterTable('comment').addColumn('hiddenAt', 'text').execute();
  await db.schema.alterTable('comment').addColumn('hiddenById', 'text', (c) => c.references('user.id')).execute();
  await db.schema.alterTable('comment').addColumn('hiddenReason', 'text').execute();
  await db.schema
    .createTable('commentRevision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commentId', 'text', (c) => c.notNull().references('comment.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    /** Who replaced this wording, and when: the author editing or deleting. */
    .addColumn('replacedById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('replacedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comment_revision_comment_idx').on('commentRevision').columns(['commentId', 'replacedAt']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commentRevision').execute();
  for (const column of ['hiddenReason', 'hiddenById', 'hiddenAt', 'deletedAt']) {
    await db.schema.alterTable('comment').dropColumn(column).execute();
  }
}
