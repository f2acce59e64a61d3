import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.server.ts';
import type { Tlp } from '../../db/schema.ts';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { createActionItem } from '../../app/models/action-item.server.ts';
import { createThread } from '../../app/models/comment.server.ts';
import { createSuggestion } from '../../app/models/suggestion.server.ts';
import { createDocument, type Participants } from '../../app/models/document.server.ts';
import { createInvitation } from '../../app/models/invitation.server.ts';
import { saveVersion } from '../../app/services/document-versions.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { makeInstitution, makePerson, makeSession, unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/**
 * Issue 10, section 2: every route with an `action`, POSTed as the public and
 * as every role, on the real server. Each probe states the answer per role; a
 * refusal must leave every table exactly as it was. The table is checked
 * against app/routes, so a new route with an action and no row fails here.
 */

const ROLES = ['anonymous', 'admin', 'secretariat', 'member', 'observer'] as const;
type Role = (typeof ROLES)[number];

const EMAILS: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin@demo.example',
  secretariat: 'secretariat@demo.example',
  member: 'member@demo.example',
  observer: 'observer@demo.example',
};

/** `login`: sent to the sign-in page. `ok`: done (2xx, or a redirect elsewhere). A number: exactly that status. */
type Outcome = 'login' | 'ok' | number;

interface Fixtures {
  db: Db;
  portal: Portal;
  ids: { admin: string; secretariat: string; member: string; observer: string; private: string };
  institutions: { mct: string; msb: string; bht: string; osce: string };
  actionPlan: string;
}

interface Request {
  path: string;
  /** Form fields (urlencoded), or a FormData (multipart), or JSON. */
  form?: Record<string, string | string[]>;
  multipart?: FormData;
  json?: unknown;
}

interface Probe {
  name: string;
  /** Builds the request, with fresh rows where success would change them, so the order of roles does not matter. */
  request: (fx: Fixtures) => Promise<Request>;
  expect: Record<Role, Outcome>;
  /** Also for the roles that succeed: this request must change nothing (e.g. revoking someone else's session). */
  unchangedAlways?: boolean;
  /** Sign in afresh for this probe: it ends the session (sign-out). */
  ownSession?: boolean;
}

const anyone = (outcome: Outcome): Record<Role, Outcome> => ({ anonymous: outcome, admin: outcome, secretariat: outcome, member: outcome, observer: outcome });
const signedIn = (outcome: Outcome): Record<Role, Outcome> => ({ ...anyone(outcome), anonymous: 'login' });
const staffOnly: Record<Role, Outcome> = { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 };
const adminOnly: Record<Role, Outcome> = { anonymous: 'login', admin: 'ok', secretariat: 403, member: 403, observer: 403 };

async function makeDoc(fx: Fixtures, tlp: Tlp, owner: string, participants: Partial<Participants> = {}, status?: 'consultation') {
  const doc = await createDocument(
    fx.db,
    fx.ids.private,
    { title: `Probe ${tlp} ${unique()}`, type: 'other', language: 'en', summary: '', ownerInstitutionId: owner, tlp },
    { institutions: participants.institutions ?? [], people: participants.people ?? [] },
    stateFromMarkdown('Probe text for the route test.'),
  );
  if (status) await fx.db.updateTable('document').set({ status }).where('id', '=', doc.id).execute();
  return doc.id;
}

async function makeActionItem(fx: Fixtures, tlp: Tlp, owner: string) {
  return createActionItem(
    fx.db,
    {
      planId: fx.actionPlan,
      code: `P.${unique()}`,
      title: `Probe item ${unique()}`,
      description: '',
      sectionRef: null,
      pillarCode: null,
      cbms: [14],
      primaryCbm: 14,
      ownerInstitutionId: owner,
      supporterIds: [],
      status: 'in_progress',
      priority: 'medium',
      startDate: null,
      dueDate: null,
      progress: 10,
      budgetAmount: null,
      budgetCurrency: null,
      fundingSource: null,
      tlp,
      tags: [],
      indicators: [],
    },
    fx.ids.secretariat,
  );
}

function documentFields(fx: Fixtures, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { title: `Probe document ${unique()}`, type: 'other', language: 'en', summary: '', ownerInstitutionId: fx.institutions.msb, tlp: 'GREEN', ...overrides };
}

function institutionFields(): Record<string, string> {
  return { name: `Probe institution ${unique()}`, sector: 'public', level: 'state' };
}

function csvFile(text: string, name = 'plan.csv'): Blob & { name?: string } {
  return new File([text], name, { type: 'text/csv' });
}

/** One row per route file with an action: its probes. */
const TABLE: Record<string, Probe[]> = {
  'account.tsx': [
    {
      name: "revoking another person's session does nothing",
      request: async (fx) => ({ path: '/account', form: { intent: 'revoke-session', sessionId: (await makeSession(fx.db, fx.ids.private)).id } }),
      expect: signedIn('ok'),
      unchangedAlways: true,
    },
  ],
  'actions.$id.tsx': [
    {
      name: "a progress update on the member's own institution's GREEN item",
      request: async (fx) => ({
        path: `/actions/${await makeActionItem(fx, 'GREEN', fx.institutions.msb)}`,
        form: { intent: 'update', date: '2026-11-20', body: 'Workshop held.', status: 'in_progress', progress: '40' },
      }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 'ok', observer: 403 },
    },
    {
      name: "a comment on another institution's AMBER item",
      request: async (fx) => ({ path: `/actions/${await makeActionItem(fx, 'AMBER', fx.institutions.bht)}`, form: { intent: 'comment', body: 'A comment.' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 404, observer: 404 },
    },
    {
      name: "a progress update on another institution's RED item",
      request: async (fx) => ({
        path: `/actions/${await makeActionItem(fx, 'RED', fx.institutions.bht)}`,
        form: { intent: 'update', date: '2026-11-20', body: 'x', status: 'in_progress', progress: '40' },
      }),
      expect: { anonymous: 'login', admin: 404, secretariat: 404, member: 404, observer: 404 },
    },
  ],
  'actions.import.tsx': [
    {
      name: 'previewing an import',
      request: async (fx) => {
        const form = new FormData();
        form.append('planId', fx.actionPlan);
        form.append('file', csvFile('code,title,cbms,owner,status,priority,tlp\r\nZ.1,Probe,14,BH Telecom,not_started,low,GREEN\r\n'));
        return { path: '/actions/import', multipart: form };
      },
      expect: staffOnly,
    },
  ],
  'actions.new.tsx': [
    {
      name: 'creating an item',
      request: async (fx) => ({
        path: '/actions/new',
        form: {
          planId: fx.actionPlan,
          code: `N.${unique()}`,
          title: 'Probe created item',
          description: '',
          cbms: '14',
          primaryCbm: '14',
          ownerInstitutionId: fx.institutions.msb,
          status: 'not_started',
          priority: 'medium',
          tlp: 'GREEN',
          progress: '0',
          indicatorRows: '0',
        },
      }),
      expect: staffOnly,
    },
  ],
  'actions_.$id.edit.tsx': [
    {
      name: "deleting the member's own institution's GREEN item",
      request: async (fx) => ({ path: `/actions/${await makeActionItem(fx, 'GREEN', fx.institutions.msb)}/edit`, form: { intent: 'delete', confirm: 'yes' } }),
      expect: staffOnly,
    },
    {
      name: "deleting another institution's RED item",
      request: async (fx) => ({ path: `/actions/${await makeActionItem(fx, 'RED', fx.institutions.bht)}/edit`, form: { intent: 'delete', confirm: 'yes' } }),
      expect: { anonymous: 'login', admin: 404, secretariat: 404, member: 404, observer: 404 },
    },
  ],
  'api.auth.$.ts': [
    {
      name: 'better-auth /update-user with a 1,000,000-character name',
      request: async () => ({ path: '/api/auth/update-user', json: { name: 'x'.repeat(1_000_000) } }),
      expect: { anonymous: 401, admin: 400, secretariat: 400, member: 400, observer: 400 },
    },
  ],
  'cbms_.$number.edit.tsx': [
    { name: 'editing a CBM text', request: async () => ({ path: '/cbms/7/edit', form: { title: `CBM 7 ${unique()}`, text: 'Probe text.' } }), expect: adminOnly },
  ],
  'documents.new.tsx': [
    {
      name: "creating a document owned by the member's institution",
      request: async (fx) => {
        const form = new FormData();
        for (const [key, value] of Object.entries(documentFields(fx))) form.append(key, String(value));
        return { path: '/documents/new', multipart: form };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 'ok', observer: 403 },
    },
    {
      name: 'creating a document owned by another institution',
      request: async (fx) => {
        const form = new FormData();
        for (const [key, value] of Object.entries(documentFields(fx, { ownerInstitutionId: fx.institutions.bht }))) form.append(key, String(value));
        return { path: '/documents/new', multipart: form };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 400, observer: 403 },
    },
  ],
  'documents_.$id.consultation.tsx': [
    {
      name: "deciding a comment in the consultation report of another institution's GREEN document",
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'GREEN', fx.institutions.bht, { institutions: [{ institutionId: fx.institutions.msb, access: 'comment' }] }, 'consultation');
        await fx.db.updateTable('document').set({ consultationRound: 1 }).where('id', '=', documentId).execute();
        const threadId = crypto.randomUUID();
        await createThread(fx.db, { id: threadId, documentId, quote: 'Probe', authorId: fx.ids.private, institutionId: fx.institutions.bht, body: 'First' });
        return { path: `/documents/${documentId}/consultation`, form: { intent: 'decide', threadId, decision: 'noted', reason: '' } };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: 'naming people in the published consultation report',
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'GREEN', fx.institutions.msb, {}, 'consultation');
        await fx.db.updateTable('document').set({ consultationRound: 1 }).where('id', '=', documentId).execute();
        return { path: `/documents/${documentId}/consultation`, form: { intent: 'names', namesPeople: '1' } };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
  ],
  'documents_.$id.comments.tsx': [
    {
      name: "a reply in another institution's GREEN document",
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'GREEN', fx.institutions.bht);
        const threadId = crypto.randomUUID();
        await createThread(fx.db, { id: threadId, documentId, quote: 'Probe', authorId: fx.ids.private, institutionId: fx.institutions.bht, body: 'First' });
        return { path: `/documents/${documentId}/comments`, form: { intent: 'reply', threadId, body: 'A reply.' } };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: 'resolving a thread in a RED document nobody here is named on',
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'RED', fx.institutions.bht, { people: [{ userId: fx.ids.private, access: 'edit' }] });
        const threadId = crypto.randomUUID();
        await createThread(fx.db, { id: threadId, documentId, quote: 'Probe', authorId: fx.ids.private, institutionId: fx.institutions.bht, body: 'Secret' });
        return { path: `/documents/${documentId}/comments`, form: { intent: 'resolve', threadId } };
      },
      expect: { anonymous: 'login', admin: 404, secretariat: 404, member: 404, observer: 404 },
    },
  ],
  'documents_.$id.suggestions.tsx': [
    {
      name: "rejecting a suggestion in another institution's GREEN document",
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'GREEN', fx.institutions.bht);
        const suggestionId = crypto.randomUUID();
        await createSuggestion(fx.db, { id: suggestionId, documentId, createdById: fx.ids.private, institutionId: fx.institutions.bht, quote: 'Probe', proposedText: 'Test', rationale: null });
        return { path: `/documents/${documentId}/suggestions`, form: { intent: 'reject', suggestionId, reason: 'No.' } };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: 'suggesting in a RED document nobody here is named on',
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'RED', fx.institutions.bht, { people: [{ userId: fx.ids.private, access: 'edit' }] });
        const anchor = JSON.stringify({ start: { block: [0], offset: 0 }, end: { block: [0], offset: 5 } });
        return { path: `/documents/${documentId}/suggestions`, form: { intent: 'create', suggestionId: crypto.randomUUID(), quote: 'Probe', anchor, proposedText: 'Test' } };
      },
      expect: { anonymous: 'login', admin: 404, secretariat: 404, member: 404, observer: 404 },
    },
  ],
  'documents_.$id.settings.tsx': [
    {
      name: "reclassifying another institution's GREEN document and adding oneself as editor",
      request: async (fx) => ({
        path: `/documents/${await makeDoc(fx, 'GREEN', fx.institutions.bht)}/settings`,
        form: documentFields(fx, { ownerInstitutionId: fx.institutions.bht, tlp: 'CLEAR', editPeople: [fx.ids.member, fx.ids.observer] }),
      }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: "changing the settings of another institution's AMBER+STRICT document",
      request: async (fx) => ({
        path: `/documents/${await makeDoc(fx, 'AMBER+STRICT', fx.institutions.bht)}/settings`,
        form: documentFields(fx, { ownerInstitutionId: fx.institutions.bht, tlp: 'CLEAR', editInstitutions: [fx.institutions.mct, fx.institutions.msb] }),
      }),
      expect: { anonymous: 'login', admin: 404, secretariat: 404, member: 404, observer: 404 },
    },
    {
      name: "changing the settings of the member's own institution's document",
      request: async (fx) => ({ path: `/documents/${await makeDoc(fx, 'GREEN', fx.institutions.msb)}/settings`, form: documentFields(fx, { tlp: 'AMBER' }) }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 'ok', observer: 403 },
    },
  ],
  'documents_.$id.language-versions.tsx': [
    {
      name: "adding a Croatian version of another institution's GREEN document",
      request: async (fx) => ({ path: `/documents/${await makeDoc(fx, 'GREEN', fx.institutions.bht)}/language-versions`, form: { intent: 'create', language: 'hr' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: "adding a version of another institution's AMBER document",
      request: async (fx) => ({ path: `/documents/${await makeDoc(fx, 'AMBER', fx.institutions.bht)}/language-versions`, form: { intent: 'create', language: 'bs' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 404, observer: 404 },
    },
  ],
  'documents_.$id.versions.$number.tsx': [
    {
      name: "restoring a version of another institution's GREEN document",
      request: async (fx) => {
        const documentId = await makeDoc(fx, 'GREEN', fx.institutions.bht);
        const version = await saveVersion(fx.portal.services, { documentId, kind: 'named', name: 'Probe version', createdById: fx.ids.private });
        return { path: `/documents/${documentId}/versions/${version.number}`, form: {} };
      },
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
  ],
  'documents_.$id.versions._index.tsx': [
    {
      name: "saving a version of another institution's GREEN document",
      request: async (fx) => ({ path: `/documents/${await makeDoc(fx, 'GREEN', fx.institutions.bht)}/versions`, form: { name: 'Probe version' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: "saving a version of another institution's AMBER document",
      request: async (fx) => ({ path: `/documents/${await makeDoc(fx, 'AMBER', fx.institutions.bht)}/versions`, form: { name: 'Probe version' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 404, observer: 404 },
    },
  ],
  'documents_.$id.workflow.tsx': [
    {
      name: "moving another institution's GREEN draft to consultation",
      request: async (fx) => ({ path: `/documents/${await makeDoc(fx, 'GREEN', fx.institutions.bht)}/workflow`, form: { intent: 'move', to: 'consultation', note: '' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 'ok', member: 403, observer: 403 },
    },
    {
      name: 'recording a position for a document the member takes part in',
      request: async (fx) => ({
        path: `/documents/${await makeDoc(fx, 'GREEN', fx.institutions.bht, { institutions: [{ institutionId: fx.institutions.msb, access: 'comment' }] }, 'consultation')}/workflow`,
        form: { intent: 'position', position: 'endorse', statement: 'We agree.' },
      }),
      expect: { anonymous: 'login', admin: 403, secretariat: 403, member: 'ok', observer: 403 },
    },
  ],
  'institutions.new.tsx': [{ name: 'creating an institution', request: async () => ({ path: '/institutions/new', form: institutionFields() }), expect: staffOnly }],
  'institutions_.$id.edit.tsx': [
    { name: 'renaming an institution', request: async (fx) => ({ path: `/institutions/${(await makeInstitution(fx.db)).id}/edit`, form: institutionFields() }), expect: staffOnly },
    { name: 'archiving an institution', request: async (fx) => ({ path: `/institutions/${(await makeInstitution(fx.db)).id}/edit`, form: { intent: 'archive' } }), expect: staffOnly },
  ],
  'invite.$token.tsx': [
    {
      name: 'accepting an invitation with a wrong token',
      request: async () => ({ path: `/invite/${crypto.randomBytes(24).toString('base64url')}`, form: { name: 'Someone', password: 'a-long-enough-password', confirm: 'a-long-enough-password' } }),
      expect: anyone(410),
    },
  ],
  'language.tsx': [{ name: 'choosing a language', request: async () => ({ path: '/language', form: { lng: 'bs', redirectTo: '/' } }), expect: anyone('ok'), unchangedAlways: true }],
  'login.tsx': [
    {
      // A signed-in person is sent on by the page's loader, whatever the form said.
      name: 'a wrong password',
      request: async () => ({ path: '/login', form: { email: 'admin@demo.example', password: 'not-the-password' } }),
      expect: { ...anyone('ok'), anonymous: 401 },
      unchangedAlways: true,
    },
  ],
  'logout.tsx': [{ name: 'signing out', request: async () => ({ path: '/logout', form: {} }), expect: anyone('ok'), ownSession: true }],
  'notifications.tsx': [{ name: 'marking every notification read', request: async () => ({ path: '/notifications', form: { intent: 'read-all' } }), expect: signedIn('ok') }],
  'people.$id.tsx': [
    {
      name: 'making a member an admin',
      request: async (fx) => ({ path: `/people/${(await makePerson(fx.db, { institutionId: fx.institutions.msb })).id}`, form: { role: 'admin', institutionId: fx.institutions.msb } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 400, member: 403, observer: 403 },
    },
    {
      name: 'moving a member to another institution',
      request: async (fx) => ({ path: `/people/${(await makePerson(fx.db, { institutionId: fx.institutions.msb })).id}`, form: { role: 'member', institutionId: fx.institutions.bht } }),
      expect: staffOnly,
    },
    {
      name: 'deactivating a member',
      request: async (fx) => ({ path: `/people/${(await makePerson(fx.db, { institutionId: fx.institutions.msb })).id}`, form: { intent: 'deactivate' } }),
      expect: staffOnly,
    },
    {
      name: 'deactivating an admin',
      request: async (fx) => ({ path: `/people/${(await makePerson(fx.db, { institutionId: fx.institutions.mct, role: 'admin' })).id}`, form: { intent: 'deactivate' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 403, member: 403, observer: 403 },
    },
  ],
  'people._index.tsx': [
    {
      name: 'withdrawing an invitation',
      request: async (fx) => {
        const { id } = await createInvitation(fx.db, { email: `invited-${unique()}@test.example`, role: 'member', institutionId: fx.institutions.msb, invitedById: fx.ids.admin });
        return { path: '/people', form: { intent: 'revoke', invitationId: id } };
      },
      expect: staffOnly,
    },
  ],
  'people.invite.tsx': [
    {
      name: 'inviting a member',
      request: async (fx) => ({ path: '/people/invite', form: { email: `new-${unique()}@test.example`, name: 'New Person', institutionId: fx.institutions.msb, role: 'member' } }),
      expect: staffOnly,
    },
    {
      name: 'inviting an admin',
      request: async (fx) => ({ path: '/people/invite', form: { email: `new-${unique()}@test.example`, name: 'New Admin', institutionId: fx.institutions.mct, role: 'admin' } }),
      expect: { anonymous: 'login', admin: 'ok', secretariat: 400, member: 403, observer: 403 },
    },
  ],
  'settings.tsx': [{ name: 'changing the group settings', request: async () => ({ path: '/settings', form: { groupName: `Group ${unique()}`, groupDescription: '' } }), expect: adminOnly }],
};

/** Route files that export an action, read from app/routes. */
function routesWithAction(): string[] {
  const dir = path.resolve('app/routes');
  return fs
    .readdirSync(dir)
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .filter((file) => /^export\s+(async\s+function|const|function)\s+action\b/m.test(fs.readFileSync(path.join(dir, file), 'utf8')))
    .sort();
}

/** Tables that change on any request or sign-in, whatever the answer. */
const VOLATILE_TABLES = new Set(['rateLimit', 'kysely_migration', 'kysely_migration_lock']);

/** Every row of every table, as one string: equal strings mean nothing changed. */
async function snapshot(db: Db): Promise<string> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => !VOLATILE_TABLES.has(name)).sort();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await (db as unknown as Db).selectFrom(table as 'user').selectAll().execute();
    const lines = rows.map((row) => JSON.stringify(row, (_key, value) => (value instanceof Uint8Array || Buffer.isBuffer(value) ? Buffer.from(value).toString('base64') : value))).sort();
    parts.push(`${table}:${lines.join('\n')}`);
  }
  return parts.join('\n#\n');
}

async function send(browser: TestBrowser, request: Request): Promise<Response> {
  if (request.multipart) return browser.request(request.path, { method: 'POST', body: request.multipart });
  if (request.json !== undefined) {
    return browser.request(request.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json) });
  }
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(request.form ?? {})) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return browser.request(request.path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
}

function outcomeOf(response: Response): Outcome {
  const location = response.headers.get('location') ?? '';
  if (response.status === 302 && location.startsWith('/login') && !location.includes('notice=signed-out')) return 'login';
  if (response.status >= 200 && response.status < 400) return 'ok';
  return response.status;
}

function isRefusal(outcome: Outcome): boolean {
  return outcome !== 'ok';
}

describe('the route table', () => {
  test('has a row for every route with an action, and no row for a route without one', () => {
    expect(Object.keys(TABLE).sort()).toEqual(routesWithAction());
  });
});

describe.each(dialects)('every action, as the public and as every role, on %s', (dialect) => {
  let database: TestDatabase;
  let fx: Fixtures;
  const browsers = new Map<Role, TestBrowser>();

  async function browserFor(role: Role, fresh = false): Promise<TestBrowser> {
    const existing = browsers.get(role);
    if (existing && !fresh) return existing;
    const browser = new TestBrowser(fx.portal.url);
    if (role !== 'anonymous') {
      const response = await browser.post('/login', { email: EMAILS[role], password: DEMO_PASSWORD, redirectTo: '/dashboard' });
      expect(response.status, `sign-in of ${role}`).toBe(302);
    }
    if (!fresh) browsers.set(role, browser);
    return browser;
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    const portal = await startPortal(portalEnv(database));
    const db = portal.services.db;
    const person = async (email: string) => (await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', email).executeTakeFirstOrThrow());
    const [admin, secretariat, member, observer, privateMember] = await Promise.all([...Object.values(EMAILS), 'private@demo.example'].map(person));
    const plan = await db.selectFrom('document').select('id').where('type', '=', 'action_plan').where('tlp', 'in', ['CLEAR', 'GREEN']).executeTakeFirstOrThrow();
    fx = {
      db,
      portal,
      ids: { admin: admin.id, secretariat: secretariat.id, member: member.id, observer: observer.id, private: privateMember.id },
      institutions: { mct: admin.institutionId, msb: member.institutionId, bht: privateMember.institutionId, osce: observer.institutionId },
      actionPlan: plan.id,
    };
  }, 60_000);

  afterAll(async () => {
    await fx?.portal.close();
    await database?.cleanup();
  });

  const probes = Object.entries(TABLE).flatMap(([file, list]) => list.map((probe) => ({ file, probe })));

  test.each(probes.map(({ file, probe }) => [`${file}: ${probe.name}`, probe] as const))('%s', async (_label, probe) => {
    const seen: Record<string, Outcome> = {};
    for (const role of ROLES) {
      const request = await probe.request(fx);
      const browser = await browserFor(role, probe.ownSession);
      const before = await snapshot(fx.db);
      const response = await send(browser, request);
      await response.arrayBuffer();
      const outcome = outcomeOf(response);
      seen[role] = outcome;
      if (isRefusal(probe.expect[role]) || probe.unchangedAlways) {
        expect(await snapshot(fx.db), `${role}: ${request.path} changed the database`).toBe(before);
      }
    }
    expect(seen).toEqual(probe.expect);
  }, 120_000);

  test('an outsider gets 404 for every export of a RED and an AMBER document; a reader gets the file', async () => {
    const red = await makeDoc(fx, 'RED', fx.institutions.bht, { people: [{ userId: fx.ids.private, access: 'edit' }] });
    const amber = await makeDoc(fx, 'AMBER', fx.institutions.bht);
    const statuses: Record<string, number> = {};
    for (const [label, id] of [['red', red], ['amber', amber]] as const) {
      for (const format of ['html', 'md', 'print', 'docx']) {
        for (const role of ['member', 'observer', 'secretariat'] as const) {
          const response = await (await browserFor(role)).get(`/documents/${id}/export?format=${format}`);
          const body = await response.text();
          statuses[`${label} ${format} ${role}`] = response.status;
          if (response.status === 404) expect(body).not.toContain('Probe RED');
        }
        statuses[`${label} ${format} anonymous`] = (await (await browserFor('anonymous')).get(`/documents/${id}/export?format=${format}`)).status;
      }
    }
    const expected: Record<string, number> = {};
    for (const format of ['html', 'md', 'print', 'docx']) {
      Object.assign(expected, {
        [`red ${format} member`]: 404,
        [`red ${format} observer`]: 404,
        [`red ${format} secretariat`]: 404,
        [`red ${format} anonymous`]: 302,
        [`amber ${format} member`]: 404,
        [`amber ${format} observer`]: 404,
        [`amber ${format} secretariat`]: 200,
        [`amber ${format} anonymous`]: 302,
      });
    }
    expect(statuses).toEqual(expected);
  });
});
