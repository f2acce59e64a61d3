import type { Db } from '../../db/client.server.ts';
import type { Cbm } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

/**
 * A CBM as a reader sees it: `title` and `text` in the asked language when a
 * translation exists, else the official English. `language` says which one
 * they are (for `lang`), and `official` always carries the English text, the
 * only authentic one.
 */
export interface LocalisedCbm extends Cbm {
  language: string;
  official: { title: string; text: string };
}

async function translations(db: Db, language: string, number?: number): Promise<Map<number, { title: string; text: string }>> {
  if (language === 'en') return new Map();
  let query = db.selectFrom('cbmTranslation').select(['cbmNumber', 'title', 'text']).where('language', '=', language);
  if (number !== undefined) query = query.where('cbmNumber', '=', number);
  return new Map((await query.execute()).map((row) => [row.cbmNumber, { title: row.title, text: row.text }]));
}

function localise(cbm: Cbm, translation: { title: string; text: string } | undefined, language: string): LocalisedCbm {
  const official = { title: cbm.title, text: cbm.text };
  return translation ? { ...cbm, ...translation, language, official } : { ...cbm, language: 'en', official };
}

/** The 16 CBMs, in `language` where translated (English, the official text, by default). */
export async function listCbms(db: Db, language = 'en'): Promise<LocalisedCbm[]> {
  const [rows, translated] = await Promise.all([db.selectFrom('cbm').selectAll().orderBy('number').execute(), translations(db, language)]);
  return rows.map((cbm) => localise(cbm, translated.get(cbm.number), language));
}

export async function getCbm(db: Db, number: number, language = 'en'): Promise<LocalisedCbm | undefined> {
  const cbm = await db.selectFrom('cbm').selectAll().where('number', '=', number).executeTakeFirst();
  if (!cbm) return undefined;
  return localise(cbm, (await translations(db, language, number)).get(number), language);
}

/** Lets an admin paste in the official wording in place of the seeded summary. */
export async function updateCbmText(db: Db, actorId: string, number: number, fields: { title: string; text: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('cbm').set({ title: fields.title.trim(), text: fields.text.trim(), updatedAt: nowIso() }).where('number', '=', number).execute();
    await recordAudit(trx, { actorId, action: 'cbm.update', entityType: 'cbm', entityId: String(number) });
  });
}

/** Adds the translations an installation does not have yet; never overwrites one (an admin may have corrected it). */
export async function insertMissingCbmTranslations(db: Db, rows: { cbmNumber: number; language: string; title: string; text: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const existing = await db.selectFrom('cbmTranslation').select(['cbmNumber', 'language']).execute();
  const have = new Set(existing.map((row) => `${row.cbmNumber}:${row.language}`));
  const missing = rows.filter((row) => !have.has(`${row.cbmNumber}:${row.language}`));
  if (missing.length === 0) return 0;
  const now = nowIso();
  await db
    .insertInto('cbmTranslation')
    .values(missing.map((row) => ({ ...row, updatedAt: now })))
    .execute();
  return missing.length;
}
