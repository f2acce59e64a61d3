import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTION_STATUSES, TLP_LABELS, type ActionStatus, type Tlp } from '../../db/schema.ts';
import { seedReferenceData } from '../../db/seeds/demo.server.ts';
import { createActionItem, deleteActionItem, updateActionItem, type ActionItemInput } from '../../app/models/action-item.server.ts';
import { postProgressUpdate } from '../../app/models/action-update.server.ts';
import { importActionItems } from '../../app/models/tracker-data.server.ts';
import { readActionTally, rebuildActionTally } from '../../app/models/action-tally.server.ts';
import { cbmCoverage, pillarCoverage, queryActionItems, trackerSummary } from '../../app/services/scoped-reads.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { actionFilters } from '../../app/schemas/action-filters.ts';
import { makeActionPlan } from '../support/action-items.ts';
import { makeInstitution, makePerson } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

const TODAY = '2026-06-15';
const OPEN_STATUSES = ACTION_STATUSES.filter((s) => s !== 'completed' && s !== 'cancelled');
const DUE_DATES = [null, '2026-05-20', '2026-06-01', '2026-06-14', TODAY, '2026-06-30', '2026-07-10', '2027-01-01'];

/** One change to the tracker, on the item at `index` modulo the items there are. */
type Change =
  | { kind: 'create'; status: ActionStatus; tlp: Tlp; cbms: number[]; pillar: string | null; due: string | null; owner: number; supporter: number | null }
  | { kind: 'edit'; index: number; status: ActionStatus; tlp: Tlp; cbms: number[]; pillar: string | null; due: string | null; owner: number }
  | { kind: 'progress'; index: number; status: ActionStatus }
  | { kind: 'delete'; index: number }
  | { kind: 'import'; items: Extract<Change, { kind: 'create' }>[]; clash: boolean };

const cbms = fc.uniqueArray(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 3 });
const pillar = fc.constantFrom(null, 'A', 'B', 'C');
const due = fc.constantFrom(...DUE_DATES);
const status = fc.constantFrom(...ACTION_STATUSES);
const tlp = fc.constantFrom(...TLP_LABELS);
const institution = fc.integer({ min: 0, max: 2 });
const create = fc.record({ kind: fc.constant('create' as const), status, tlp, cbms, pillar, due, owner: institution, supporter: fc.option(institution, { nil: null }) });
const change: fc.Arbitrary<Change> = fc.oneof(
  create,
  fc.record({ kind: fc.constant('edit' as const), index: fc.nat(), status, tlp, cbms, pillar, due, owner: institution }),
  // Completing through a progress update needs evidence; the edit form covers completed.
  fc.record({ kind: fc.constant('progress' as const), index: fc.nat(), status: fc.constantFrom(...OPEN_STATUSES, 'cancelled' as const) }),
  fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
  // An import is all or nothing: one that clashes with a code already taken leaves the counts as they were.
  fc.record({ kind: fc.constant('import' as const), items: fc.array(create, { minLength: 1, maxLength: 4 }), clash: fc.boolean() }),
);

describe.each(dialects)('maintained tracker counts on %s', (dialect) => {
  let database: TestDatabase;
  let institutions: string[];
  let authorId: string;
  let planId: string;
  let readers: { name: string; actor: Actor }[];
  let serial = 0;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    await seedReferenceData(db);
    institutions = [(await makeInstitution(db)).id, (await makeInstitution(db, { sector: 'private' })).id, (await makeInstitution(db, { sector: 'academic' })).id];
    const secretariat = await makePerson(db, { institutionId: institutions[2], role: 'secretariat' });
    authorId = secretariat.id;
    planId = await makeActionPlan(db, institutions[2], secretariat.id);
    // Every role at every institution: owners, supporters and outsiders of the items all read different scopes.
    readers = [];
    for (const role of ['admin', 'secretariat', 'member', 'observer'] as const) {
      for (const [index, institutionId] of institutions.entries()) {
        const person = role === 'secretariat' && index === 2 ? secretariat : await makePerson(db, { institutionId, role });
        readers.push({ name: `${role}@${index}`, actor: { id: person.id, role, institutionId } });
      }
    }
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  function input(c: Extract<Change, { kind: 'create' | 'edit' }>, code: string, supporter: number | null): ActionItemInput {
    const owner = institutions[c.owner];
    return {
      planId,
      code,
      title: `Item ${code}`,
      description: '',
      sectionRef: null,
      pillarCode: c.pillar,
      cbms: c.cbms,
      primaryCbm: c.cbms[0],
      ownerInstitutionId: owner,
      supporterIds: supporter === null || institutions[supporter] === owner ? [] : [institutions[supporter]],
      status: c.status,
      priority: 'medium',
      startDate: null,
      dueDate: c.due,
      progress: c.status === 'completed' ? 100 : 10,
      budgetAmount: null,
      budgetCurrency: null,
      fundingSource: null,
      tlp: c.tlp,
      tags: [],
      indicators: [],
    };
  }

  async function apply(items: string[], c: Change): Promise<void> {
    const { db } = database;
    if (c.kind === 'create') {
      items.push(await createActionItem(db, input(c, `T${++serial}`, c.supporter), authorId));
      return;
    }
    if (c.kind === 'import') {
      const inputs = c.items.map((item) => input(item, `I${++serial}`, item.supporter));
      // A clash repeats the first row's code, which the plan's unique index refuses.
      if (c.clash) inputs.push({ ...inputs[0], code: inputs[0].code });
      const done = importActionItems(db, authorId, planId, inputs, 'tally.csv');
      if (c.clash) await expect(done).rejects.toThrow();
      else items.push(...(await done));
      return;
    }
    if (items.length === 0) return;
    const index = c.index % items.length;
    const id = items[index];
    if (c.kind === 'edit') {
      await updateActionItem(db, id, (current) => ({ ...input(c, current.code, null), supporterIds: current.supporterIds.filter((s) => s !== institutions[c.owner]) }), authorId);
    } else if (c.kind === 'progress') {
      await postProgressUpdate(db, { itemId: id, authorId, institutionId: institutions[2], date: TODAY, body: 'Progress', status: c.status, progress: 20, indicators: {}, evidence: [] });
    } else {
      await deleteActionItem(db, id, authorId);
      items.splice(index, 1);
    }
  }

  test('any sequence of creates, edits, progress updates, deletes and imports keeps the counts equal to a fresh count', async () => {
    const items: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 10 }), async (changes) => {
        for (const c of changes) await apply(items, c);
        const maintained = await readActionTally(database.db);
        await rebuildActionTally(database.db);
        expect(maintained).toEqual(await readActionTally(database.db));
      }),
      { numRuns: 12, seed: 2026 },
    );
    expect(items.length).toBeGreaterThan(0);
  });

  test('the matrix, the pillars and the totals from the counts equal those counted over the items, for every reader', async () => {
    const everything = { filters: actionFilters() };
    for (const { name, actor } of readers) {
      const [cbms, cbmsCounted, pillars, pillarsCounted] = await Promise.all([
        cbmCoverage(database.db, actor, { today: TODAY }),
        cbmCoverage(database.db, actor, { today: TODAY, only: everything }),
        pillarCoverage(database.db, actor, { today: TODAY }),
        pillarCoverage(database.db, actor, { today: TODAY, only: everything }),
      ]);
      expect({ name, cbms: [...cbms] }).toEqual({ name, cbms: [...cbmsCounted] });
      expect({ name, pillars: [...pillars] }).toEqual({ name, pillars: [...pillarsCounted] });
      for (const filters of [actionFilters(), actionFilters({ cbm: 3 }), actionFilters({ status: ['in_progress', 'delayed'] }), actionFilters({ pillar: 'A', status: ['cancelled'] })]) {
        const { total, rows } = await queryActionItems(database.db, actor, filters, { today: TODAY });
        expect({ name, filters, total }).toEqual({ name, filters, total: rows.length });
      }
      // The dashboard's totals by status and overdue, against the readable items themselves.
      const { rows } = await queryActionItems(database.db, actor, actionFilters(), { today: TODAY });
      const summary = await trackerSummary(database.db, actor, { today: TODAY });
      const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
      expect({ name, byStatus: summary.byStatus, total: summary.total, overdue: summary.overdue }).toEqual({ name, byStatus, total: rows.length, overdue: rows.filter((r) => r.overdue).length });
    }
    const publicCbms = await cbmCoverage(database.db, 'public', { today: TODAY });
    expect([...publicCbms]).toEqual([...(await cbmCoverage(database.db, 'public', { today: TODAY, only: everything }))]);
  });
});
