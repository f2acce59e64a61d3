import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * Suggestions (issue 11 §1, docs/decisions/022-suggestions.md): a proposed
 * change to a passage, anchored in the shared text by a MarkNode whose id is
 * the suggestion id, decided by the owner institution or the secretariat.
 * - `quote`: the passage as it was when the suggestion was made; accepting is
 *   refused when the marked text is no longer this;
 * - `proposedText`: the replacement, '' for a deletion;
 * - `appliedText`: what was actually put in (the proposal, or the decider's
 *   edit of it when accepted in part);
 * - `threadId`: the comment thread holding replies, once someone replies.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suggestion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('documentId', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('createdById', 'text', (c) => c.notNull().references('user.id'))
    .addColumn('institutionId', 'text', (c) => c.notNull().references('institution.id'))
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('proposedText', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decidedById', 'text', (c) => c.references('user.id'))
    .addColumn('decidedAt', 'text')
    .addColumn('decisionReason', 'text')
    .addColumn('appliedText', 'text')
    .addColumn('anchorOutdatedAt', 'text')
    .addColumn('threadId', 'text', (c) => c.references('commentThread.id').onDelete('set null'))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestion_document_idx').on('suggestion').columns(['documentId', 'status', 'createdAt']).execute();
  await db.schema.createIndex('suggestion_institution_idx').on('suggestion').columns(['documentId', 'institutionId']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('suggestion').execute();
}
