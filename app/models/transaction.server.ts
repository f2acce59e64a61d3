import type { Db } from '../../db/client.server.ts';

/**
 * Runs `work` in the caller's transaction, or in a new one when given the
 * plain database: a version saved at a workflow move, or an item created by
 * an import, shares the transaction of the operation around it.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
