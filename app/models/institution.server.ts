import crypto from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { Institution, Level, Sector } from '../../db/schema.ts';
import { foldForSearch } from '../utils/search-text.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

export interface InstitutionFields {
  name: string;
  localName?: string | null;
  acronym?: string | null;
  sector: Sector;
  level?: Level | null;
  website?: string | null;
  contactEmail?: string | null;
  description?: string | null;
}

export interface InstitutionFilter {
  sector?: Sector;
  level?: Level;
  includeArchived?: boolean;
  query?: string;
}

/**
 * An institution's name in the reader's language, in SQL: its name in
 * `institutionName` for that language, else the English name. `id` and `name`
 * are the institution's columns as the calling query calls them (e.g.
 * `owner.id`, `owner.name`), so any list can sort and show the localised name.
 */
export function institutionNameIn(language: string | undefined, id: string, name: string): RawBuilder<string> {
  if (!language || language === 'en') return sql<string>`${sql.ref(name)}`;
  return sql<string>`coalesce((select "institutionName"."name" from "institutionName" where "institutionName"."institutionId" = ${sql.ref(id)} and "institutionName"."language" = ${language}), ${sql.ref(name)})`;
}

/**
 * Institutions for the list page. With a `language`, `name` is the name in
 * that language (falling back to English) and `englishName` the English one;
 * the search matches the name in every language.
 */
export async function listInstitutions(db: Db, filter: InstitutionFilter = {}, language?: string) {
  const localName = institutionNameIn(language, 'institution.id', 'institution.name');
  let query = db
    .selectFrom('institution')
    .leftJoin('user', (join) => join.onRef('user.institutionId', '=', 'institution.id').on('user.deactivatedAt', 'is', null))
    .selectAll('institution')
    .select((eb) => [eb.fn.count<number | string>('user.id').as('memberCount'), localName.as('displayName')])
    .groupBy('institution.id');
  if (filter.sector) query = query.where('institution.sector', '=', filter.sector);
  if (filter.level) query = query.where('institution.level', '=', filter.level);
  if (!filter.includeArchived) query = query.where('institution.archivedAt', 'is', null);
  if (filter.query) {
    // Wildcards typed by the user are searched for literally.
    // Folded as search text is (app/utils/search-text.ts): "Ministarstvo sigurnosti" is found as "sigurnosti" and "сигурности".
    const like = `%${foldForSearch(filter.query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(['institution.name', 'institution.acronym', 'institution.localName'] as const).map(
          (column) => sql<boolean>`portal_fold(${eb.ref(column)}) like ${like} escape '\\'`,
        ),
        eb.exists(
          eb
            .selectFrom('institutionName')
            .select('institutionName.institutionId')
            .whereRef('institutionName.institutionId', '=', 'institution.id')
            .where(sql<boolean>`portal_fold("institutionName"."name") like ${like} escape '\\'`),
        ),
      ]),
    );
  }
  // lower() so SQLite and PostgreSQL agree on the order of names such as 'e-Transformacija'.
  const rows = await query.orderBy(sql`lower(${localName})`).orderBy('institution.id').execute();
  return rows.map(({ displayName, ...row }) => ({
    ...row,
    name: displayName,
    englishName: row.name,
    // For `lang`: a name with no translation is the English one.
    nameLanguage: !language || displayName === row.name ? 'en' : language,
    memberCount: Number(row.memberCount),
  }));
}

/** Active institutions for select boxes, named and sorted in `language` (English by default). */
export async function listInstitutionOptions(db: Db, language?: string) {
  const name = institutionNameIn(language, 'institution.id', 'institution.name');
  return db
    .selectFrom('institution')
    .select(['institution.id', name.as('name'), 'institution.acronym', 'institution.sector'])
    .where('institution.archivedAt', 'is', null)
    .orderBy(sql`lower(${name})`)
    .orderBy('institution.id')
    .execute();
}

/** Every institution's name in `language`, by id; institutions without one are absent (their English name applies). */
export async function institutionNamesIn(db: Db, language: string): Promise<Map<string, string>> {
  if (language === 'en') return new Map();
  const rows = await db.selectFrom('institutionName').select(['institutionId', 'name']).where('language', '=', language).execute();
  return new Map(rows.map((row) => [row.institutionId, row.name]));
}

/** An institution's names by language (not English, which is `institution.name`). */
export async function getInstitutionNames(db: Db, id: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('institutionName').select(['language', 'name']).where('institutionId', '=', id).execute();
  return Object.fromEntries(rows.map((row) => [row.language, row.name]));
}

/** Replaces an institution's names by language; an empty name removes that language's name. */
export async function setInstitutionNames(db: Db, id: string, names: Record<string, string | null | undefined>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('institutionName').where('institutionId', '=', id).execute();
    const rows = Object.entries(names)
      .map(([language, name]) => ({ institutionId: id, language, name: name?.trim() ?? '' }))
      .filter((row) => row.name !== '' && row.language !== 'en');
    if (rows.length > 0) await trx.insertInto('institutionName').values(rows).execute();
  });
}

export async function countInstitutionsBySector(db: Db): Promise<Record<Sector, number>> {
  const rows = await db
    .selectFrom('institution')
    .select(['sector', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('archivedAt', 'is', null)
    .groupBy('sector')
    .execute();
  const counts = { public: 0, private: 0, academic: 0, civil_society: 0, international: 0 } as Record<Sector, number>;
  for (const row of rows) counts[row.sector] = Number(row.count);
  return counts;
}

/** One institution's name in the reader's language (else English), for headers and greetings. */
export async function getInstitutionName(db: Db, id: string, language: string): Promise<string | undefined> {
  const row = await db.selectFrom('institution').select(institutionNameIn(language, 'institution.id', 'institution.name').as('name')).where('institution.id', '=', id).executeTakeFirst();
  return row?.name;
}

export async function getInstitution(db: Db, id: string): Promise<Institution | undefined> {
  return db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function institutionNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('institution').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createInstitution(db: Db, actorId: string | null, fields: InstitutionFields): Promise<Institution> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row = await trx
      .insertInto('institution')
      .values({ id: crypto.randomUUID(), ...normalise(fields), archivedAt: null, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId, action: 'institution.create', entityType: 'institution', entityId: row.id, details: { name: row.name } });
    return row;
  });
}

export async function updateInstitution(db: Db, actorId: string, id: string, fields: InstitutionFields): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('institution').set({ ...normalise(fields), updatedAt: nowIso() }).where('id', '=', id).execute();
    await recordAudit(trx, { actorId, action: 'institution.update', entityType: 'institution', entityId: id, details: { name: fields.name } });
  });
}

/** Archiving hides an institution from lists and pickers; its people and history stay. */
export async function setInstitutionArchived(db: Db, actorId: string, id: string, archived: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('institution')
      .set({ archivedAt: archived ? nowIso() : null, updatedAt: nowIso() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actorId, action: archived ? 'institution.archive' : 'institution.restore', entityType: 'institution', entityId: id });
  });
}

function normalise(fields: InstitutionFields) {
  return {
    name: fields.name.trim(),
    localName: fields.localName?.trim() || null,
    acronym: fields.acronym?.trim() || null,
    sector: fields.sector,
    level: fields.level ?? null,
    website: fields.website?.trim() || null,
    contactEmail: fields.contactEmail?.trim().toLowerCase() || null,
    description: fields.description?.trim() || null,
  };
}
