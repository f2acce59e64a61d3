import type { Db } from '../../db/client.server.ts';
import { loadImportReference } from '../models/tracker-data.server.ts';
import type { Actor } from '../policies/permissions.ts';
import type { RawRow } from './action-import.server.ts';
import { validateImportRows } from './action-import-validate.server.ts';
import { listDocuments } from './scoped-reads.server.ts';

/** Action plans the person may read and that are still in use: the plans an import may go into. */
export async function importablePlans(db: Db, user: Actor) {
  const plans = await listDocuments(db, user, { type: 'action_plan', limit: 500 });
  return plans.filter((p) => p.status !== 'archived').map((p) => ({ id: p.id, title: p.title }));
}

/** Checks the rows against the plan as it is now; the same check runs at preview and at confirmation. */
export async function checkImportRows(db: Db, planId: string, headers: string[], rows: RawRow[]) {
  const reference = await loadImportReference(db, planId);
  return validateImportRows(headers, rows, reference, planId);
}
