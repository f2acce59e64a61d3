import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type InferResult, type SqlBool } from 'kysely';
import { dialectOf, type Db } from '../../db/client.server.ts';
import { ACTION_PRIORITIES, ACTION_STATUSES, type ActionStatus, type Database, type Sector } from '../../db/schema.ts';
import type { ItemReadScope } from '../policies/action-item-access.ts';
import { foldForSearch } from '../utils/search-text.ts';
import type { ActionFilters } from '../schemas/action-filters.ts';
import { CLOSED_STATUSES, DUE_SOON_DAYS, STALE_DAYS, isOverdue, shiftDate, todayInSarajevo } from '../utils/action-dates.ts';

/**
 * The read side of the tracker: filtered lists, the CBM matrix, the dashboard
 * and the public progress page. Every filter and aggregate runs in SQL (with
 * the indexes of db/migrations/2026-11-23-05-tracker.ts), the same text on
 * SQLite and PostgreSQL, and every query is scoped by `readableItems`, the
 * SQL twin of `mayReadItem` in app/policies/action-item-access.ts.
 */

const PAGE_SIZE = 50;

type ItemEb = ExpressionBuilder<Database, 'actionItem'>;

const OPEN: Expression<SqlBool> = sql<SqlBool>`"actionItem"."status" not in ('completed', 'cancelled')`;

/**
 * The scope `itemReadScope` (app/policies/action-item-access.ts) computed, as
 * SQL: labels anyone in scope reads, labels the owner and supporters read,
 * labels only the owner reads.
 */
export function readableItems(scope: ItemReadScope) {
  return (eb: ItemEb): Expression<SqlBool> => {
    const branches: Expression<SqlBool>[] = [];
    if (scope.everyone.length > 0) branches.push(eb('actionItem.tlp', 'in', scope.everyone));
    if (scope.institutionId !== null) {
      const owner = eb('actionItem.ownerInstitutionId', '=', scope.institutionId);
      if (scope.involved.length > 0) {
        const supporter = eb(
          'actionItem.id',
          'in',
          eb.selectFrom('actionItemSupporter').select('actionItemSupporter.itemId').where('actionItemSupporter.institutionId', '=', scope.institutionId),
        );
        branches.push(eb.and([eb('actionItem.tlp', 'in', scope.involved), eb.or([owner, supporter])]));
      }
      if (scope.closest.length > 0) branches.push(eb.and([eb('actionItem.tlp', 'in', scope.closest), owner]));
    }
    return eb.or(branches);
  };
}

/** Past due and still open (the same rule as `isOverdue`). */
function overdueExpr(today: string): Expression<SqlBool> {
  return sql<SqlBool>`("actionItem"."dueDate" < ${today} and ${OPEN})`;
}

function dueSoonExpr(today: string): Expression<SqlBool> {
  return sql<SqlBool>`("actionItem"."dueDate" >= ${today} and "actionItem"."dueDate" <= ${shiftDate(today, DUE_SOON_DAYS)} and ${OPEN})`;
}

/** No progress update since before the day 60 days ago (lastUpdateAt is a UTC timestamp). */
function staleExpr(today: string): Expression<SqlBool> {
  return sql<SqlBool>`("actionItem"."lastUpdateAt" < ${shiftDate(today, -STALE_DAYS)} and ${OPEN})`;
}

/** 1 or 0, so sums come back as counts on both dialects. */
function countIf(condition: Expression<SqlBool>) {
  return sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;
}

/** The columns the text filter may search. */
export type SearchColumn = 'actionItem.code' | 'actionItem.title' | 'actionItem.description';

/** Members search descriptions too; the public searches only what it is shown (app/models/public-progress.server.ts). */
const MEMBER_SEARCH: readonly SearchColumn[] = ['actionItem.code', 'actionItem.title', 'actionItem.description'];

/** A column folded for search in SQL, as app/utils/search-text.ts folds the query (both dialects have `portal_fold`). */
function foldedColumn(column: SearchColumn) {
  return sql`portal_fold(${sql.ref(column)})`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface QueryOptions {
  /** Europe/Sarajevo calendar date (YYYY-MM-DD); tests pass a fixed one. */
  today?: string;
  limit?: number;
  offset?: number;
}

/** The items a viewer may read, narrowed by the filters; columns are chosen by the caller. */
export function filteredItems(db: Db, scope: ItemReadScope, filters: ActionFilters, today: string, searchIn: readonly SearchColumn[] = MEMBER_SEARCH) {
  let query = db
    .selectFrom('actionItem')
    .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
    .leftJoin('pillar', 'pillar.code', 'actionItem.pillarCode')
    .where(readableItems(scope));
  if (filters.cbm !== undefined) {
    const cbm = filters.cbm;
    query = query.where('actionItem.id', 'in', (eb) => eb.selectFrom('actionItemCbm').select('actionItemCbm.itemId').where('actionItemCbm.cbmNumber', '=', cbm));
  }
  if (filters.tag !== undefined) {
    const tag = filters.tag;
    query = query.where('actionItem.id', 'in', (eb) => eb.selectFrom('actionItemTag').select('actionItemTag.itemId').where('actionItemTag.tag', '=', tag));
  }
  if (filters.pillar !== undefined) query = query.where('actionItem.pillarCode', '=', filters.pillar);
  if (filters.owner !== undefined) query = query.where('actionItem.ownerInstitutionId', '=', filters.owner);
  if (filters.sector !== undefined) query = query.where('owner.sector', '=', filters.sector);
  if (filters.status.length > 0) query = query.where('actionItem.status', 'in', filters.status);
  if (filters.priority !== undefined) query = query.where('actionItem.priority', '=', filters.priority);
  if (filters.funding !== undefined) query = query.where('actionItem.fundingSource', '=', filters.funding);
  if (filters.plan !== undefined) query = query.where('actionItem.planId', '=', filters.plan);
  if (filters.overdue) query = query.where(overdueExpr(today));
  if (filters.dueSoon) query = query.where(dueSoonExpr(today));
  if (filters.stale) query = query.where(staleExpr(today));
  if (filters.q) {
    const words = foldForSearch(filters.q).split(/\s+/).filter(Boolean).slice(0, 8);
    for (const word of words) {
      const like = `%${escapeLike(word)}%`;
      query = query.where((eb) =>
        eb.or(searchIn.map((column) => sql<SqlBool>`${foldedColumn(column)} like ${like} escape '\\'`)),
      );
    }
  }
  return query;
}

function orderExpressions(filters: ActionFilters) {
  const sort = filters.sort ?? 'code';
  const dir = filters.dir ?? (sort === 'updated' ? 'desc' : 'asc');
  const d = sql.raw(dir);
  switch (sort) {
    case 'due':
      // Items without a due date come last in both directions.
      return [sql`case when "actionItem"."dueDate" is null then 1 else 0 end`, sql`"actionItem"."dueDate" ${d}`];
    case 'status':
      return [sql`case ${sql.join(ACTION_STATUSES.map((s, i) => sql`when "actionItem"."status" = ${sql.lit(s)} then ${sql.lit(i)}`), sql` `)} end ${d}`];
    case 'priority':
      return [sql`case ${sql.join(ACTION_PRIORITIES.map((p, i) => sql`when "actionItem"."priority" = ${sql.lit(p)} then ${sql.lit(i)}`), sql` `)} end ${d}`];
    case 'progress':
      return [sql`"actionItem"."progress" ${d}`];
    case 'updated':
      return [sql`"actionItem"."updatedAt" ${d}`];
    case 'owner':
      return [sql`lower("owner"."name") ${d}`];
    case 'code':
      return [sql`"actionItem"."code" ${d}`];
  }
}

/** The list query behind /actions, without running it (the benchmark compiles it). */
export function buildActionItemQueries(db: Db, scope: ItemReadScope, filters: ActionFilters, options: QueryOptions = {}) {
  const today = options.today ?? todayInSarajevo();
  const base = filteredItems(db, scope, filters, today);
  let rows = base
    .select([
      'actionItem.id',
      'actionItem.planId',
      'actionItem.code',
      'actionItem.title',
      'actionItem.pillarCode',
      'pillar.name as pillarName',
      'pillar.nameBs as pillarNameBs',
      'actionItem.primaryCbm',
      'actionItem.ownerInstitutionId',
      'owner.name as ownerName',
      'owner.acronym as ownerAcronym',
      'owner.sector as ownerSector',
      'actionItem.status',
      'actionItem.priority',
      'actionItem.startDate',
      'actionItem.dueDate',
      'actionItem.progress',
      'actionItem.fundingSource',
      'actionItem.tlp',
      'actionItem.createdAt',
      'actionItem.updatedAt',
      'actionItem.lastUpdateAt',
      // The total of the whole filtered set rides along with each row: one statement instead of a second COUNT.
      sql<number | string>`count(*) over ()`.as('fullCount'),
    ])
    .$call((q) => orderExpressions(filters).reduce((ordered, expression) => ordered.orderBy(expression), q))
    .orderBy('actionItem.code')
    .orderBy('actionItem.id');
  if (options.limit !== undefined) rows = rows.limit(options.limit).offset(options.offset ?? 0);
  const count = base.select((eb) => eb.fn.countAll<number | string>().as('count'));
  return { rows, count, today };
}

type ListRow = InferResult<ReturnType<typeof buildActionItemQueries>['rows']>[number];

/**
 * Building and compiling the list query costs about as much as running it on
 * a small page, and the same views (the dashboard's lists, a shared filter
 * link) are asked for again and again. The SQL depends on the viewer only
 * through the read scope, so compiled queries are kept per
 * (dialect, scope, filters, page, today), for a bounded number.
 */
const compiledLists = new Map<string, CompiledQuery<ListRow>>();
const COMPILED_LISTS_MAX = 500;

function compiledListQuery(db: Db, scope: ItemReadScope, filters: ActionFilters, options: QueryOptions & { today: string }): CompiledQuery<ListRow> {
  const key = JSON.stringify([dialectOf(db), scope, filters, options.today, options.limit ?? null, options.offset ?? 0]);
  let compiled = compiledLists.get(key);
  if (compiled) {
    // Most recently used last, so the oldest entry is the one dropped.
    compiledLists.delete(key);
  } else {
    compiled = buildActionItemQueries(db, scope, filters, options).rows.compile();
    if (compiledLists.size >= COMPILED_LISTS_MAX) compiledLists.delete(compiledLists.keys().next().value!);
  }
  compiledLists.set(key, compiled);
  return compiled;
}

/** Every CBM of each item (primary included), in number order. */
export async function cbmsOf(db: Db, ids: string[]): Promise<Map<string, number[]>> {
  const map = new Map<string, number[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('actionItemCbm').select(['itemId', 'cbmNumber']).where('itemId', 'in', ids).orderBy('itemId').orderBy('cbmNumber').execute();
  for (const row of rows) map.get(row.itemId)?.push(Number(row.cbmNumber));
  return map;
}

export type ActionItemListRow = Awaited<ReturnType<typeof queryActionItems>>['rows'][number];

/**
 * One page of the items a person may read, filtered and sorted in SQL, with
 * the total for the pager. Without `limit`, every matching row (exports use
 * `iterateActionItems` instead, to keep memory flat).
 */
export async function queryActionItems(db: Db, scope: ItemReadScope, filters: ActionFilters, options: QueryOptions = {}) {
  const today = options.today ?? todayInSarajevo();
  const compiled = compiledListQuery(db, scope, filters, { ...options, today });
  const { rows } = await db.executeQuery(compiled);
  // Only a page past the end has no row to carry the total.
  const total =
    rows.length > 0
      ? Number(rows[0].fullCount)
      : (options.offset ?? 0) > 0
        ? Number((await buildActionItemQueries(db, scope, filters, { ...options, today }).count.executeTakeFirstOrThrow()).count)
        : 0;
  const cbms = await cbmsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    total,
    rows: rows.map(({ fullCount: _fullCount, ...row }) => ({
      ...row,
      primaryCbm: Number(row.primaryCbm),
      progress: Number(row.progress),
      ownerSector: row.ownerSector as Sector,
      cbms: cbms.get(row.id) ?? [],
      overdue: isOverdue(row, today),
    })),
  };
}

/** The page the filters ask for, clamped to the pages that exist. */
export async function queryActionItemPage(db: Db, scope: ItemReadScope, filters: ActionFilters, options: { today?: string } = {}) {
  const requested = filters.page ?? 1;
  let result = await queryActionItems(db, scope, filters, { ...options, limit: PAGE_SIZE, offset: (requested - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  let page = requested;
  if (requested > pages) {
    page = pages;
    result = await queryActionItems(db, scope, filters, { ...options, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  }
  return { ...result, page, pages, pageSize: PAGE_SIZE };
}

/**
 * Every matching item, a page at a time, with the fields an export needs
 * (description, tags, supporters, budget). Memory stays flat at any size.
 */
export async function* iterateActionItems(db: Db, scope: ItemReadScope, filters: ActionFilters, options: { today?: string; batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 500;
  const today = options.today ?? todayInSarajevo();
  for (let offset = 0; ; offset += batchSize) {
    const { rows } = await queryActionItems(db, scope, filters, { today, limit: batchSize, offset });
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const [details, tags, supporters] = await Promise.all([
      db.selectFrom('actionItem').select(['id', 'description', 'sectionRef', 'budgetAmount', 'budgetCurrency']).where('id', 'in', ids).execute(),
      db.selectFrom('actionItemTag').select(['itemId', 'tag']).where('itemId', 'in', ids).orderBy('tag').execute(),
      db
        .selectFrom('actionItemSupporter')
        .innerJoin('institution', 'institution.id', 'actionItemSupporter.institutionId')
        .select(['actionItemSupporter.itemId', 'institution.id', 'institution.name'])
        .where('actionItemSupporter.itemId', 'in', ids)
        .orderBy(sql`lower(institution.name)`)
        .execute(),
    ]);
    const detailById = new Map(details.map((d) => [d.id, d]));
    for (const row of rows) {
      const detail = detailById.get(row.id);
      yield {
        ...row,
        description: detail?.description ?? '',
        sectionRef: detail?.sectionRef ?? null,
        budgetAmount: detail?.budgetAmount === null || detail?.budgetAmount === undefined ? null : Number(detail.budgetAmount),
        budgetCurrency: detail?.budgetCurrency ?? null,
        tags: tags.filter((t) => t.itemId === row.id).map((t) => t.tag),
        supporters: supporters.filter((s) => s.itemId === row.id).map((s) => ({ id: s.id, name: s.name })),
      };
    }
    if (rows.length < batchSize) return;
  }
}

// --- Aggregates -----------------------------------------------------------------

export type StatusCounts = Record<ActionStatus, number>;

function emptyCounts(): StatusCounts {
  return Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export interface CoverageRow {
  counts: StatusCounts;
  total: number;
  completed: number;
  /** Whole percent of items completed, or null when there are none. */
  percentCompleted: number | null;
  overdue: number;
}

function coverage(counts: StatusCounts, overdue: number): CoverageRow {
  const total = ACTION_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return { counts, total, completed: counts.completed, percentCompleted: total ? Math.round((counts.completed * 100) / total) : null, overdue };
}

/** Aggregates over the items a list shows rather than every readable one (the public progress page's filters). */
export interface ItemSubset {
  filters: ActionFilters;
  searchIn?: readonly SearchColumn[];
}

function inSubset(db: Db, scope: ItemReadScope, today: string, only: ItemSubset) {
  return (eb: ItemEb): Expression<SqlBool> => eb('actionItem.id', 'in', filteredItems(db, scope, only.filters, today, only.searchIn).select('actionItem.id'));
}

/** The GROUP BY behind the CBM matrix, without running it (the benchmark compiles it). */
export function cbmCoverageQuery(db: Db, scope: ItemReadScope, today: string, only?: ItemSubset) {
  let query = db
    .selectFrom('actionItemCbm')
    .innerJoin('actionItem', 'actionItem.id', 'actionItemCbm.itemId')
    .select(['actionItemCbm.cbmNumber', 'actionItem.status', (eb) => eb.fn.countAll<number | string>().as('count'), countIf(overdueExpr(today)).as('overdue')])
    .where(readableItems(scope));
  if (only) query = query.where(inSubset(db, scope, today, only));
  return query.groupBy(['actionItemCbm.cbmNumber', 'actionItem.status']);
}

/**
 * The CBM coverage matrix: for each of the 16 CBMs, the items implementing it
 * (primary or not) by status, with the overdue ones. One GROUP BY.
 */
export async function cbmCoverage(db: Db, scope: ItemReadScope, options: { today?: string; only?: ItemSubset } = {}): Promise<Map<number, CoverageRow>> {
  const rows = await cbmCoverageQuery(db, scope, options.today ?? todayInSarajevo(), options.only).execute();
  return collect(
    rows.map((r) => ({ key: Number(r.cbmNumber), status: r.status, count: r.count, overdue: r.overdue })),
    Array.from({ length: 16 }, (_, i) => i + 1),
  );
}

/** The same by strategic pillar; items without a pillar come under the key ''. */
export async function pillarCoverage(db: Db, scope: ItemReadScope, options: { today?: string; only?: ItemSubset } = {}): Promise<Map<string, CoverageRow>> {
  const today = options.today ?? todayInSarajevo();
  const [rows, pillars] = await Promise.all([
    db
      .selectFrom('actionItem')
      .select(['actionItem.pillarCode', 'actionItem.status', (eb) => eb.fn.countAll<number | string>().as('count'), countIf(overdueExpr(today)).as('overdue')])
      .where(readableItems(scope))
      .$if(options.only !== undefined, (q) => q.where(inSubset(db, scope, today, options.only!)))
      .groupBy(['actionItem.pillarCode', 'actionItem.status'])
      .execute(),
    listPillars(db),
  ]);
  return collect(
    rows.map((r) => ({ key: r.pillarCode ?? '', status: r.status, count: r.count, overdue: r.overdue })),
    pillars.map((p) => p.code),
  );
}

function collect<K>(rows: { key: K; status: ActionStatus; count: number | string; overdue: number | string | null }[], keys: K[]): Map<K, CoverageRow> {
  const counts = new Map<K, { counts: StatusCounts; overdue: number }>(keys.map((k) => [k, { counts: emptyCounts(), overdue: 0 }]));
  for (const row of rows) {
    const entry = counts.get(row.key) ?? { counts: emptyCounts(), overdue: 0 };
    entry.counts[row.status] += Number(row.count);
    entry.overdue += Number(row.overdue ?? 0);
    counts.set(row.key, entry);
  }
  return new Map([...counts].map(([key, entry]) => [key, coverage(entry.counts, entry.overdue)]));
}

export async function listPillars(db: Db) {
  return db.selectFrom('pillar').select(['code', 'name', 'nameBs', 'position']).orderBy('position').orderBy('code').execute();
}

export interface TrackerSummary {
  byStatus: StatusCounts;
  total: number;
  open: number;
  overdue: number;
  dueSoon: number;
  stale: number;
  /** Open items that are not overdue. */
  openOnTrack: number;
  completedWithDueDate: number;
  /** Completed on or before the due date (see docs/tracker-views.md for the completion date). */
  completedOnTime: number;
}

/**
 * The dashboard's numbers in one GROUP BY. An item's completion date is the
 * date of its latest update that set it to completed, or, when it was
 * completed through the edit form, the day of its last change.
 */
export async function trackerSummary(db: Db, scope: ItemReadScope, options: { today?: string } = {}): Promise<TrackerSummary> {
  const today = options.today ?? todayInSarajevo();
  const completionDate = sql<string>`coalesce((select max("actionUpdate"."date") from "actionUpdate" where "actionUpdate"."itemId" = "actionItem"."id" and "actionUpdate"."statusTo" = 'completed'), substr("actionItem"."updatedAt", 1, 10))`;
  const rows = await db
    .selectFrom('actionItem')
    .select([
      'actionItem.status',
      (eb) => eb.fn.countAll<number | string>().as('count'),
      countIf(overdueExpr(today)).as('overdue'),
      countIf(dueSoonExpr(today)).as('dueSoon'),
      countIf(staleExpr(today)).as('stale'),
      countIf(sql<SqlBool>`("actionItem"."status" = 'completed' and "actionItem"."dueDate" is not null)`).as('completedWithDueDate'),
      countIf(sql<SqlBool>`("actionItem"."status" = 'completed' and "actionItem"."dueDate" is not null and ${completionDate} <= "actionItem"."dueDate")`).as('completedOnTime'),
    ])
    .where(readableItems(scope))
    .groupBy('actionItem.status')
    .execute();
  const summary: TrackerSummary = { byStatus: emptyCounts(), total: 0, open: 0, overdue: 0, dueSoon: 0, stale: 0, openOnTrack: 0, completedWithDueDate: 0, completedOnTime: 0 };
  for (const row of rows) {
    const count = Number(row.count);
    summary.byStatus[row.status] += count;
    summary.total += count;
    if (!CLOSED_STATUSES.includes(row.status)) summary.open += count;
    summary.overdue += Number(row.overdue ?? 0);
    summary.dueSoon += Number(row.dueSoon ?? 0);
    summary.stale += Number(row.stale ?? 0);
    summary.completedWithDueDate += Number(row.completedWithDueDate ?? 0);
    summary.completedOnTime += Number(row.completedOnTime ?? 0);
  }
  summary.openOnTrack = summary.open - summary.overdue;
  return summary;
}

/** Whole percent, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}

// --- Institution view ------------------------------------------------------------

/** Items an institution owns or supports, readable by the actor, overdue first, then by due date. */
export async function listInstitutionItems(db: Db, scope: ItemReadScope, institutionId: string, options: { today?: string; limit?: number } = {}) {
  const today = options.today ?? todayInSarajevo();
  const rows = await db
    .selectFrom('actionItem')
    .select([
      'actionItem.id',
      'actionItem.code',
      'actionItem.title',
      'actionItem.status',
      'actionItem.priority',
      'actionItem.dueDate',
      'actionItem.progress',
      'actionItem.primaryCbm',
      'actionItem.ownerInstitutionId',
      'actionItem.tlp',
    ])
    .where(readableItems(scope))
    .where((eb) =>
      eb.or([
        eb('actionItem.ownerInstitutionId', '=', institutionId),
        eb('actionItem.id', 'in', eb.selectFrom('actionItemSupporter').select('actionItemSupporter.itemId').where('actionItemSupporter.institutionId', '=', institutionId)),
      ]),
    )
    .orderBy(sql`case when ${overdueExpr(today)} then 0 else 1 end`)
    .orderBy(sql`case when "actionItem"."dueDate" is null then 1 else 0 end`)
    .orderBy('actionItem.dueDate')
    .orderBy('actionItem.code')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map((row) => ({
    ...row,
    progress: Number(row.progress),
    primaryCbm: Number(row.primaryCbm),
    role: row.ownerInstitutionId === institutionId ? ('owner' as const) : ('supporter' as const),
    overdue: isOverdue(row, today),
  }));
}

// The public progress page's queries are in app/models/public-progress.server.ts.

/** Where a page's count is narrowed to one CBM or one owner, so is its hidden count. */
export interface HiddenItemsAmong {
  cbm?: number;
  ownerInstitutionId?: string;
}

/**
 * How many items the scope hides, over the whole tracker or under one CBM or
 * one owner: the reader learns that a page's count is not the tracker's total,
 * and nothing else. Only a count leaves the database. It never follows the
 * search or the other filters, so a search cannot probe hidden items' words;
 * a CBM or an owner is a structure the reader can see anyway.
 */
export async function countHiddenItems(db: Db, scope: ItemReadScope, among: HiddenItemsAmong = {}): Promise<number> {
  let query = db
    .selectFrom('actionItem')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where((eb) => eb.not(readableItems(scope)(eb)));
  if (among.ownerInstitutionId !== undefined) query = query.where('actionItem.ownerInstitutionId', '=', among.ownerInstitutionId);
  if (among.cbm !== undefined) {
    const cbm = among.cbm;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('actionItemCbm').select('actionItemCbm.itemId').whereRef('actionItemCbm.itemId', '=', 'actionItem.id').where('actionItemCbm.cbmNumber', '=', cbm)),
    );
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
