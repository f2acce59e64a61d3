import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { Institution, Role } from '../../db/schema.ts';
import { createInstitution, type InstitutionFields } from '../../app/models/institution.server.ts';
import { insertPerson } from '../../app/models/person.server.ts';

/**
 * Factories for integration tests. Each call makes new rows with unique names,
 * so tests sharing one database per file do not depend on each other's data.
 */

/** A short unique suffix for names and e-mail addresses. */
export function unique(): string {
  return crypto.randomBytes(4).toString('hex');
}

/** Never a real hash: tests that need a working password sign in as a demo account. */
export const FAKE_PASSWORD_HASH = 'not-a-real-hash:0000';

export async function makeInstitution(db: Db, fields: Partial<InstitutionFields> = {}): Promise<Institution> {
  return createInstitution(db, null, {
    name: `Institution ${unique()}`,
    sector: 'public',
    level: 'state',
    ...fields,
  });
}

export interface TestPerson {
  id: string;
  email: string;
  name: string;
  role: Role;
  institutionId: string;
}

export async function makePerson(
  db: Db,
  fields: Partial<Omit<TestPerson, 'id'>> & { passwordHash?: string } = {},
): Promise<TestPerson> {
  const institutionId = fields.institutionId ?? (await makeInstitution(db)).id;
  const tag = unique();
  const person = {
    name: fields.name ?? `Person ${tag}`,
    email: fields.email ?? `person-${tag}@test.example`,
    role: fields.role ?? 'member',
    institutionId,
  };
  const id = await db.transaction().execute((trx) =>
    insertPerson(trx, { ...person, passwordHash: fields.passwordHash ?? FAKE_PASSWORD_HASH }),
  );
  return { id, ...person, email: person.email.toLowerCase() };
}

/** A session row in the shape better-auth writes (ISO strings work on both dialects). */
export async function makeSession(
  db: Db,
  userId: string,
  options: { createdAt?: Date; expiresAt?: Date; userAgent?: string } = {},
): Promise<{ id: string; token: string }> {
  const id = crypto.randomUUID();
  const token = crypto.randomBytes(24).toString('base64url');
  const createdAt = (options.createdAt ?? new Date()).toISOString();
  await db
    .insertInto('session')
    .values({
      id,
      token,
      userId,
      createdAt,
      updatedAt: createdAt,
      expiresAt: (options.expiresAt ?? new Date(Date.now() + 86_400_000)).toISOString(),
      ipAddress: '127.0.0.1',
      userAgent: options.userAgent ?? 'vitest',
    })
    .execute();
  return { id, token };
}
