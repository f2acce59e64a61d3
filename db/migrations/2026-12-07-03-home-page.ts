import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code.

/*
 * What the home page per role needs (docs/roles.md):
 * - `document.consultationDeadline`: the calendar day (YYYY-MM-DD) by which
 *   institutions are asked to record their position in the current round,
 *   set when the document enters consultation; null when none was given;
 * - `user.homeSeenAt`: when the person last opened the home page;
 *   `user.homeLastVisitAt`: when they last opened it before the current
 *   visit, so "what changed since your last visit" survives a reload.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('document').addColumn('consultationDeadline', 'text').execute();
  await db.schema.alterTable('user').addColumn('homeSeenAt', 'text').execute();
  await db.schema.alterTable('user').addColumn('homeLastVisitAt', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user').dropColumn('homeLastVisitAt').execute();
  await db.schema.alterTable('user').dropColumn('homeSeenAt').execute();
  await db.schema.alterTable('document').dropColumn('consultationDeadline').execute();
}
