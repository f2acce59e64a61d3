import crypto from 'node:crypto';
import { sql } from 'kysely';
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
  level: Level;
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

export async function listInstitutions(db: Db, filter: InstitutionFilter = {}) {
  let query = db
    .selectFrom('institution')
    .leftJoin('user', (join) => join.onRef('user.institutionId', '=', 'institution.id').on('user.deactivatedAt', 'is', null))
    .selectAll('institution')
    .select((eb) => eb.fn.count<number | string>('user.id').as('memberCount'))
    .groupBy('institution.id');
  if (filter.sector) query = query.where('institution.sector', '=', filter.sector);
  if (filter.level) query = query.where('institution.level', '=', filter.level);
  if (!filter.includeArchived) query = query.where('institution.archivedAt', 'is', null);
  if (filter.query) {
    // Wildcards typed by the user are searched for literally.
    // Folded as search text is (app/utils/search-text.ts): "Ministarstvo sigurnosti" is found as "sigurnosti" and "сигурности".
    const like = `%${foldForSearch(filter.query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        (['institution.name', 'institution.acronym', 'institution.localName'] as const).map(
          (column) => sql<boolean>`portal_fold(${eb.ref(column)}) like ${like} escape '\\'`,
        ),
      ),
    );
  }
  // lower() so SQLite and PostgreSQL agree on the order of names such as 'e-Transformacija'.
  const rows = await query.orderBy(sql`lower(institution.name)`).execute();
  return rows.map((row) => ({ ...row, memberCount: Number(row.memberCount) }));
}

/** Active institutions for select boxes. */
export async function listInstitutionOptions(db: Db) {
  return db
    .selectFrom('institution')
    .select(['id', 'name', 'acronym', 'sector'])
    .where('archivedAt', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute();
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
    level: fields.level,
    website: fields.website?.trim() || null,
    contactEmail: fields.contactEmail?.trim().toLowerCase() || null,
    description: fields.description?.trim() || null,
  };
}
