import type { Db } from '../../db/client.server.ts';
import type { Cbm } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

export async function listCbms(db: Db): Promise<Cbm[]> {
  return db.selectFrom('cbm').selectAll().orderBy('number').execute();
}

export async function getCbm(db: Db, number: number): Promise<Cbm | undefined> {
  return db.selectFrom('cbm').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Lets an admin paste in the official wording in place of the seeded summary. */
export async function updateCbmText(db: Db, actorId: string, number: number, fields: { title: string; text: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('cbm').set({ title: fields.title.trim(), text: fields.text.trim(), updatedAt: nowIso() }).where('number', '=', number).execute();
    await recordAudit(trx, { actorId, action: 'cbm.update', entityType: 'cbm', entityId: String(number) });
  });
}
