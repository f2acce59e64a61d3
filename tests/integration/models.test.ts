import crypto from 'node:crypto';
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.server.ts';
import { SECTORS, type Sector } from '../../db/schema.ts';
import { DEMO_ACCOUNTS, DEMO_GROUP_DESCRIPTION, seedDemo, seedReferenceData } from '../../db/seeds/demo.server.ts';
import { findSessionIdByToken, listSessionsForUser, revokeSessionForUser } from '../../app/models/account-session.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { getCbm, listCbms, updateCbmText } from '../../app/models/cbm.server.ts';
import {
  countInstitutionsBySector,
  getInstitution,
  institutionNameTaken,
  listInstitutionOptions,
  listInstitutions,
  setInstitutionArchived,
  updateInstitution,
} from '../../app/models/institution.server.ts';
import {
  acceptInvitation,
  createInvitation,
  findUsableInvitation,
  listPendingInvitations,
  renewInvitation,
  revokeInvitation,
} from '../../app/models/invitation.server.ts';
import {
  countActivePeople,
  emailRegistered,
  getPerson,
  insertPerson,
  isPersonActive,
  listPeople,
  setPersonActive,
  updatePersonAssignment,
} from '../../app/models/person.server.ts';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from '../../app/models/setting.server.ts';
import { makeInstitution, makePerson, makeSession, unique, type TestPerson } from '../support/factories.ts';
import { countRows, createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

describe.each(dialects)('models on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let admin: TestPerson;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db;
    admin = await makePerson(db, { role: 'admin' });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  describe('institutions', () => {
    test('createInstitution stores normalised fields and an audit event', async () => {
      const row = await makeInstitution(db, {
        name: `  Agency ${unique()}  `,
        acronym: ' AG ',
        website: '',
        contactEmail: ' Desk@Agency.Example ',
        sector: 'private',
        level: 'entity',
      });
      expect(row.name).toMatch(/^Agency [0-9a-f]+$/);
      expect(row).toMatchObject({ acronym: 'AG', website: null, contactEmail: 'desk@agency.example', localName: null, archivedAt: null });
      expect(row.createdAt).toMatch(ISO);
      expect(await getInstitution(db, row.id)).toEqual(row);
      const events = await listAuditEvents(db, { entityType: 'institution', entityId: row.id });
      expect(events.map((e) => e.action)).toEqual(['institution.create']);
      expect(JSON.parse(events[0].details)).toEqual({ name: row.name });
    });

    test('institutionNameTaken ignores case and can exclude the institution being edited', async () => {
      const name = `Cyber Agency ${unique()}`;
      const row = await makeInstitution(db, { name });
      expect(await institutionNameTaken(db, name)).toBe(true);
      expect(await institutionNameTaken(db, name.toUpperCase())).toBe(true);
      expect(await institutionNameTaken(db, name.toLowerCase())).toBe(true);
      expect(await institutionNameTaken(db, `${name} 2`)).toBe(false);
      expect(await institutionNameTaken(db, name, row.id)).toBe(false);
      const other = await makeInstitution(db);
      expect(await institutionNameTaken(db, name.toLowerCase(), other.id)).toBe(true);
    });

    // The portal's institutions have Bosnian, Croatian and Serbian names (Š, Č, Ž, Cyrillic):
    // "case-insensitive" must hold for them too, on both databases.
    test('institutionNameTaken ignores case for non-ASCII letters too', async () => {
      const name = `Šumarski fakultet ${unique()}`;
      await makeInstitution(db, { name });
      expect(await institutionNameTaken(db, name.toLowerCase())).toBe(true);
      expect(await institutionNameTaken(db, name.toUpperCase())).toBe(true);
    });

    test('updateInstitution changes the fields and records who did it', async () => {
      const row = await makeInstitution(db, { acronym: 'OLD' });
      const name = `Renamed ${unique()}`;
      await updateInstitution(db, admin.id, row.id, { name, sector: 'academic', level: 'cantonal', acronym: '', description: ' Teaches. ' });
      const updated = await getInstitution(db, row.id);
      expect(updated).toMatchObject({ name, sector: 'academic', level: 'cantonal', acronym: null, description: 'Teaches.' });
      expect(updated!.updatedAt >= row.updatedAt).toBe(true);
      const events = await listAuditEvents(db, { entityType: 'institution', entityId: row.id });
      expect(events.map((e) => e.action).sort()).toEqual(['institution.create', 'institution.update']);
      expect(events.find((e) => e.action === 'institution.update')!.actorName).toBe(admin.name);
    });

    test('archiving hides an institution unless includeArchived; restoring shows it again', async () => {
      const row = await makeInstitution(db, { sector: 'civil_society' });
      const before = await countInstitutionsBySector(db);
      await setInstitutionArchived(db, admin.id, row.id, true);

      expect((await listInstitutions(db)).map((i) => i.id)).not.toContain(row.id);
      expect((await listInstitutionOptions(db)).map((i) => i.id)).not.toContain(row.id);
      expect((await countInstitutionsBySector(db)).civil_society).toBe(before.civil_society - 1);
      const archived = (await listInstitutions(db, { includeArchived: true })).find((i) => i.id === row.id);
      expect(archived?.archivedAt).toMatch(ISO);

      await setInstitutionArchived(db, admin.id, row.id, false);
      expect((await listInstitutions(db)).find((i) => i.id === row.id)?.archivedAt).toBeNull();
      const actions = (await listAuditEvents(db, { entityId: row.id })).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['institution.archive', 'institution.restore']));
    });

    test('listInstitutions filters by sector and level', async () => {
      const target = await makeInstitution(db, { sector: 'international', level: 'municipal' });
      const sameSector = await makeInstitution(db, { sector: 'international', level: 'state' });
      const sameLevel = await makeInstitution(db, { sector: 'academic', level: 'municipal' });

      const bySector = await listInstitutions(db, { sector: 'international' });
      expect(bySector.every((i) => i.sector === 'international')).toBe(true);
      expect(bySector.map((i) => i.id)).toEqual(expect.arrayContaining([target.id, sameSector.id]));

      const byLevel = await listInstitutions(db, { level: 'municipal' });
      expect(byLevel.every((i) => i.level === 'municipal')).toBe(true);
      expect(byLevel.map((i) => i.id)).toEqual(expect.arrayContaining([target.id, sameLevel.id]));

      const both = await listInstitutions(db, { sector: 'international', level: 'municipal' });
      expect(both.map((i) => i.id)).toContain(target.id);
      expect(both.map((i) => i.id)).not.toContain(sameSector.id);
      expect(both.map((i) => i.id)).not.toContain(sameLevel.id);
    });

    test('listInstitutions searches name, acronym and local name, ignoring case, ordered by name', async () => {
      const tag = unique();
      const a = await makeInstitution(db, { name: `Beta Bureau ${tag}` });
      const b = await makeInstitution(db, { name: `Alpha Office`.concat(` ${unique()}`), acronym: `AO${tag}`.toUpperCase() });
      const c = await makeInstitution(db, { name: `Gamma ${unique()}`, localName: `Lokalni naziv ${tag}` });

      const found = await listInstitutions(db, { query: tag.toUpperCase() });
      expect(found.map((i) => i.id)).toEqual([b.id, a.id, c.id]);
      expect(found.map((i) => i.name)).toEqual([...found.map((i) => i.name)].sort());
      expect(await listInstitutions(db, { query: `no-such-${tag}` })).toEqual([]);
    });

    test('listInstitutions finds a Cyrillic local name typed exactly as stored', async () => {
      const row = await makeInstitution(db, { localName: `Полиција Брчко ${unique()}` });
      const found = await listInstitutions(db, { query: 'Полиција' });
      expect(found.map((i) => i.id)).toContain(row.id);
    });

    test('listInstitutions treats % and _ in the search as ordinary characters', async () => {
      await makeInstitution(db, { name: `100% Secure ${unique()}` });
      const percent = await listInstitutions(db, { query: '%' });
      expect(percent.length).toBeGreaterThan(0);
      expect(percent.every((i) => i.name.includes('%'))).toBe(true);
      const underscore = await listInstitutions(db, { query: '_' });
      expect(underscore.every((i) => [i.name, i.acronym, i.localName].some((v) => v?.includes('_')))).toBe(true);
    });

    test('memberCount counts only active people, and is a number on every dialect', async () => {
      const full = await makeInstitution(db);
      const empty = await makeInstitution(db);
      await makePerson(db, { institutionId: full.id });
      await makePerson(db, { institutionId: full.id, role: 'observer' });
      const leaver = await makePerson(db, { institutionId: full.id });
      await setPersonActive(db, admin.id, leaver.id, false);

      const rows = await listInstitutions(db);
      const fullRow = rows.find((i) => i.id === full.id)!;
      const emptyRow = rows.find((i) => i.id === empty.id)!;
      expect(fullRow.memberCount).toBe(2);
      expect(emptyRow.memberCount).toBe(0);
      expect(typeof fullRow.memberCount).toBe('number');
      expect(typeof fullRow.createdAt).toBe('string');
      expect(typeof fullRow.updatedAt).toBe('string');
      expect(fullRow.createdAt).toMatch(ISO);
      expect(fullRow.archivedAt).toBeNull();
    });

    test('countInstitutionsBySector counts active institutions per sector, as numbers', async () => {
      const counts = await countInstitutionsBySector(db);
      expect(Object.keys(counts).sort()).toEqual([...SECTORS].sort());
      const expected = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
      for (const row of await listInstitutions(db)) expected[row.sector] += 1;
      expect(counts).toEqual(expected);
      for (const value of Object.values(counts)) expect(typeof value).toBe('number');
    });
  });

  describe('people', () => {
    test('insertPerson writes the user and a credential account inside the caller’s transaction', async () => {
      const institution = await makeInstitution(db);
      const id = await db.transaction().execute((trx) =>
        insertPerson(trx, { name: ' Mira Tomić ', email: 'Mira.Tomic@Test.Example', role: 'observer', institutionId: institution.id, passwordHash: 'hash' }),
      );
      expect(await getPerson(db, id)).toMatchObject({
        id,
        name: 'Mira Tomić',
        email: 'mira.tomic@test.example',
        role: 'observer',
        deactivatedAt: null,
        institutionId: institution.id,
        institutionName: institution.name,
      });
      const account = await db.selectFrom('account').selectAll().where('userId', '=', id).executeTakeFirstOrThrow();
      expect(account).toMatchObject({ providerId: 'credential', accountId: id, password: 'hash' });
      expect(Boolean((await db.selectFrom('user').select('emailVerified').where('id', '=', id).executeTakeFirstOrThrow()).emailVerified)).toBe(true);
      expect(await emailRegistered(db, 'MIRA.TOMIC@test.example')).toBe(true);
    });

    test('insertPerson writes nothing when the surrounding transaction fails', async () => {
      const institution = await makeInstitution(db);
      const users = await countRows(db, 'user');
      const accounts = await countRows(db, 'account');
      await expect(
        db.transaction().execute(async (trx) => {
          await insertPerson(trx, { name: 'Rolled Back', email: `rb-${unique()}@test.example`, role: 'member', institutionId: institution.id, passwordHash: 'h' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await countRows(db, 'user')).toBe(users);
      expect(await countRows(db, 'account')).toBe(accounts);
    });

    test('the same e-mail address cannot be registered twice', async () => {
      const person = await makePerson(db);
      await expect(makePerson(db, { email: person.email })).rejects.toThrow();
    });

    test('updatePersonAssignment changes role and institution and audits before/after', async () => {
      const person = await makePerson(db, { role: 'member' });
      const target = await makeInstitution(db);
      await updatePersonAssignment(db, admin.id, person.id, { role: 'secretariat', institutionId: target.id });

      expect(await getPerson(db, person.id)).toMatchObject({ role: 'secretariat', institutionId: target.id });
      const [event] = await listAuditEvents(db, { entityType: 'person', entityId: person.id });
      expect(event).toMatchObject({ action: 'person.assign', actorName: admin.name });
      expect(JSON.parse(event.details)).toEqual({
        before: { role: 'member', institutionId: person.institutionId },
        after: { role: 'secretariat', institutionId: target.id },
      });
      expect(typeof event.createdAt).toBe('string');
    });

    test('setPersonActive(false) sets deactivatedAt and ends only that person’s sessions', async () => {
      const person = await makePerson(db);
      const bystander = await makePerson(db);
      await makeSession(db, person.id);
      await makeSession(db, person.id);
      const kept = await makeSession(db, bystander.id);

      await setPersonActive(db, admin.id, person.id, false);
      const row = await getPerson(db, person.id);
      expect(row?.deactivatedAt).toMatch(ISO);
      expect(await isPersonActive(db, person.id)).toBe(false);
      expect(await db.selectFrom('session').select('id').where('userId', '=', person.id).execute()).toEqual([]);
      expect(await findSessionIdByToken(db, kept.token)).toBe(kept.id);

      await setPersonActive(db, admin.id, person.id, true);
      expect((await getPerson(db, person.id))?.deactivatedAt).toBeNull();
      expect(await isPersonActive(db, person.id)).toBe(true);
      const actions = (await listAuditEvents(db, { entityType: 'person', entityId: person.id })).map((e) => e.action);
      expect(actions.sort()).toEqual(['person.deactivate', 'person.reactivate']);
    });

    test('listPeople leaves out deactivated people unless asked, and filters by institution', async () => {
      const institution = await makeInstitution(db);
      const zed = await makePerson(db, { institutionId: institution.id, name: `Zed ${unique()}` });
      const amy = await makePerson(db, { institutionId: institution.id, name: `Amy ${unique()}` });
      const gone = await makePerson(db, { institutionId: institution.id, name: `Bob ${unique()}` });
      await setPersonActive(db, admin.id, gone.id, false);
      const activeBefore = await countActivePeople(db);

      const active = await listPeople(db, { institutionId: institution.id });
      expect(active.map((p) => p.id)).toEqual([amy.id, zed.id]);
      expect(active[0]).toMatchObject({ institutionName: institution.name, institutionSector: institution.sector, deactivatedAt: null });

      const everyone = await listPeople(db, { institutionId: institution.id, includeDeactivated: true });
      expect(everyone.map((p) => p.id)).toEqual([amy.id, gone.id, zed.id]);
      expect(typeof everyone[1].deactivatedAt).toBe('string');

      expect((await listPeople(db)).map((p) => p.id)).not.toContain(gone.id);
      expect(typeof activeBefore).toBe('number');
      expect(activeBefore).toBe((await listPeople(db)).length);
    });
  });

  describe('invitations', () => {
    let institution: { id: string; name: string };
    let secretariat: TestPerson;

    beforeAll(async () => {
      institution = await makeInstitution(db);
      secretariat = await makePerson(db, { role: 'secretariat' });
    });

    const invite = (email = `invitee-${unique()}@test.example`) =>
      createInvitation(db, { email, name: ' Invitee ', institutionId: institution.id, role: 'member', invitedById: secretariat.id });

    test('createInvitation returns a token and stores only its sha256 hash', async () => {
      const email = `New.Person-${unique()}@Test.Example`;
      const { id, token } = await invite(email);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const row = await db.selectFrom('invitation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.tokenHash).toBe(sha256(token));
      expect(row).toMatchObject({ email: email.toLowerCase(), name: 'Invitee', role: 'member', acceptedAt: null, revokedAt: null });
      expect(typeof row.createdAt).toBe('string');
      expect(row.expiresAt).toMatch(ISO);
      expect(Date.parse(row.expiresAt) - Date.parse(row.createdAt)).toBe(14 * 86_400_000);

      const everything = JSON.stringify(await db.selectFrom('invitation').selectAll().execute());
      expect(everything).not.toContain(token);
      expect(JSON.stringify(await db.selectFrom('auditEvent').selectAll().execute())).not.toContain(token);
    });

    test('findUsableInvitation finds a pending invitation by its token only', async () => {
      const email = `find-${unique()}@test.example`;
      const { id, token } = await invite(email);
      expect(await findUsableInvitation(db, token)).toEqual({
        id,
        email,
        name: 'Invitee',
        role: 'member',
        institutionId: institution.id,
        institutionName: institution.name,
      });
      expect(await findUsableInvitation(db, `${token}x`)).toBeUndefined();
      expect(await findUsableInvitation(db, sha256(token))).toBeUndefined();
      expect((await listPendingInvitations(db)).map((i) => i.id)).toContain(id);
    });

    test('an expired invitation cannot be used', async () => {
      const { id, token } = await invite();
      await db.updateTable('invitation').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
      expect(await findUsableInvitation(db, token)).toBeUndefined();
      expect((await listPendingInvitations(db)).map((i) => i.id)).not.toContain(id);
      expect(await acceptInvitation(db, token, { name: 'Late', passwordHash: 'h' })).toEqual({ ok: false, reason: 'invalid' });
    });

    test('a second invitation for the same address revokes the first', async () => {
      const email = `twice-${unique()}@test.example`;
      const first = await invite(email);
      const second = await invite(email.toUpperCase());
      expect(await findUsableInvitation(db, first.token)).toBeUndefined();
      expect((await findUsableInvitation(db, second.token))?.id).toBe(second.id);
      const old = await db.selectFrom('invitation').select('revokedAt').where('id', '=', first.id).executeTakeFirstOrThrow();
      expect(old.revokedAt).toMatch(ISO);
      const pending = (await listPendingInvitations(db)).filter((i) => i.email === email);
      expect(pending.map((i) => i.id)).toEqual([second.id]);
    });

    test('renewInvitation issues a new token and the old one stops working', async () => {
      const { id, token } = await invite();
      const renewed = await renewInvitation(db, secretariat.id, id);
      expect(renewed).toEqual(expect.any(String));
      expect(renewed).not.toBe(token);
      expect(await findUsableInvitation(db, token)).toBeUndefined();
      expect((await findUsableInvitation(db, renewed!))?.id).toBe(id);
      const actions = (await listAuditEvents(db, { entityType: 'invitation', entityId: id })).map((e) => e.action);
      expect(actions.sort()).toEqual(['person.invite', 'person.invite-renew']);
    });

    test('revokeInvitation makes the link unusable, and a revoked invitation cannot be renewed', async () => {
      const { id, token } = await invite();
      await revokeInvitation(db, secretariat.id, id);
      expect(await findUsableInvitation(db, token)).toBeUndefined();
      expect((await listPendingInvitations(db)).map((i) => i.id)).not.toContain(id);
      expect(await renewInvitation(db, secretariat.id, id)).toBeNull();
      expect(await acceptInvitation(db, token, { name: 'Too late', passwordHash: 'h' })).toEqual({ ok: false, reason: 'invalid' });
    });

    test('acceptInvitation creates the person and their password, and marks the invitation accepted', async () => {
      const email = `accept-${unique()}@test.example`;
      const { id, token } = await invite(email);
      const result = await acceptInvitation(db, token, { name: 'Nadia Accepts', passwordHash: 'scrypt-hash' });
      expect(result).toEqual({ ok: true, userId: expect.any(String), email });
      if (!result.ok) return;

      expect(await getPerson(db, result.userId)).toMatchObject({ name: 'Nadia Accepts', email, role: 'member', institutionId: institution.id, deactivatedAt: null });
      const account = await db.selectFrom('account').selectAll().where('userId', '=', result.userId).executeTakeFirstOrThrow();
      expect(account).toMatchObject({ providerId: 'credential', password: 'scrypt-hash' });
      const row = await db.selectFrom('invitation').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.acceptedAt).toMatch(ISO);
      expect(row.acceptedUserId).toBe(result.userId);
      const joined = await listAuditEvents(db, { entityType: 'person', entityId: result.userId });
      expect(joined.map((e) => e.action)).toEqual(['person.join']);

      expect(await findUsableInvitation(db, token)).toBeUndefined();
      expect(await renewInvitation(db, secretariat.id, id)).toBeNull();
    });

    test('accepting the same invitation twice fails the second time and writes nothing', async () => {
      const { token } = await invite();
      expect((await acceptInvitation(db, token, { name: 'Once', passwordHash: 'h' })).ok).toBe(true);
      const users = await countRows(db, 'user');
      expect(await acceptInvitation(db, token, { name: 'Twice', passwordHash: 'h' })).toEqual({ ok: false, reason: 'invalid' });
      expect(await countRows(db, 'user')).toBe(users);
    });

    test('accepting for an address that already has an account returns email-taken and writes nothing', async () => {
      const existing = await makePerson(db);
      const { id, token } = await invite(existing.email);
      const before = {
        user: await countRows(db, 'user'),
        account: await countRows(db, 'account'),
        auditEvent: await countRows(db, 'auditEvent'),
        session: await countRows(db, 'session'),
      };

      expect(await acceptInvitation(db, token, { name: 'Impostor', passwordHash: 'h' })).toEqual({ ok: false, reason: 'email-taken' });

      expect({
        user: await countRows(db, 'user'),
        account: await countRows(db, 'account'),
        auditEvent: await countRows(db, 'auditEvent'),
        session: await countRows(db, 'session'),
      }).toEqual(before);
      const row = await db.selectFrom('invitation').select(['acceptedAt', 'acceptedUserId']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ acceptedAt: null, acceptedUserId: null });
      expect((await getPerson(db, existing.id))?.name).toBe(existing.name);
    });
  });

  describe('OSCE CBMs', () => {
    beforeAll(async () => {
      await seedReferenceData(db);
    });

    test('seedReferenceData inserts the 16 measures once', async () => {
      expect(await countRows(db, 'cbm')).toBe(16);
      await seedReferenceData(db);
      expect(await countRows(db, 'cbm')).toBe(16);
    });

    test('listCbms returns them in number order with the same types on every dialect', async () => {
      const cbms = await listCbms(db);
      expect(cbms.map((c) => c.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      for (const cbm of cbms) {
        expect(typeof cbm.number).toBe('number');
        expect(typeof cbm.updatedAt).toBe('string');
        expect(cbm.decision).toMatch(/^PC\.DEC\/(1106|1202)$/);
        expect(cbm.sourceUrl).toMatch(/^https:\/\/www\.osce\.org\//);
      }
    });

    test('updateCbmText replaces the text and records an audit event', async () => {
      await updateCbmText(db, admin.id, 7, { title: '  Official title  ', text: ' The official wording. ' });
      expect(await getCbm(db, 7)).toMatchObject({ number: 7, title: 'Official title', text: 'The official wording.' });
      expect((await getCbm(db, 8))?.title).not.toBe('Official title');
      const [event] = await listAuditEvents(db, { entityType: 'cbm', entityId: '7' });
      expect(event).toMatchObject({ action: 'cbm.update', actorName: admin.name });
    });
  });

  describe('settings', () => {
    test('getSettings returns the defaults before anything is saved', async () => {
      expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
    });

    test('updateSettings inserts, then updates the same rows', async () => {
      await updateSettings(db, admin.id, { groupName: 'First Group', groupDescription: 'One' });
      expect(await getSettings(db)).toEqual({ groupName: 'First Group', groupDescription: 'One' });
      await updateSettings(db, admin.id, { groupName: 'Second Group', groupDescription: '' });
      expect(await getSettings(db)).toEqual({ groupName: 'Second Group', groupDescription: '' });
      expect(await countRows(db, 'setting')).toBe(2);
      const events = await listAuditEvents(db, { entityType: 'settings' });
      expect(events).toHaveLength(2);
    });
  });

  describe('account sessions', () => {
    test('listSessionsForUser lists live sessions newest first, with ISO dates and without tokens', async () => {
      const person = await makePerson(db);
      const other = await makePerson(db);
      const older = await makeSession(db, person.id, { createdAt: new Date(Date.now() - 3_600_000), userAgent: 'older' });
      const newer = await makeSession(db, person.id, { userAgent: 'newer' });
      await makeSession(db, person.id, { createdAt: new Date(Date.now() - 7_200_000), expiresAt: new Date(Date.now() - 1000) });
      await makeSession(db, other.id);

      const sessions = await listSessionsForUser(db, person.id);
      expect(sessions.map((s) => s.id)).toEqual([newer.id, older.id]);
      for (const session of sessions) {
        expect(session).not.toHaveProperty('token');
        expect(session.createdAt).toMatch(ISO);
        expect(session.updatedAt).toMatch(ISO);
        expect(session.expiresAt).toMatch(ISO);
      }
      expect(sessions[1].userAgent).toBe('older');
    });

    test('findSessionIdByToken and revokeSessionForUser only touch the owner’s session', async () => {
      const person = await makePerson(db);
      const other = await makePerson(db);
      const session = await makeSession(db, person.id);

      expect(await findSessionIdByToken(db, session.token)).toBe(session.id);
      expect(await findSessionIdByToken(db, 'no-such-token')).toBeUndefined();
      expect(await revokeSessionForUser(db, other.id, session.id)).toBe(false);
      expect(await findSessionIdByToken(db, session.token)).toBe(session.id);
      expect(await revokeSessionForUser(db, person.id, session.id)).toBe(true);
      expect(await findSessionIdByToken(db, session.token)).toBeUndefined();
      expect(await revokeSessionForUser(db, person.id, session.id)).toBe(false);
    });
  });
});

describe.each(dialects)('seedDemo on %s', (dialect) => {
  let database: TestDatabase;
  let first: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReferenceData(database.db);
    first = await seedDemo(database.db, { password: 'demo-password-for-tests' });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('reports the password it was given', () => {
    expect(first).toEqual({ password: 'demo-password-for-tests', generated: false });
  });

  test('seeds at least 15 institutions across all five sectors', async () => {
    const institutions = await listInstitutions(database.db);
    expect(institutions.length).toBeGreaterThanOrEqual(15);
    expect(new Set(institutions.map((i) => i.sector))).toEqual(new Set(SECTORS));
    const counts = await countInstitutionsBySector(database.db);
    for (const sector of SECTORS) expect(counts[sector]).toBeGreaterThan(0);
  });

  test('creates the demo accounts with their roles and institutions', async () => {
    const people = await listPeople(database.db);
    expect(people).toHaveLength(DEMO_ACCOUNTS.length);
    expect(DEMO_ACCOUNTS).toHaveLength(7);
    for (const account of DEMO_ACCOUNTS) {
      const person = people.find((p) => p.email === account.email);
      expect(person, account.email).toMatchObject({ role: account.role, name: account.name, institutionName: account.institution });
    }
    const roles = DEMO_ACCOUNTS.map((a) => a.role);
    expect(new Set(roles)).toEqual(new Set(['admin', 'secretariat', 'member', 'observer']));
  });

  test('the demo password hash verifies', async () => {
    const row = await database.db
      .selectFrom('account')
      .innerJoin('user', 'user.id', 'account.userId')
      .select('account.password')
      .where('user.email', '=', 'member@demo.example')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword({ hash: row.password!, password: 'demo-password-for-tests' })).toBe(true);
    expect(await verifyPassword({ hash: row.password!, password: 'wrong-password-here' })).toBe(false);
  });

  test('sets the demo group name and description', async () => {
    expect(await getSettings(database.db)).toEqual({ groupName: 'Neretva Group', groupDescription: DEMO_GROUP_DESCRIPTION });
  });

  test('does nothing the second time', async () => {
    const before = {
      institution: await countRows(database.db, 'institution'),
      user: await countRows(database.db, 'user'),
      account: await countRows(database.db, 'account'),
      auditEvent: await countRows(database.db, 'auditEvent'),
    };
    expect(await seedDemo(database.db, { password: 'another-password-123' })).toBeNull();
    expect({
      institution: await countRows(database.db, 'institution'),
      user: await countRows(database.db, 'user'),
      account: await countRows(database.db, 'account'),
      auditEvent: await countRows(database.db, 'auditEvent'),
    }).toEqual(before);
  });
});
