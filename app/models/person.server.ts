import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { Role } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import type { Actor } from '../policies/permissions.ts';
import { recordAudit } from './audit.server.ts';

/** A person as the portal shows them: account, role and institution. */
function peopleQuery(db: Db) {
  return db
    .selectFrom('user')
    .innerJoin('institution', 'institution.id', 'user.institutionId')
    .select([
      'user.id',
      'user.name',
      'user.email',
      'user.role',
      'user.deactivatedAt',
      'user.institutionId',
      'institution.name as institutionName',
      'institution.sector as institutionSector',
    ]);
}

export async function listPeople(db: Db, filter: { institutionId?: string; includeDeactivated?: boolean } = {}) {
  let query = peopleQuery(db);
  if (filter.institutionId) query = query.where('user.institutionId', '=', filter.institutionId);
  if (!filter.includeDeactivated) query = query.where('user.deactivatedAt', 'is', null);
  return query.orderBy(sql`lower("user"."name")`).execute();
}

export async function getPerson(db: Db, id: string) {
  return peopleQuery(db).where('user.id', '=', id).executeTakeFirst();
}

/** An active person as the permission rules see them, or null when unknown or deactivated. */
export async function getPersonActor(db: Db, id: string): Promise<Actor | null> {
  const row = await db.selectFrom('user').select(['id', 'role', 'institutionId']).where('id', '=', id).where('deactivatedAt', 'is', null).executeTakeFirst();
  return row ?? null;
}

export async function isPersonActive(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('user').select('deactivatedAt').where('id', '=', id).executeTakeFirst();
  return row !== undefined && row.deactivatedAt === null;
}

export async function emailRegistered(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('user').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

/** Remembers the interface language a person chose (a preference: not audited). */
export async function setPersonLanguage(db: Db, id: string, language: string): Promise<void> {
  await db.updateTable('user').set({ language }).where('id', '=', id).execute();
}

export async function countActivePeople(db: Db): Promise<number> {
  const row = await db
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('deactivatedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface NewPerson {
  name: string;
  email: string;
  role: Role;
  institutionId: string;
  passwordHash: string;
}

/**
 * Writes a person's account and credential rows in better-auth's format.
 * Runs inside the caller's transaction (invitation acceptance, demo seed).
 */
export async function insertPerson(trx: Db, person: NewPerson): Promise<string> {
  const id = crypto.randomUUID();
  const now = nowIso();
  await trx
    .insertInto('user')
    .values({
      id,
      name: person.name.trim(),
      email: person.email.toLowerCase(),
      // TRUE is understood by both SQLite (as 1) and PostgreSQL.
      emailVerified: sql<boolean>`TRUE`,
      image: null,
      createdAt: now,
      updatedAt: now,
      role: person.role,
      institutionId: person.institutionId,
      deactivatedAt: null,
    })
    .execute();
  await trx
    .insertInto('account')
    .values({
      id: crypto.randomUUID(),
      accountId: id,
      providerId: 'credential',
      userId: id,
      password: person.passwordHash,
      accessToken: null,
      refreshToken: null,
      idToken: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      scope: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export async function updatePersonAssignment(
  db: Db,
  actorId: string,
  id: string,
  change: { role: Role; institutionId: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('user').select(['role', 'institutionId']).where('id', '=', id).executeTakeFirstOrThrow();
    await trx.updateTable('user').set({ role: change.role, institutionId: change.institutionId, updatedAt: nowIso() }).where('id', '=', id).execute();
    await recordAudit(trx, { actorId, action: 'person.assign', entityType: 'person', entityId: id, details: { before, after: change } });
  });
}

/**
 * Deactivating keeps the person and everything they wrote, and ends their
 * sessions at once; reactivating lets them sign in again.
 */
export async function setPersonActive(db: Db, actorId: string, id: string, active: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('user').set({ deactivatedAt: active ? null : nowIso(), updatedAt: nowIso() }).where('id', '=', id).execute();
    if (!active) await trx.deleteFrom('session').where('userId', '=', id).execute();
    await recordAudit(trx, { actorId, action: active ? 'person.reactivate' : 'person.deactivate', entityType: 'person', entityId: id });
  });
}
