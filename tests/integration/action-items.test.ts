import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client.server.ts';
import { seedReferenceData } from '../../db/seeds/demo.server.ts';
import {
  ActionItemInputError,
  createActionItem,
  deleteActionItem,
  getActionItem,
  getActionItemInput,
  type ActionItemInput,
} from '../../app/models/action-item.server.ts';
import { changeActionItem } from '../../app/services/action-items.server.ts';
import { addActionComment, listActionComments, listActionItemChanges, listActionUpdates, postProgressUpdate } from '../../app/models/action-update.server.ts';
import { listAuditEvents } from '../../app/models/audit.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { actionItemSchema, parseActionItemForm, parseProgressUpdateForm } from '../../app/schemas/action-item.ts';
import en from '../../app/locales/en.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { TestBrowser } from '../support/browser.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';
import { makeInstitution, makePerson, unique } from '../support/factories.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from '../support/portal-env.ts';

async function makePlan(db: Db, ownerInstitutionId: string, authorId: string, type: 'action_plan' | 'strategy' = 'action_plan') {
  const doc = await createDocument(
    db,
    authorId,
    { title: `Plan ${unique()}`, type, language: 'en', summary: '', ownerInstitutionId, tlp: 'GREEN' },
    { institutions: [], people: [] },
    Y.encodeStateAsUpdate(new Y.Doc()),
  );
  return doc.id;
}

async function countOf(db: Db, table: 'actionItem' | 'actionItemCbm' | 'actionItemChange' | 'actionUpdate' | 'actionEvidence' | 'actionIndicator', itemId?: string) {
  let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('count'));
  if (itemId) query = query.where(table === 'actionItem' ? 'id' : 'itemId', '=', itemId);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

describe.each(dialects)('action item model on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let owner: string;
  let supporter: string;
  let secretariat: string;
  let ownerMember: { id: string; institutionId: string };
  let planId: string;

  const baseInput = (overrides: Partial<ActionItemInput> = {}): ActionItemInput => ({
    planId,
    code: `1.${unique()}`,
    title: 'Establish a national CSIRT',
    description: 'A CSIRT for the institutions of Bosnia and Herzegovina.',
    sectionRef: 'Objective D',
    pillarCode: 'D',
    cbms: [14, 15],
    primaryCbm: 14,
    ownerInstitutionId: owner,
    supporterIds: [supporter],
    status: 'not_started',
    priority: 'high',
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    progress: 0,
    budgetAmount: 150000,
    budgetCurrency: 'BAM',
    fundingSource: 'eu_ipa',
    tlp: 'GREEN',
    tags: ['csirt', 'capacity'],
    indicators: [{ name: 'Staff trained', unit: 'people', baseline: 0, target: 20, current: 0 }],
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db;
    await seedReferenceData(db);
    owner = (await makeInstitution(db)).id;
    supporter = (await makeInstitution(db, { sector: 'private' })).id;
    const staffInstitution = (await makeInstitution(db)).id;
    secretariat = (await makePerson(db, { institutionId: staffInstitution, role: 'secretariat' })).id;
    ownerMember = await makePerson(db, { institutionId: owner, role: 'member' });
    planId = await makePlan(db, staffInstitution, secretariat);
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('pillars A–I are seeded as reference data, once', async () => {
    await seedReferenceData(db);
    const pillars = await db.selectFrom('pillar').select(['code', 'name', 'nameBs']).orderBy('position').execute();
    expect(pillars.map((p) => p.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(pillars.every((p) => p.name.length > 0 && p.nameBs.length > 0)).toBe(true);
  });

  test('createActionItem writes the item, its CBMs, supporters, tags, indicators and a created entry', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    const item = await getActionItem(db, id);
    expect(item).toBeDefined();
    expect(item!.cbms).toEqual([
      expect.objectContaining({ number: 14, primary: true }),
      expect.objectContaining({ number: 15, primary: false }),
    ]);
    expect(item!.supporterIds).toEqual([supporter]);
    expect(item!.tags).toEqual(['capacity', 'csirt']);
    expect(item!.indicators.map((i) => [i.name, i.baseline, i.target, i.current])).toEqual([['Staff trained', 0, 20, 0]]);
    expect(item!.budgetAmount).toBe(150000);
    expect(item!.pillarName).toContain('Functional bodies');
    expect(item!.lastUpdateAt).toBe(item!.createdAt);
    const history = await listActionItemChanges(db, id);
    expect(history).toHaveLength(1);
    expect(history[0].changes[0]).toEqual({ field: 'created', before: null, after: item!.code });
    expect(history[0].changes).toContainEqual({ field: 'cbms', before: null, after: [14, 15] });
    expect((await listAuditEvents(db, { entityType: 'actionItem', entityId: id })).map((a) => a.action)).toEqual(['action-item.create']);
  });

  test('the code is unique within a plan, but may repeat in another plan', async () => {
    const input = baseInput();
    await createActionItem(db, input, secretariat);
    const before = await countOf(db, 'actionItem');
    await expect(createActionItem(db, { ...input, title: 'Another' }, secretariat)).rejects.toMatchObject({ errors: { code: 'actions.errors.codeTaken' } });
    expect(await countOf(db, 'actionItem')).toBe(before);
    const otherPlan = await makePlan(db, owner, secretariat);
    await expect(createActionItem(db, { ...input, planId: otherPlan }, secretariat)).resolves.toEqual(expect.any(String));
  });

  test('references are checked: the plan must be an action plan, institutions and pillars must exist', async () => {
    const strategy = await makePlan(db, owner, secretariat, 'strategy');
    const error = await createActionItem(db, baseInput({ planId: strategy, ownerInstitutionId: 'nope', supporterIds: ['gone'], pillarCode: 'Z' }), secretariat).catch((e) => e);
    expect(error).toBeInstanceOf(ActionItemInputError);
    expect(error.errors).toEqual({
      planId: 'actions.errors.planNotFound',
      ownerInstitutionId: 'actions.errors.institutionNotFound',
      supporterIds: 'actions.errors.institutionNotFound',
      pillarCode: 'errors.invalidChoice',
    });
  });

  test('updateActionItem records every changed field with its before and after values', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    const changes = await changeActionItem(db, id, { title: 'Establish the national CSIRT', dueDate: '2027-03-31', cbms: [14, 15, 3], supporterIds: [], tags: ['csirt'] }, secretariat);
    expect(changes).toEqual([
      { field: 'title', before: 'Establish a national CSIRT', after: 'Establish the national CSIRT' },
      { field: 'cbms', before: [14, 15], after: [3, 14, 15] },
      { field: 'supporterIds', before: [supporter], after: [] },
      { field: 'dueDate', before: '2026-12-31', after: '2027-03-31' },
      { field: 'tags', before: ['capacity', 'csirt'], after: ['csirt'] },
    ]);
    const history = await listActionItemChanges(db, id);
    expect(history).toHaveLength(2);
    expect(history[0].changes).toEqual(changes);
    const stored = await getActionItemInput(db, id);
    expect(stored).toMatchObject({ title: 'Establish the national CSIRT', dueDate: '2027-03-31', cbms: [3, 14, 15], supporterIds: [], tags: ['csirt'] });
    // Saving the same values again is no change at all.
    expect(await changeActionItem(db, id, { title: 'Establish the national CSIRT' }, secretariat)).toEqual([]);
    expect(await listActionItemChanges(db, id)).toHaveLength(2);
  });

  test('an update that breaks a rule writes nothing', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    await expect(changeActionItem(db, id, { primaryCbm: 7 }, secretariat)).rejects.toMatchObject({ errors: { primaryCbm: 'actions.errors.primaryCbm' } });
    await expect(changeActionItem(db, id, { startDate: '2027-01-01' }, secretariat)).rejects.toMatchObject({ errors: { dueDate: 'actions.errors.dueBeforeStart' } });
    expect((await getActionItemInput(db, id))!.primaryCbm).toBe(14);
    expect(await listActionItemChanges(db, id)).toHaveLength(1);
  });

  test('indicators keep their ids when edited, so progress stays attached', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    const before = (await getActionItem(db, id))!.indicators[0].id;
    await changeActionItem(db, id, { indicators: [{ name: 'Staff trained', unit: 'people', baseline: 0, target: 30, current: 0 }, { name: 'Exercises', unit: '', baseline: null, target: 2, current: null }] }, secretariat);
    const after = (await getActionItem(db, id))!.indicators;
    expect(after.map((i) => [i.name, i.target])).toEqual([['Staff trained', 30], ['Exercises', 2]]);
    expect(after[0].id).toBe(before);
  });

  test('a progress update changes status, progress and indicators, stores evidence and history together', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    const indicator = (await getActionItem(db, id))!.indicators[0];
    const { changes } = await postProgressUpdate(db, {
      itemId: id,
      authorId: ownerMember.id,
      institutionId: ownerMember.institutionId,
      date: '2026-03-01',
      body: 'Job descriptions approved; recruitment started.',
      status: 'in_progress',
      progress: 25,
      indicators: { [indicator.id]: 5 },
      evidence: [{ kind: 'link', url: 'https://example.org/decision', description: 'Council decision' }],
    });
    expect(changes).toEqual([
      { field: 'status', before: 'not_started', after: 'in_progress' },
      { field: 'progress', before: 0, after: 25 },
      { field: 'indicator:Staff trained', before: 0, after: 5 },
      { field: 'evidence', before: null, after: ['https://example.org/decision'] },
      { field: 'progressNote', before: null, after: 'Job descriptions approved; recruitment started.' },
    ]);
    const item = (await getActionItem(db, id))!;
    expect(item).toMatchObject({ status: 'in_progress', progress: 25 });
    expect(item.indicators[0].current).toBe(5);
    expect(item.lastUpdateAt > item.createdAt || item.lastUpdateAt === item.updatedAt).toBe(true);
    const timeline = await listActionUpdates(db, id);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ statusFrom: 'not_started', statusTo: 'in_progress', progressFrom: 0, progressTo: 25, date: '2026-03-01' });
    expect(timeline[0].evidence.map((e) => e.url)).toEqual(['https://example.org/decision']);
  });

  test('completed needs evidence: refused without, accepted once evidence exists', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    const update = { itemId: id, authorId: ownerMember.id, institutionId: ownerMember.institutionId, date: '2026-04-01', body: 'Done.', status: 'completed' as const, progress: 100, indicators: {}, evidence: [] };
    await expect(postProgressUpdate(db, update)).rejects.toMatchObject({ errors: { status: 'actions.errors.completedNeedsEvidence' } });
    expect(await countOf(db, 'actionUpdate', id)).toBe(0);
    expect((await getActionItemInput(db, id))!.status).toBe('not_started');
    await postProgressUpdate(db, { ...update, evidence: [{ kind: 'link', url: 'https://example.org/report', description: '' }] });
    expect((await getActionItemInput(db, id))!.status).toBe('completed');
  });

  test('a failing progress update rolls back every row', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    const counts = await Promise.all([countOf(db, 'actionUpdate'), countOf(db, 'actionEvidence'), countOf(db, 'actionItemChange')]);
    await expect(
      postProgressUpdate(db, {
        itemId: id,
        authorId: ownerMember.id,
        institutionId: ownerMember.institutionId,
        date: '2026-04-01',
        body: 'Note',
        status: 'in_progress',
        progress: 10,
        indicators: { 'not-an-indicator-of-this-item': 3 },
        evidence: [{ kind: 'link', url: 'https://example.org/x', description: '' }],
      }),
    ).rejects.toBeInstanceOf(ActionItemInputError);
    // A database error half-way (a missing author) must not leave the update or evidence behind.
    await expect(
      postProgressUpdate(db, {
        itemId: id,
        authorId: 'no-such-user',
        institutionId: ownerMember.institutionId,
        date: '2026-04-01',
        body: 'Note',
        status: 'in_progress',
        progress: 10,
        indicators: {},
        evidence: [{ kind: 'link', url: 'https://example.org/x', description: '' }],
      }),
    ).rejects.toThrow();
    expect(await Promise.all([countOf(db, 'actionUpdate'), countOf(db, 'actionEvidence'), countOf(db, 'actionItemChange')])).toEqual(counts);
    expect((await getActionItemInput(db, id))!).toMatchObject({ status: 'not_started', progress: 0 });
  });

  test('comments are stored with author and institution', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    await addActionComment(db, { itemId: id, authorId: ownerMember.id, institutionId: ownerMember.institutionId, body: '  We can host the training.  ' });
    const comments = await listActionComments(db, id);
    expect(comments).toEqual([expect.objectContaining({ body: 'We can host the training.', authorName: expect.any(String) })]);
  });

  test('deleting an item removes everything attached to it', async () => {
    const id = await createActionItem(db, baseInput(), secretariat);
    await addActionComment(db, { itemId: id, authorId: ownerMember.id, institutionId: ownerMember.institutionId, body: 'x' });
    await deleteActionItem(db, id, secretariat);
    expect(await getActionItem(db, id)).toBeUndefined();
    expect(await countOf(db, 'actionItemCbm', id)).toBe(0);
    expect(await countOf(db, 'actionItemChange', id)).toBe(0);
  });
});

describe('action item input rules', () => {
  const valid = { planId: 'p', code: '2.3', title: 'T', ownerInstitutionId: 'o', cbms: '14;15', primaryCbm: '14' };

  test('spreadsheet-style strings become typed values', () => {
    const parsed = actionItemSchema.parse({ ...valid, progress: '40', budgetAmount: '1500,50', budgetCurrency: 'eur', tags: 'A, b ,a', startDate: '', dueDate: '2026-05-01' });
    expect(parsed).toMatchObject({ cbms: [14, 15], primaryCbm: 14, progress: 40, budgetAmount: 1500.5, budgetCurrency: 'EUR', tags: ['a', 'b'], startDate: null, dueDate: '2026-05-01', status: 'not_started', tlp: 'GREEN' });
  });

  test.each([
    [{ cbms: '0' }, 'cbms', 'actions.errors.invalidCbm'],
    [{ cbms: '17' }, 'cbms', 'actions.errors.invalidCbm'],
    [{ cbms: '' }, 'cbms', 'actions.errors.cbmsRequired'],
    [{ primaryCbm: '3' }, 'primaryCbm', 'actions.errors.primaryCbm'],
    [{ dueDate: '2026-02-30' }, 'dueDate', 'actions.errors.invalidDate'],
    [{ progress: '101' }, 'progress', 'actions.errors.invalidProgress'],
    [{ budgetAmount: '10' }, 'budgetCurrency', 'actions.errors.currencyRequired'],
    [{ budgetAmount: '10', budgetCurrency: 'euro' }, 'budgetCurrency', 'actions.errors.invalidCurrency'],
    [{ code: '' }, 'code', 'errors.required'],
    [{ status: 'done' }, 'status', 'errors.invalidChoice'],
  ])('%o is refused on %s', (change, field, message) => {
    const result = actionItemSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect({ field: result.error!.issues[0].path[0], message: result.error!.issues[0].message }).toEqual({ field, message });
  });

  test('the item form keeps indicator rows and drops empty ones', () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...valid, cbms: '14' })) form.append(key, value);
    form.append('cbms', '15');
    for (const row of [['Trained', 'people', '0', '20', ''], ['', '', '', '', '']]) {
      ['indicatorName', 'indicatorUnit', 'indicatorBaseline', 'indicatorTarget', 'indicatorCurrent'].forEach((field, i) => form.append(field, row[i]));
    }
    const parsed = parseActionItemForm(form);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.data.indicators).toEqual([{ name: 'Trained', unit: 'people', baseline: 0, target: 20, current: null }]);
  });

  test('the progress form accepts only http(s) evidence links', () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ date: '2026-01-05', body: 'x', status: 'in_progress', progress: '10', evidenceUrl: 'javascript:alert(1)' })) form.append(key, value);
    const parsed = parseProgressUpdateForm(form);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.evidenceUrls).toBe('errors.invalidUrl');
  });
});

/** HTML-escaped as React renders text, to find a message in a page. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

describe.each(dialects)('action items over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let portal: Portal;
  let db: Db;
  let ministry: string;
  let telecom: string;
  let planId: string;
  const browsers = new Map<string, TestBrowser>();

  async function as(email: string): Promise<TestBrowser> {
    let browser = browsers.get(email);
    if (!browser) {
      browser = new TestBrowser(portal.url);
      const response = await browser.post('/login', { email, password: DEMO_PASSWORD, redirectTo: '/dashboard' });
      expect(response.status, `sign-in of ${email}`).toBe(302);
      browsers.set(email, browser);
    }
    return browser;
  }

  async function institutionId(name: string): Promise<string> {
    return (await db.selectFrom('institution').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  }

  async function secretariatId(): Promise<string> {
    return (await db.selectFrom('user').select('id').where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow()).id;
  }

  async function newItem(overrides: Partial<ActionItemInput> = {}): Promise<string> {
    return createActionItem(
      db,
      {
        planId,
        code: `T.${unique()}`,
        title: `Item ${unique()}`,
        description: '',
        pillarCode: 'I',
        cbms: [14],
        primaryCbm: 14,
        ownerInstitutionId: ministry,
        supporterIds: [],
        status: 'in_progress',
        priority: 'medium',
        startDate: null,
        dueDate: null,
        progress: 10,
        budgetAmount: null,
        budgetCurrency: null,
        fundingSource: null,
        tlp: 'GREEN',
        tags: [],
        indicators: [],
        ...overrides,
      },
      await secretariatId(),
    );
  }

  function updateFields(fields: Record<string, string> = {}): Record<string, string> {
    return { intent: 'update', date: '2026-11-20', body: 'Workshop held with operators.', status: 'in_progress', progress: '40', ...fields };
  }

  function multipart(fields: Record<string, string>, files: { name: string; type: string; content: Buffer }[]): FormData {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    for (const file of files) form.append('evidenceFile', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
    return form;
  }

  /** The evidence files stored in the database (app/models/blob.server.ts), by stored name. */
  async function evidenceFiles(): Promise<string[]> {
    const rows = await db.selectFrom('blob').select('id').where('kind', '=', 'evidence').orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async function rowCounts(itemId: string) {
    return Promise.all([countOf(db, 'actionUpdate', itemId), countOf(db, 'actionEvidence', itemId), countOf(db, 'actionItemChange', itemId)]);
  }

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database));
    db = database.db;
    ministry = await institutionId('Ministry of Security of Bosnia and Herzegovina');
    telecom = await institutionId('BH Telecom');
    planId = (await db.selectFrom('document').select('id').where('type', '=', 'action_plan').executeTakeFirstOrThrow()).id;
  });

  afterAll(async () => {
    await portal?.close();
    await database?.cleanup();
  });

  test('the secretariat creates an item through the form; it shows with its CBMs, owner and history', async () => {
    const browser = await as('secretariat@demo.example');
    expect((await browser.get('/actions/new')).status).toBe(200);
    const code = `9.${unique()}`;
    const form = new URLSearchParams({
      intent: 'save',
      planId,
      code,
      title: 'Public-private information-sharing platform',
      description: 'A platform for operators of essential services and the CERT.',
      pillarCode: 'I',
      primaryCbm: '14',
      ownerInstitutionId: ministry,
      status: 'not_started',
      priority: 'high',
      startDate: '2026-01-15',
      dueDate: '2026-09-30',
      progress: '0',
      budgetAmount: '50000',
      budgetCurrency: 'EUR',
      fundingSource: 'eu_ipa',
      tlp: 'GREEN',
      tags: 'ppp, information sharing',
      indicatorName: 'Organisations connected',
      indicatorUnit: 'organisations',
      indicatorBaseline: '0',
      indicatorTarget: '25',
      indicatorCurrent: '',
    });
    form.append('cbms', '14');
    form.append('cbms', '15');
    form.append('supporterIds', telecom);
    const response = await browser.request('/actions/new', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/actions\/[0-9a-f-]{36}\?notice=created$/);
    const id = location.split('/')[2].split('?')[0];
    const stored = await getActionItemInput(db, id);
    expect(stored).toMatchObject({ code, cbms: [14, 15], primaryCbm: 14, ownerInstitutionId: ministry, supporterIds: [telecom], tags: ['information sharing', 'ppp'], budgetAmount: 50000 });
    const page = await browser.get(location);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Public-private information-sharing platform');
    expect(body).toContain('Ministry of Security of Bosnia and Herzegovina');
    expect(body).toContain('href="/cbms/14"');
    expect(body).toContain(html(en.actions.notices.created));
    expect(body).toContain('data-testid="history"');
  });

  test('a code already used in the plan is refused next to the field, and nothing is written', async () => {
    const browser = await as('secretariat@demo.example');
    const existing = await getActionItemInput(db, await newItem());
    const before = await countOf(db, 'actionItem');
    const response = await browser.post('/actions/new', { intent: 'save', planId, code: existing!.code, title: 'Duplicate', cbms: '3', ownerInstitutionId: ministry, tlp: 'GREEN' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(html(en.actions.errors.codeTaken));
    expect(await countOf(db, 'actionItem')).toBe(before);
  });

  test('"add more indicator rows" shows the form again with three more rows, saving nothing', async () => {
    const browser = await as('secretariat@demo.example');
    const before = await countOf(db, 'actionItem');
    const response = await browser.post('/actions/new', { intent: 'more-indicators', indicatorRows: '3', title: 'Kept while adding rows', indicatorName: 'First' });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Indicator 6');
    expect(page).not.toContain('Indicator 7');
    expect(page).toContain('value="Kept while adding rows"');
    expect(await countOf(db, 'actionItem')).toBe(before);
  });

  test('members and observers may not create items', async () => {
    expect((await (await as('member@demo.example')).get('/actions/new')).status).toBe(403);
    expect((await (await as('observer@demo.example')).post('/actions/new', { intent: 'save' })).status).toBe(403);
  });

  test('a member of the owner institution posts a progress update', async () => {
    const id = await newItem();
    const browser = await as('member@demo.example');
    const page = await (await browser.get(`/actions/${id}`)).text();
    expect(page).toContain(html(en.actions.update.title));
    const response = await browser.post(`/actions/${id}`, updateFields({ evidenceUrl: 'https://example.org/workshop-report' }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/actions/${id}?notice=updated#timeline`);
    const timeline = await listActionUpdates(db, id);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ authorName: 'Lejla Kovačević', institutionName: 'Ministry of Security of Bosnia and Herzegovina', progressFrom: 10, progressTo: 40 });
    expect(timeline[0].evidence.map((e) => e.url)).toEqual(['https://example.org/workshop-report']);
    expect((await browser.get(`/actions/${id}`)).status).toBe(200);
  });

  test('a member of another institution sees no update form and gets 403 on a forged update; an AMBER item of another institution is 404', async () => {
    const id = await newItem();
    const browser = await as('private@demo.example');
    const page = await browser.get(`/actions/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(html(en.actions.update.title));
    expect((await browser.post(`/actions/${id}`, updateFields())).status).toBe(403);
    expect((await browser.request(`/actions/${id}`, { method: 'POST', body: multipart(updateFields(), []) })).status).toBe(403);
    expect((await browser.get(`/actions/${id}/edit`)).status).toBe(403);
    expect(await rowCounts(id)).toEqual([0, 0, 1]);

    const amber = await newItem({ tlp: 'AMBER' });
    expect((await browser.get(`/actions/${amber}`)).status).toBe(404);
    expect((await browser.post(`/actions/${amber}`, updateFields())).status).toBe(404);
    expect((await browser.post(`/actions/${amber}`, { intent: 'comment', body: 'hello' })).status).toBe(404);
  });

  test('a supporting institution comments but does not update; the observer only reads', async () => {
    const id = await newItem({ supporterIds: [telecom] });
    const supporter = await as('private@demo.example');
    expect((await supporter.post(`/actions/${id}`, { intent: 'comment', body: 'We can provide the venue.' })).status).toBe(302);
    expect((await listActionComments(db, id)).map((c) => c.body)).toEqual(['We can provide the venue.']);
    expect((await supporter.post(`/actions/${id}`, updateFields())).status).toBe(403);

    const observer = await as('observer@demo.example');
    const page = await observer.get(`/actions/${id}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('We can provide the venue.');
    expect(text).not.toContain(html(en.actions.update.title));
    expect(text).not.toContain(html(en.actions.item.postComment));
    expect((await observer.post(`/actions/${id}`, updateFields())).status).toBe(403);
    expect((await observer.post(`/actions/${id}`, { intent: 'comment', body: 'x' })).status).toBe(403);
  });

  test('marking an item completed without evidence is refused with a field error', async () => {
    const id = await newItem();
    const browser = await as('member@demo.example');
    const response = await browser.post(`/actions/${id}`, updateFields({ status: 'completed', progress: '100' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(html(en.actions.errors.completedNeedsEvidence));
    expect((await getActionItemInput(db, id))!.status).toBe('in_progress');
    expect(await rowCounts(id)).toEqual([0, 0, 1]);
  });

  test('an uploaded evidence file is stored in the database with its hash, and downloaded only by readers', async () => {
    const id = await newItem({ tlp: 'AMBER' });
    const content = Buffer.from('%PDF-1.4 evidence of a completed exercise\n');
    const browser = await as('member@demo.example');
    const response = await browser.request(`/actions/${id}`, {
      method: 'POST',
      body: multipart(updateFields({ status: 'completed', progress: '100', evidenceDescription: 'Exercise report' }), [{ name: 'Izvještaj o vježbi "final".pdf', type: 'application/pdf', content }]),
    });
    expect(response.status).toBe(302);
    expect((await getActionItemInput(db, id))!.status).toBe('completed');
    const evidence = await db.selectFrom('actionEvidence').selectAll().where('itemId', '=', id).executeTakeFirstOrThrow();
    expect(evidence).toMatchObject({ kind: 'file', mimeType: 'application/pdf', description: 'Exercise report', sha256: crypto.createHash('sha256').update(content).digest('hex') });
    expect(Number(evidence.sizeBytes)).toBe(content.length);
    expect(evidence.storedName).toMatch(/^[0-9a-f]{32}$/);
    const chunks = await db.selectFrom('blobChunk').select('data').where('blobId', '=', evidence.storedName!).orderBy('position').execute();
    expect(Buffer.concat(chunks.map((c) => c.data))).toEqual(content);
    expect(fs.existsSync(path.join(database.dir, 'evidence'))).toBe(false);

    const download = await browser.get(`/actions/${id}/evidence/${evidence.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(download.headers.get('content-disposition')).not.toMatch(/filename="[^"]*"[^;]*"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
    // BH Telecom may not read this AMBER item, so the file does not exist for it.
    expect((await (await as('private@demo.example')).get(`/actions/${id}/evidence/${evidence.id}`)).status).toBe(404);
    // An evidence id under another item's address is not found either.
    const other = await newItem();
    expect((await browser.get(`/actions/${other}/evidence/${evidence.id}`)).status).toBe(404);
  });

  test('a file over 20 MB is refused with a field error, and nothing is kept', async () => {
    const id = await newItem();
    const filesBefore = await evidenceFiles();
    const browser = await as('member@demo.example');
    const response = await browser.request(`/actions/${id}`, {
      method: 'POST',
      body: multipart(updateFields(), [{ name: 'huge.zip', type: 'application/zip', content: Buffer.alloc(20 * 1024 * 1024 + 1) }]),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain(html(en.actions.errors.fileTooLarge));
    expect(await evidenceFiles()).toEqual(filesBefore);
    expect(await rowCounts(id)).toEqual([0, 0, 1]);
  });

  test('when the update transaction fails, no row and no uploaded file remain', async () => {
    const id = await newItem();
    const filesBefore = await evidenceFiles();
    const browser = await as('member@demo.example');
    const response = await browser.request(`/actions/${id}`, {
      method: 'POST',
      body: multipart(updateFields({ 'indicator.not-an-indicator': '5' }), [{ name: 'notes.txt', type: 'text/plain', content: Buffer.from('notes') }]),
    });
    expect(response.status).toBe(400);
    expect(await evidenceFiles()).toEqual(filesBefore);
    expect(await rowCounts(id)).toEqual([0, 0, 1]);
    expect((await getActionItemInput(db, id))!.progress).toBe(10);
  });

  test('the secretariat edits an item; the history shows before and after', async () => {
    const id = await newItem();
    const browser = await as('secretariat@demo.example');
    const edit = await browser.get(`/actions/${id}/edit`);
    expect(edit.status).toBe(200);
    const input = (await getActionItemInput(db, id))!;
    const fields = {
      intent: 'save',
      planId,
      code: input.code,
      title: input.title,
      cbms: '14',
      primaryCbm: '14',
      ownerInstitutionId: ministry,
      status: 'delayed',
      priority: 'high',
      progress: '10',
      dueDate: '2026-12-01',
      tlp: 'GREEN',
      pillarCode: 'I',
    };
    // The edit form cannot mark an item completed without evidence either.
    const completed = await browser.post(`/actions/${id}/edit`, { ...fields, status: 'completed' });
    expect(completed.status).toBe(400);
    expect(await completed.text()).toContain(html(en.actions.errors.completedNeedsEvidence));
    expect(await listActionItemChanges(db, id)).toHaveLength(1);
    const response = await browser.post(`/actions/${id}/edit`, fields);
    expect(response.status).toBe(302);
    const history = await listActionItemChanges(db, id);
    expect(history[0].changes).toEqual([
      { field: 'status', before: 'in_progress', after: 'delayed' },
      { field: 'priority', before: 'medium', after: 'high' },
      { field: 'dueDate', before: null, after: '2026-12-01' },
    ]);
    const page = await (await browser.get(`/actions/${id}`)).text();
    expect(page).toContain(html(en.actions.statuses.delayed));
    expect(page).toContain(html(en.actions.fields.dueDate));
  });

  test('anonymous visitors are sent to sign in', async () => {
    const id = await newItem({ tlp: 'CLEAR' });
    const response = await new TestBrowser(portal.url).get(`/actions/${id}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
  });
});
