/**
 * Tracker benchmark: the filtered /actions list and the /cbms aggregate, at
 * 10,000 action items with 100,000 progress updates, then at 100,000 items.
 *
 *   (a) the kysely model functions (queryActionItems, cbmCoverage) against the
 *       same SQL run bare as prepared statements (better-sqlite3 `prepare`, pg
 *       named statements) in the same run, alternating call by call;
 *   (b) EXPLAIN (QUERY PLAN) of the main filters: indexes, not scans;
 *   (c) the whole page over HTTP (session, query, render, 50 rows) against a
 *       real portal, signed in as the secretariat;
 *   (d) growth from 10,000 to 100,000 items.
 *
 * On SQLite, and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is
 * set. Prints PASS/FAIL per target; a missed target is a result, not an error.
 * Needs the Remix build (npx remix build; REMIX_BUILD_DIR is honoured).
 * Results and method: docs/performance.md.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import BetterSqlite from 'better-sqlite3';
import pg from 'pg';
import { sql, type CompiledQuery, type Insertable } from 'kysely';
import type { Db, Dialect } from '../db/client.server.ts';
import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES, type ActionItemTable, type ActionStatus, type ActionUpdateTable, type Tlp } from '../db/schema.ts';
import { itemReadScope } from '../app/policies/action-item-access.ts';
import type { Actor } from '../app/policies/permissions.ts';
import type { ActionFilters } from '../app/schemas/action-filters.ts';
import { checkTarget, distribution, fmt, fmtRatio, log, printTable, printTargetSummary, ratio, type Distribution } from './support/report.ts';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
// The page is measured as it is served: React's production build, which is chosen when react is first loaded.
process.env.NODE_ENV = 'production';
// Imported after the line above: test-database.ts reads TEST_DATABASE_URL when it loads.
const { createTestDatabase, testDialects } = await import('../tests/support/test-database.ts');
const { startPortal } = await import('../server/portal.ts');
const { signInCookie } = await import('../tests/support/collab-client.ts');
const { requireServerBuild } = await import('../tests/support/portal-env.ts');
const { makeActionPlan } = await import('../tests/support/action-items.ts');
const { buildActionItemQueries, cbmCoverage, countActionItemQueries, maintainedCoverageQueries, queryActionItemPage, queryActionItems } = await import('../app/models/action-query.server.ts');
const { rebuildActionTally } = await import('../app/models/action-tally.server.ts');
const { actionFilters } = await import('../app/schemas/action-filters.ts');
const { shiftDate } = await import('../app/utils/action-dates.ts');

// --- Parameters ----------------------------------------------------------------

const ITEMS = 10_000;
const UPDATES = 100_000;
const GROWN_ITEMS = Number(process.env.BENCH_TRACKER_GROWN ?? 100_000);
const WARMUP = Number(process.env.BENCH_TRACKER_WARMUP ?? 50);
const SAMPLES = Number(process.env.BENCH_TRACKER_SAMPLES ?? 200);
const HTTP_SAMPLES = Number(process.env.BENCH_TRACKER_HTTP_SAMPLES ?? 150);
const TODAY = '2026-06-15';
const PASSWORD = 'benchmark-demo-password';

const RATIO_LIMIT = 1.15;
const PAGE_P99_LIMIT_MS = 10;
const GROWTH_LIMIT = 1.5;

/** The view the issue names: CBM 14, in progress, by due date, 50 rows. */
const LIST_FILTERS: ActionFilters = actionFilters({ cbm: 14, status: ['in_progress'], sort: 'due' });
const LIST_PATH = '/actions?cbm=14&status=in_progress&sort=due';

// --- Data --------------------------------------------------------------------------

/** Deterministic, so every run and dialect gets the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const TLP_WEIGHTS: [Tlp, number][] = [
  ['CLEAR', 0.3],
  ['GREEN', 0.4],
  ['AMBER', 0.15],
  ['AMBER+STRICT', 0.1],
  ['RED', 0.05],
];

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Bulk-inserts items (with their CBMs and one supporter each), in one transaction. */
async function seedItems(db: Db, from: number, count: number, context: SeedContext): Promise<string[]> {
  const next = random(from + 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const items: Insertable<ActionItemTable>[] = [];
  const cbms: { itemId: string; cbmNumber: number }[] = [];
  const supporters: { itemId: string; institutionId: string }[] = [];
  for (let i = from; i < from + count; i++) {
    // Ordered ids append to the indexes instead of splitting pages at random: seeding 100,000 items stays quick.
    const id = `bench-item-${String(i).padStart(7, '0')}`;
    const primary = next() < 0.25 ? 14 : 1 + Math.floor(next() * 16);
    const numbers = new Set([primary]);
    const extra = Math.floor(next() * 3);
    for (let e = 0; e < extra; e++) numbers.add(1 + Math.floor(next() * 16));
    for (const cbmNumber of numbers) cbms.push({ itemId: id, cbmNumber });
    const owner = pick(context.institutions);
    const supporter = pick(context.institutions);
    if (supporter !== owner) supporters.push({ itemId: id, institutionId: supporter });
    let roll = next();
    const tlp = TLP_WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'GREEN';
    const due = shiftDate('2024-01-01', Math.floor(next() * 1800));
    const stamp = new Date(Date.parse('2025-05-01T00:00:00Z') + Math.floor(next() * 400 * 86_400_000)).toISOString();
    items.push({
      id,
      planId: context.planId,
      code: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
      title: `Action item ${i}: ${pick(['CERT capacity', 'PPP forum', 'Incident reporting', 'Awareness campaign', 'Cyber exercise', 'Legislation'])}`,
      description: `Generated for the benchmark (${i}).`,
      sectionRef: null,
      pillarCode: next() < 0.1 ? null : pick(context.pillars),
      primaryCbm: primary,
      ownerInstitutionId: owner,
      status: pick(ACTION_STATUSES) as ActionStatus,
      priority: pick(ACTION_PRIORITIES),
      startDate: next() < 0.1 ? null : shiftDate(due, -60 - Math.floor(next() * 480)),
      dueDate: next() < 0.05 ? null : due,
      progress: Math.floor(next() * 101),
      budgetAmount: null,
      budgetCurrency: null,
      fundingSource: next() < 0.2 ? null : pick(FUNDING_SOURCES),
      tlp,
      createdById: context.authorId,
      createdAt: stamp,
      updatedAt: stamp,
      lastUpdateAt: stamp,
    });
  }
  await db.transaction().execute(async (trx) => {
    await insertChunks(items, 1_000, (chunk) => trx.insertInto('actionItem').values(chunk).execute());
    await insertChunks(cbms, 5_000, (chunk) => trx.insertInto('actionItemCbm').values(chunk).execute());
    await insertChunks(supporters, 5_000, (chunk) => trx.insertInto('actionItemSupporter').values(chunk).execute());
  });
  return items.map((item) => item.id);
}

async function seedUpdates(db: Db, itemIds: string[], count: number, context: SeedContext): Promise<void> {
  const next = random(99);
  const rows: Insertable<ActionUpdateTable>[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(Date.parse('2025-01-01T00:00:00Z') + Math.floor(next() * 500 * 86_400_000)).toISOString();
    rows.push({
      id: `bench-update-${String(i).padStart(7, '0')}`,
      itemId: itemIds[Math.floor(next() * itemIds.length)],
      authorId: context.authorId,
      institutionId: context.authorInstitutionId,
      date: createdAt.slice(0, 10),
      body: `Progress note ${i}`,
      statusFrom: null,
      statusTo: next() < 0.05 ? ('completed' as const) : null,
      progressFrom: null,
      progressTo: null,
      createdAt,
    });
  }
  await db.transaction().execute((trx) => insertChunks(rows, 2_500, (chunk) => trx.insertInto('actionUpdate').values(chunk).execute()));
}

interface SeedContext {
  planId: string;
  institutions: string[];
  pillars: string[];
  authorId: string;
  authorInstitutionId: string;
}

// --- Bare prepared statements ---------------------------------------------------------

interface Bare {
  /** Runs one compiled query as a prepared statement, returning its rows. */
  run(query: CompiledQuery): Promise<unknown[]> | unknown[];
  close(): Promise<void>;
}

function bareSqlite(file: string): Bare {
  const sqlite = new BetterSqlite(file, { readonly: true });
  // The same Unicode lower() as db/client.server.ts, in case a query sorts by name.
  sqlite.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value) as string | null);
  const statements = new Map<string, BetterSqlite.Statement>();
  return {
    run(query) {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = sqlite.prepare(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.all(...(query.parameters as unknown[]));
    },
    async close() {
      sqlite.close();
    },
  };
}

async function barePostgres(url: string): Promise<Bare> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names = new Map<string, string>();
  return {
    async run(query) {
      let name = names.get(query.sql);
      if (!name) {
        name = `bench_${names.size}`;
        names.set(query.sql, name);
      }
      // A named statement is parsed and planned once per connection, then only bound and executed.
      const result = await client.query({ name, text: query.sql, values: query.parameters as unknown[] });
      return result.rows;
    },
    async close() {
      await client.end();
    },
  };
}

// --- Measurement -------------------------------------------------------------------

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Alternates model and bare call by call, so a change in the machine's load hits both alike. */
async function pair(model: () => unknown, bare: () => unknown, samples: number): Promise<{ model: Distribution; bare: Distribution }> {
  for (let i = 0; i < Math.min(WARMUP, samples); i++) {
    await model();
    await bare();
  }
  const m: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      m.push(await time(model));
      b.push(await time(bare));
    } else {
      b.push(await time(bare));
      m.push(await time(model));
    }
  }
  return { model: distribution(m), bare: distribution(b) };
}

async function httpTimes(url: string, cookie: string, samples: number): Promise<Distribution> {
  const request = () => fetch(url, { headers: { cookie, accept: 'text/html', 'accept-language': 'en' } });
  const get = async () => {
    // A pooled connection left idle past the server's keep-alive timeout may be reset as it is reused: retry once.
    const response = await request().catch(() => request());
    if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < Math.min(WARMUP, samples); i++) await get();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await time(get));
  return distribution(times);
}

interface SizeResult {
  items: number;
  list: { model: Distribution; bare: Distribution };
  nextPage: { model: Distribution; bare: Distribution };
  coverage: { model: Distribution; bare: Distribution };
  listPage: Distribution;
  cbmsPage: Distribution;
  matching: number;
}

/**
 * One size: the list (model and bare, then over HTTP) and the /cbms aggregate.
 * and would otherwise dominate the run at 100,000 items.
 */
async function measureSize(db: Db, dialect: Dialect, bare: Bare, actor: Actor, baseURL: string, cookie: string, items: number): Promise<SizeResult> {
  // The model does what the page does: a page of rows (51, to know whether there is a next page), the total
  // (from the maintained counts for this filter, plus the reader's own items), then the CBMs of those rows.
  const scope = itemReadScope(actor);
  const PAGE = 51;
  const model = () => queryActionItems(db, scope, LIST_FILTERS, { today: TODAY, limit: PAGE });
  const rowsQuery = buildActionItemQueries(db, scope, LIST_FILTERS, { today: TODAY, limit: PAGE }).rows.compile();
  const countQueries = countActionItemQueries(db, scope, LIST_FILTERS, TODAY);
  const first = await model();
  const cbmQueryOf = (ids: string[]) => db.selectFrom('actionItemCbm').select(['itemId', 'cbmNumber']).where('itemId', 'in', ids).orderBy('itemId').orderBy('cbmNumber').compile();
  const cbmQuery = cbmQueryOf(first.rows.map((r) => r.id));
  const bareList = async () => {
    await Promise.all([bare.run(rowsQuery), ...countQueries.map((q) => bare.run(q))]);
    await bare.run(cbmQuery);
  };
  // The second page, read from the first page's cursor: the keyset query every later page runs.
  const cursor = (await queryActionItemPage(db, scope, LIST_FILTERS, { today: TODAY })).next!;
  const nextModel = () => queryActionItems(db, scope, LIST_FILTERS, { today: TODAY, limit: PAGE, cursor });
  const nextRowsQuery = buildActionItemQueries(db, scope, LIST_FILTERS, { today: TODAY, limit: PAGE, cursor }).rows.compile();
  const nextCbmQuery = cbmQueryOf((await nextModel()).rows.map((r) => r.id));
  const bareNext = async () => {
    await Promise.all([bare.run(nextRowsQuery), ...countQueries.map((q) => bare.run(q))]);
    await bare.run(nextCbmQuery);
  };
  const coverageModel = () => cbmCoverage(db, scope, { today: TODAY });
  const coverageQueries = maintainedCoverageQueries(db, scope, TODAY, 'cbm');
  const bareCoverage = () => Promise.all(coverageQueries.map((q) => bare.run(q)));
  const list = await pair(model, bareList, SAMPLES);
  const nextPage = await pair(nextModel, bareNext, SAMPLES);
  const listPage = await httpTimes(new URL(LIST_PATH, baseURL).toString(), cookie, HTTP_SAMPLES);
  const coverage = await pair(coverageModel, bareCoverage, SAMPLES);
  const cbmsPage = await httpTimes(new URL('/cbms', baseURL).toString(), cookie, HTTP_SAMPLES);
  const result = { items, list, nextPage, coverage, listPage, cbmsPage, matching: first.total };
  printSizes(dialect, [result]);
  return result;
}

// --- Query plans ----------------------------------------------------------------------

const PLAN_FILTERS: [string, Partial<ActionFilters>][] = [
  ['none (the first page of /actions, by code)', {}],
  ['cbm=14', { cbm: 14 }],
  ['status=in_progress', { status: ['in_progress'] }],
  ['owner', {}],
  ['pillar=C', { pillar: 'C' }],
  ['funding=osce', { funding: 'osce' }],
  ['priority=high', { priority: 'high' }],
  ['overdue', { overdue: true }],
  ['dueSoon', { dueSoon: true }],
  ['tag', { tag: 'csirt' }],
  ['cbm=14 + in_progress, by due', { cbm: 14, status: ['in_progress'], sort: 'due' }],
];

async function explain(db: Db, dialect: Dialect, actor: Actor, owner: string): Promise<void> {
  const scope = itemReadScope(actor);
  const queries: [string, CompiledQuery][] = PLAN_FILTERS.map(([label, partial]) => [
    label,
    buildActionItemQueries(db, scope, actionFilters(label === 'owner' ? { owner } : partial), { today: TODAY, limit: 51 }).rows.compile(),
  ]);
  const cursor = (await queryActionItemPage(db, scope, LIST_FILTERS, { today: TODAY })).next!;
  queries.push(['page 2 by cursor (cbm=14 + in_progress, by due)', buildActionItemQueries(db, scope, LIST_FILTERS, { today: TODAY, limit: 51, cursor }).rows.compile()]);
  countActionItemQueries(db, scope, LIST_FILTERS, TODAY).forEach((q, i) => queries.push([`total of cbm=14 + in_progress, part ${i + 1}`, q]));
  maintainedCoverageQueries(db, scope, TODAY, 'cbm').forEach((q, i) => queries.push([`/cbms, part ${i + 1}`, q]));
  const rows: string[][] = [['Query', 'Plan (abridged)', 'Full scan of actionItem?']];
  for (const [label, query] of queries) {
    let plan: string[];
    if (dialect === 'sqlite') {
      const result = await db.executeQuery<{ detail: string }>({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` } as CompiledQuery<{ detail: string }>);
      plan = result.rows.map((r) => r.detail);
    } else {
      const result = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN ${query.sql}` } as CompiledQuery<{ 'QUERY PLAN': string }>);
      plan = result.rows.map((r) => r['QUERY PLAN'].trim());
    }
    const scan = plan.some((line) => (dialect === 'sqlite' ? /^SCAN (actionItem|"actionItem")\b/.test(line) : /Seq Scan on "?actionItem"?\b/.test(line)));
    const access = plan.filter((line) => /actionItem|owner|institution|Tally/i.test(line) && /(SEARCH|SCAN|Index|Seq)/.test(line)).slice(0, 3);
    rows.push([label, access.join(' | ').slice(0, 160), scan ? 'YES' : 'no']);
  }
  printTable(`Query plans on ${dialect} (secretariat, ${GROWN_ITEMS.toLocaleString('en')} items)`, rows);
}

// --- Run -----------------------------------------------------------------------------

function printSizes(dialect: Dialect, results: SizeResult[]): void {
  const header = ['Measure', ...results.flatMap((r) => [`p50 @${r.items / 1000}k`, `p95 @${r.items / 1000}k`, `p99 @${r.items / 1000}k`])];
  const line = (label: string, pick: (r: SizeResult) => Distribution) => [label, ...results.flatMap((r) => [fmt(pick(r).p50), fmt(pick(r).p95), fmt(pick(r).p99)])];
  printTable(`Tracker on ${dialect} (ms; matching rows for the list: ${results.map((r) => r.matching).join(' / ')})`, [
    header,
    line('list: queryActionItems (kysely)', (r) => r.list.model),
    line('list: same SQL, prepared', (r) => r.list.bare),
    line('page 2 by cursor (kysely)', (r) => r.nextPage.model),
    line('page 2 by cursor, same SQL, prepared', (r) => r.nextPage.bare),
    line('/cbms: cbmCoverage from the counts (kysely)', (r) => r.coverage.model),
    line('/cbms: same SQL, prepared', (r) => r.coverage.bare),
    line(`GET ${LIST_PATH}`, (r) => r.listPage),
    line('GET /cbms', (r) => r.cbmsPage),
  ]);
}

async function runDialect(dialect: Dialect): Promise<void> {
  log(`\n=== ${dialect} === (load average ${os.loadavg()[0].toFixed(2)})`);
  const database = await createTestDatabase(dialect, { migrate: false });
  const portal = await startPortal({
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: database.dir,
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: '',
    TRUST_PROXY: '',
    SMTP_URL: '',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    BETTER_AUTH_SECRET: crypto.randomBytes(32).toString('base64'),
    SIGN_IN_RATE_LIMIT: '1000',
  });
  let bare: Bare | null = null;
  try {
    const { db } = portal.services;
    const user = await db.selectFrom('user').select(['id', 'role', 'institutionId']).where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow();
    const actor: Actor = { id: user.id, role: user.role, institutionId: user.institutionId };
    const institutions = (await db.selectFrom('institution').select('id').orderBy('name').execute()).map((r) => r.id);
    const pillars = (await db.selectFrom('pillar').select('code').orderBy('code').execute()).map((r) => r.code);
    // A plan of its own, so generated codes never meet the demo's.
    const planId = await makeActionPlan(db, user.institutionId, user.id);
    const context: SeedContext = { planId, institutions, pillars, authorId: user.id, authorInstitutionId: user.institutionId };

    let started = performance.now();
    const ids = await seedItems(db, 0, ITEMS, context);
    await seedUpdates(db, ids, UPDATES, context);
    // Bulk rows bypass the item model, so the maintained counts are recounted once, as the migration's backfill does.
    await rebuildActionTally(db);
    await sql`analyze`.execute(db);
    log(`seeded ${ITEMS.toLocaleString('en')} items and ${UPDATES.toLocaleString('en')} updates in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    bare = dialect === 'sqlite' ? bareSqlite(database.url.replace(/^file:/, '')) : await barePostgres(database.url);
    const cookie = await signInCookie(portal.url, 'secretariat@demo.example', PASSWORD);
    const small = await measureSize(db, dialect, bare, actor, portal.url, cookie, ITEMS);

    started = performance.now();
    await seedItems(db, ITEMS, GROWN_ITEMS - ITEMS, context);
    await rebuildActionTally(db);
    await sql`analyze`.execute(db);
    log(`grew to ${GROWN_ITEMS.toLocaleString('en')} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (dialect === 'sqlite') {
      // A new read connection sees the new statistics.
      await bare.close();
      bare = bareSqlite(database.url.replace(/^file:/, ''));
    }
    const large = await measureSize(db, dialect, bare, actor, portal.url, cookie, GROWN_ITEMS);
    printSizes(dialect, [small, large]);
    await explain(db, dialect, actor, institutions[0]);

    const listRatio = ratio(small.list.model.p95, small.list.bare.p95);
    const coverageRatio = ratio(small.coverage.model.p95, small.coverage.bare.p95);
    log(`ratios at 10k (p95, kysely / prepared): list ${fmtRatio(listRatio)}, /cbms ${fmtRatio(coverageRatio)}`);
    checkTarget({ name: `${dialect}: list query, kysely / prepared (p95, 10k)`, value: fmtRatio(listRatio), limit: `<= ${RATIO_LIMIT}x`, pass: listRatio <= RATIO_LIMIT });
    checkTarget({ name: `${dialect}: /cbms aggregate, kysely / prepared (p95, 10k)`, value: fmtRatio(coverageRatio), limit: `<= ${RATIO_LIMIT}x`, pass: coverageRatio <= RATIO_LIMIT });
    checkTarget({ name: `${dialect}: GET /actions page p99 (10k)`, value: `${fmt(small.listPage.p99)} ms`, limit: `< ${PAGE_P99_LIMIT_MS} ms`, pass: small.listPage.p99 < PAGE_P99_LIMIT_MS });
    const nextRatio = ratio(small.nextPage.model.p95, small.nextPage.bare.p95);
    checkTarget({ name: `${dialect}: page 2 by cursor, kysely / prepared (p95, 10k)`, value: fmtRatio(nextRatio), limit: `<= ${RATIO_LIMIT}x`, pass: nextRatio <= RATIO_LIMIT });
    const growth = ratio(large.list.model.p95, small.list.model.p95);
    const pageGrowth = ratio(large.listPage.p95, small.listPage.p95);
    checkTarget({ name: `${dialect}: list query growth 10k -> 100k (p95)`, value: fmtRatio(growth), limit: `<= ${GROWTH_LIMIT}x`, pass: growth <= GROWTH_LIMIT });
    checkTarget({ name: `${dialect}: /actions page growth 10k -> 100k (p95)`, value: fmtRatio(pageGrowth), limit: `<= ${GROWTH_LIMIT}x`, pass: pageGrowth <= GROWTH_LIMIT });
    const nextGrowth = ratio(large.nextPage.model.p95, small.nextPage.model.p95);
    checkTarget({ name: `${dialect}: page 2 by cursor growth 10k -> 100k (p95)`, value: fmtRatio(nextGrowth), limit: `<= ${GROWTH_LIMIT}x`, pass: nextGrowth <= GROWTH_LIMIT });
    const coverageGrowth = ratio(large.coverage.model.p95, small.coverage.model.p95);
    checkTarget({ name: `${dialect}: /cbms aggregate growth 10k -> 100k (p95)`, value: fmtRatio(coverageGrowth), limit: `<= ${GROWTH_LIMIT}x`, pass: coverageGrowth <= GROWTH_LIMIT });
    const cbmsGrowth = ratio(large.cbmsPage.p95, small.cbmsPage.p95);
    checkTarget({ name: `${dialect}: GET /cbms growth 10k -> 100k (p95)`, value: fmtRatio(cbmsGrowth), limit: `<= ${GROWTH_LIMIT}x`, pass: cbmsGrowth <= GROWTH_LIMIT });
  } finally {
    await bare?.close();
    await portal.close();
    await database.cleanup();
  }
}

requireServerBuild();
const started = performance.now();
for (const dialect of testDialects()) await runDialect(dialect);
printTargetSummary('Tracker targets');
log(`\ntracker benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`);
