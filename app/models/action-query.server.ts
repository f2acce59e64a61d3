import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type InferResult, type SqlBool } from 'kysely';
import { dialectOf, type Db } from '../../db/client.server.ts';
import { ACTION_PRIORITIES, ACTION_STATUSES, type ActionStatus, type Database, type Sector } from '../../db/schema.ts';
import type { ItemReadScope } from '../policies/action-item-access.ts';
import { foldForSearch } from '../utils/search-text.ts';
import type { ActionFilters, ListCursor } from '../schemas/action-filters.ts';
import { CLOSED_STATUSES, DUE_SOON_DAYS, STALE_DAYS, isOverdue, shiftDate, todayInSarajevo } from '../utils/action-dates.ts';

/**
 * The read side of the tracker: filtered lists, the CBM matrix, the dashboard
 * and the public progress page. Every filter and aggregate runs in SQL (with
 * the indexes of db/migrations/2026-11-23-05-tracker.ts), the same text on
 * SQLite and PostgreSQL, and every query is scoped by `readableItems`, the
 * SQL twin of `mayReadItem` in app/policies/action-item-access.ts.
 */

const DEFAULT_PAGE_SIZE = 50;

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
export function filteredItems(db: Db, scope: ItemReadScope, filters: ActionFilters, today: string, searchIn: readonly SearchColumn[] = MEMBER_SEARCH, cbmCheck: 'in' | 'exists' = 'in') {
  let query = db
    .selectFrom('actionItem')
    .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
    .leftJoin('pillar', 'pillar.code', 'actionItem.pillarCode')
    .where(readableItems(scope));
  if (filters.cbm !== undefined) {
    const cbm = filters.cbm;
    // `in` lets the database start from the CBM's items (counting them); `exists` checks each item as an
    // index read in the list's order meets it, so a page stops after its rows (see buildActionItemQueries).
    query =
      cbmCheck === 'in'
        ? query.where('actionItem.id', 'in', (eb) => eb.selectFrom('actionItemCbm').select('actionItemCbm.itemId').where('actionItemCbm.cbmNumber', '=', cbm))
        : query.where((eb) =>
            eb.exists(eb.selectFrom('actionItemCbm').select('actionItemCbm.itemId').whereRef('actionItemCbm.itemId', '=', 'actionItem.id').where('actionItemCbm.cbmNumber', '=', cbm)),
          );
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

/** One term of a list's order: the SQL, its direction, and the value a row holds for it (what a cursor keeps). */
interface OrderTerm {
  expression: Expression<unknown>;
  dir: 'asc' | 'desc';
  kind: 'string' | 'number' | 'nullable-string';
  value: (row: ListRowKeys) => string | number | null;
}

interface ListRowKeys {
  id: string;
  code: string;
  dueDate: string | null;
  status: string;
  priority: string;
  progress: number | string;
  updatedAt: string;
  ownerSortKey: string;
}

const STATUS_RANK = sql<number>`case ${sql.join(ACTION_STATUSES.map((s, i) => sql`when "actionItem"."status" = ${sql.lit(s)} then ${sql.lit(i)}`), sql` `)} end`;
const PRIORITY_RANK = sql<number>`case ${sql.join(ACTION_PRIORITIES.map((p, i) => sql`when "actionItem"."priority" = ${sql.lit(p)} then ${sql.lit(i)}`), sql` `)} end`;
const NO_DUE_DATE = sql<number>`case when "actionItem"."dueDate" is null then 1 else 0 end`;
const OWNER_SORT_KEY = sql<string>`lower("owner"."name")`;

/**
 * The order of a list, ending in code and id so that every row has a place of
 * its own: a cursor can then say "after this row" for any sort.
 */
function sortOf(filters: ActionFilters) {
  const sort = filters.sort ?? 'code';
  return { sort, dir: filters.dir ?? (sort === 'updated' ? 'desc' : 'asc') } as const;
}

function orderTerms(filters: ActionFilters): OrderTerm[] {
  const { sort, dir } = sortOf(filters);
  const code: OrderTerm = { expression: sql.ref('actionItem.code'), dir: 'asc', kind: 'string', value: (r) => r.code };
  const id: OrderTerm = { expression: sql.ref('actionItem.id'), dir: 'asc', kind: 'string', value: (r) => r.id };
  const first = ((): OrderTerm[] => {
    switch (sort) {
      case 'due':
        // Items without a due date come last in both directions.
        return [
          { expression: NO_DUE_DATE, dir: 'asc', kind: 'number', value: (r) => (r.dueDate === null ? 1 : 0) },
          { expression: sql.ref('actionItem.dueDate'), dir, kind: 'nullable-string', value: (r) => r.dueDate },
        ];
      case 'status':
        return [{ expression: STATUS_RANK, dir, kind: 'number', value: (r) => ACTION_STATUSES.indexOf(r.status as ActionStatus) }];
      case 'priority':
        return [{ expression: PRIORITY_RANK, dir, kind: 'number', value: (r) => (ACTION_PRIORITIES as readonly string[]).indexOf(r.priority) }];
      case 'progress':
        return [{ expression: sql.ref('actionItem.progress'), dir, kind: 'number', value: (r) => Number(r.progress) }];
      case 'updated':
        return [{ expression: sql.ref('actionItem.updatedAt'), dir, kind: 'string', value: (r) => r.updatedAt }];
      case 'owner':
        return [{ expression: OWNER_SORT_KEY, dir, kind: 'string', value: (r) => r.ownerSortKey }];
      case 'code':
        return [{ ...code, dir }];
    }
  })();
  return sort === 'code' ? [...first, id] : [...first, code, id];
}

function sortTag(filters: ActionFilters): string {
  const { sort, dir } = sortOf(filters);
  return `${sort}-${dir}`;
}

/** The cursor's values, when they fit the sort's terms; otherwise undefined (the first page). */
function cursorValues(filters: ActionFilters, terms: OrderTerm[], cursor: ListCursor | undefined): (string | number | null)[] | undefined {
  if (!cursor || cursor.s !== sortTag(filters) || cursor.k.length !== terms.length) return undefined;
  const fits = terms.every((term, i) => {
    const value = cursor.k[i];
    return term.kind === 'number' ? typeof value === 'number' : term.kind === 'string' ? typeof value === 'string' : value === null || typeof value === 'string';
  });
  return fits ? cursor.k : undefined;
}

/**
 * Rows strictly after (or before) the cursor's row in the order of `terms`:
 * (t1 > v1) or (t1 = v1 and t2 > v2) or ..., each comparison following its
 * term's direction. Spelled out rather than as a row value because the terms
 * may mix directions (due date with items without one last).
 */
function beyondCursor(terms: OrderTerm[], values: (string | number | null)[], forward: boolean): Expression<SqlBool> {
  const equal = (term: OrderTerm, value: string | number | null) => (value === null ? sql<SqlBool>`${term.expression} is null` : sql<SqlBool>`${term.expression} = ${value}`);
  const beyond = (term: OrderTerm, value: string | number | null) => {
    // Nothing sorts beyond a missing due date within the items without one.
    if (value === null) return sql<SqlBool>`1 = 0`;
    const greater = (term.dir === 'asc') === forward;
    return greater ? sql<SqlBool>`${term.expression} > ${value}` : sql<SqlBool>`${term.expression} < ${value}`;
  };
  const branches = terms.map((term, j) => {
    const parts = [...terms.slice(0, j).map((t, i) => equal(t, values[i])), beyond(term, values[j])];
    return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

export interface ListQueryOptions extends QueryOptions {
  /** Read from this cursor instead of `offset` (see ListCursor). */
  cursor?: ListCursor;
}

/**
 * The due-date sort puts items without a due date last in both directions,
 * which no index gives in one read. Read as two runs instead, items with a due
 * date (in the order of the (column, dueDate) indexes) and then those without,
 * a page of rows stops after 51 index entries instead of sorting every match.
 */
type Segment = 'dated' | 'undated';

interface ListStep {
  segment: Segment | null;
  /** The cursor's values for this step's terms, or undefined to read from the start of the run. */
  values: (string | number | null)[] | undefined;
}

/** The runs a list reads, in reading order, and the cursor values each starts from. */
function listSteps(filters: ActionFilters, terms: OrderTerm[], values: (string | number | null)[] | undefined, forward: boolean, options: ListQueryOptions): ListStep[] {
  if (sortOf(filters).sort !== 'due' || options.offset) return [{ segment: null, values }];
  const undatedCursor = values !== undefined && values[0] === 1;
  // values: [no due date (0|1), dueDate, code, id]; a run's terms drop the first (and, without a date, the second).
  const dated: ListStep = { segment: 'dated', values: values && !undatedCursor ? values.slice(1) : undefined };
  const undated: ListStep = { segment: 'undated', values: values && undatedCursor ? values.slice(2) : undefined };
  if (forward) return undatedCursor ? [undated] : [dated, undated];
  return undatedCursor ? [undated, dated] : [dated];
}

function segmentTerms(terms: OrderTerm[], segment: Segment | null): OrderTerm[] {
  return segment === 'dated' ? terms.slice(1) : segment === 'undated' ? terms.slice(2) : terms;
}

/** The list query behind /actions, without running it (the benchmark compiles it): one statement per run of `steps`. */
export function buildActionItemQueries(db: Db, scope: ItemReadScope, filters: ActionFilters, options: ListQueryOptions = {}) {
  const today = options.today ?? todayInSarajevo();
  const terms = orderTerms(filters);
  const values = cursorValues(filters, terms, options.cursor);
  const forward = values === undefined || options.cursor?.d !== 'before';
  const { sort } = sortOf(filters);
  // Orders an index can give (by code; by due date, run by run) meet the CBM check row by row.
  const base = filteredItems(db, scope, filters, today, MEMBER_SEARCH, sort === 'code' || sort === 'due' ? 'exists' : 'in');
  const statement = (step: ListStep) => {
    const stepTerms = segmentTerms(terms, step.segment);
    let rows = base.select([
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
      // The owner sort's key as SQL computes it, so a cursor compares like with like.
      OWNER_SORT_KEY.as('ownerSortKey'),
    ]);
    if (step.segment === 'dated') rows = rows.where('actionItem.dueDate', 'is not', null);
    if (step.segment === 'undated') rows = rows.where('actionItem.dueDate', 'is', null);
    if (step.values !== undefined) rows = rows.where(beyondCursor(stepTerms, step.values, forward));
    // Read backwards for "previous": the order flipped, the rows put back the right way round by the caller.
    for (const term of stepTerms) rows = rows.orderBy(sql`${term.expression} ${sql.raw(forward === (term.dir === 'asc') ? 'asc' : 'desc')}`);
    if (options.limit !== undefined) rows = rows.limit(options.limit);
    if (options.offset && values === undefined) rows = rows.offset(options.offset);
    return rows;
  };
  const steps = listSteps(filters, terms, values, forward, options).map(statement);
  // `rows` is the first run: the whole page, unless the page reaches the items without a due date.
  return { rows: steps[0], steps, today, terms, cursorUsed: values !== undefined, forward };
}

type ListRow = InferResult<ReturnType<typeof buildActionItemQueries>['rows']>[number];

/**
 * Building and compiling the list query costs about as much as running it on
 * a small page, and the same views (the dashboard's lists, a shared filter
 * link, the first page of /actions) are asked for again and again. The SQL
 * depends on the viewer only through the read scope, so compiled queries are
 * kept per (dialect, scope, filters, cursor, page size, today), for a bounded number.
 */
const compiledLists = new Map<string, { queries: CompiledQuery<ListRow>[]; terms: OrderTerm[]; cursorUsed: boolean; forward: boolean }>();
const COMPILED_LISTS_MAX = 500;

function compiledListQuery(db: Db, scope: ItemReadScope, filters: ActionFilters, options: ListQueryOptions & { today: string }) {
  const key = JSON.stringify([dialectOf(db), scope, filters, options.today, options.limit ?? null, options.offset ?? 0, options.cursor ?? null]);
  let compiled = compiledLists.get(key);
  if (compiled) {
    // Most recently used last, so the oldest entry is the one dropped.
    compiledLists.delete(key);
  } else {
    const built = buildActionItemQueries(db, scope, filters, options);
    compiled = { queries: built.steps.map((step) => step.compile()), terms: built.terms, cursorUsed: built.cursorUsed, forward: built.forward };
    if (compiledLists.size >= COMPILED_LISTS_MAX) compiledLists.delete(compiledLists.keys().next().value!);
  }
  compiledLists.set(key, compiled);
  return compiled;
}

/** The rows of a list's runs in reading order, stopping once `limit` rows are read. */
async function readSteps(db: Db, queries: CompiledQuery<ListRow>[], limit: number | undefined): Promise<ListRow[]> {
  const found: ListRow[] = [];
  for (const query of queries) {
    if (limit !== undefined && found.length >= limit) break;
    found.push(...(await db.executeQuery(query)).rows);
  }
  return limit === undefined ? found : found.slice(0, limit);
}

/** Every CBM of each item (primary included), in number order. */
export async function cbmsOf(db: Db, ids: string[]): Promise<Map<string, number[]>> {
  const map = new Map<string, number[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await db.selectFrom('actionItemCbm').select(['itemId', 'cbmNumber']).where('itemId', 'in', ids).orderBy('itemId').orderBy('cbmNumber').execute();
  for (const row of rows) map.get(row.itemId)?.push(Number(row.cbmNumber));
  return map;
}

/**
 * The filters the maintained counts answer (docs/decisions/026): none, a CBM
 * or a pillar (not both), and statuses. Anything else is counted over the items.
 */
function countableFromTally(filters: ActionFilters): boolean {
  const narrowing = [filters.tag, filters.owner, filters.sector, filters.priority, filters.funding, filters.plan, filters.q].some((v) => v !== undefined);
  return !narrowing && !filters.overdue && !filters.dueSoon && !filters.stale && !(filters.cbm !== undefined && filters.pillar !== undefined);
}

/**
 * The labels no-one-in-particular reads come from the counts; the items an
 * institution reads because it owns or supports them are counted over its own
 * items (owner and supporter indexes). The two sets never overlap: a label is
 * in one tier only.
 */
function ownItems(scope: ItemReadScope) {
  return (eb: ItemEb): Expression<SqlBool> => {
    const own = [...scope.involved, ...scope.closest];
    if (scope.institutionId === null || own.length === 0) return sql<SqlBool>`1 = 0`;
    const branches: Expression<SqlBool>[] = [eb.and([eb('actionItem.ownerInstitutionId', '=', scope.institutionId), eb('actionItem.tlp', 'in', own)])];
    if (scope.involved.length > 0) {
      branches.push(
        eb.and([
          eb('actionItem.tlp', 'in', scope.involved),
          eb('actionItem.ownerInstitutionId', '<>', scope.institutionId),
          eb('actionItem.id', 'in', eb.selectFrom('actionItemSupporter').select('actionItemSupporter.itemId').where('actionItemSupporter.institutionId', '=', scope.institutionId)),
        ]),
      );
    }
    return eb.or(branches);
  };
}

const ONLY_OWN = (scope: ItemReadScope): ItemReadScope => ({ ...scope, everyone: [] });

/**
 * The statements that count the matching items, compiled: one over the items
 * when the filters need it, otherwise the maintained counts plus the
 * reader's own items. Each returns one row { count }.
 */
export function countActionItemQueries(db: Db, scope: ItemReadScope, filters: ActionFilters, today: string): CompiledQuery<{ count: number | string | null }>[] {
  if (!countableFromTally(filters)) return [filteredItems(db, scope, filters, today).select((eb) => eb.fn.countAll<number | string>().as('count')).compile()];
  const queries: CompiledQuery<{ count: number | string | null }>[] = [];
  if (scope.everyone.length > 0) {
    queries.push(
      db
        .selectFrom('actionItemTally')
        .select((eb) => eb.fn.sum<number | string>('items').as('count'))
        .where('cbmNumber', '=', filters.cbm ?? 0)
        .where('tlp', 'in', scope.everyone)
        .$if(filters.pillar !== undefined, (q) => q.where('pillarCode', '=', filters.pillar!))
        .$if(filters.status.length > 0, (q) => q.where('status', 'in', filters.status))
        .compile(),
    );
  }
  if (scope.institutionId !== null && scope.involved.length + scope.closest.length > 0) {
    queries.push(
      // The CBM checked per item: the reader's own items are few, the CBM's many.
      filteredItems(db, ONLY_OWN(scope), filters, today, MEMBER_SEARCH, 'exists')
        .where(ownItems(scope))
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .compile(),
    );
  }
  return queries;
}

/** Compiled statements kept per shape and values, as the list queries are (see compiledListQuery). */
const compiledCounts = new Map<string, CompiledQuery<{ count: number | string | null }>[]>();

/** How many items match, without reading them when the maintained counts can say. */
export async function countActionItems(db: Db, scope: ItemReadScope, filters: ActionFilters, today: string): Promise<number> {
  const key = JSON.stringify([dialectOf(db), scope, { ...filters, cursor: undefined }, today]);
  let queries = compiledCounts.get(key);
  if (!queries) {
    queries = countActionItemQueries(db, scope, filters, today);
    if (compiledCounts.size >= COMPILED_LISTS_MAX) compiledCounts.delete(compiledCounts.keys().next().value!);
    compiledCounts.set(key, queries);
  }
  const results = await Promise.all(queries.map((query) => db.executeQuery(query)));
  return results.reduce((sum, result) => sum + Number(result.rows[0]?.count ?? 0), 0);
}

export type ActionItemListRow = Awaited<ReturnType<typeof queryActionItems>>['rows'][number];

/**
 * Rows of the items a person may read, filtered and sorted in SQL, with the
 * total. `cursor` reads the rows after (or before) a row, in the list's order;
 * without `limit`, every matching row (exports use `iterateActionItems`).
 */
export async function queryActionItems(db: Db, scope: ItemReadScope, filters: ActionFilters, options: ListQueryOptions = {}) {
  const today = options.today ?? todayInSarajevo();
  const compiled = compiledListQuery(db, scope, filters, { ...options, today });
  const [found, total] = await Promise.all([readSteps(db, compiled.queries, options.limit), countActionItems(db, scope, filters, today)]);
  const rows = compiled.forward ? found : [...found].reverse();
  const cbms = await cbmsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    total,
    terms: compiled.terms,
    cursorUsed: compiled.cursorUsed,
    rows: rows.map((row) => ({
      ...row,
      primaryCbm: Number(row.primaryCbm),
      progress: Number(row.progress),
      ownerSector: row.ownerSector as Sector,
      cbms: cbms.get(row.id) ?? [],
      overdue: isOverdue(row, today),
    })),
  };
}

/** The cursor that starts reading from `row`, in the direction given. */
function cursorAt(filters: ActionFilters, terms: OrderTerm[], row: ListRowKeys, d: ListCursor['d'], o: number): ListCursor {
  return { d, s: sortTag(filters), k: terms.map((term) => term.value(row)), o: Math.max(0, o) };
}

/**
 * One page of /actions: 50 rows (`pageSize` in tests) from the filters' cursor (the first
 * page without one), the total, where the page starts, and the cursors of the
 * next and previous pages (null at either end). One row more than a page is
 * read to know whether there is a next page.
 */
export async function queryActionItemPage(db: Db, scope: ItemReadScope, filters: ActionFilters, options: { today?: string; pageSize?: number } = {}) {
  const { pageSize: PAGE_SIZE = DEFAULT_PAGE_SIZE, ...rest } = options;
  options = rest;
  const cursor = filters.cursor;
  const unfiltered = { ...filters, cursor: undefined };
  let result = await queryActionItems(db, scope, unfiltered, { ...options, limit: PAGE_SIZE + 1, cursor });
  let backwards = result.cursorUsed && cursor?.d === 'before';
  // Nothing after the cursor (its rows were deleted, or it was made up), or
  // fewer than a page before it: the first page, as without a cursor.
  if (result.cursorUsed && (result.rows.length === 0 || (backwards && result.rows.length <= PAGE_SIZE))) {
    result = await queryActionItems(db, scope, unfiltered, { ...options, limit: PAGE_SIZE + 1 });
    backwards = false;
  }
  const more = result.rows.length > PAGE_SIZE;
  // Reading backwards, the extra row is the first one; forwards, the last.
  const rows = more ? (backwards ? result.rows.slice(1) : result.rows.slice(0, PAGE_SIZE)) : result.rows;
  const start = result.cursorUsed ? Math.max(0, Math.min(cursor!.o, result.total - rows.length)) : 0;
  const hasPrevious = result.cursorUsed;
  const hasNext = backwards || more;
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    total: result.total,
    rows: rows.map(({ ownerSortKey: _ownerSortKey, ...row }) => row),
    pageSize: PAGE_SIZE,
    /** Position of the first row (0-based). */
    start,
    next: hasNext && last ? cursorAt(filters, result.terms, last, 'after', start + rows.length) : null,
    previous: hasPrevious && first ? cursorAt(filters, result.terms, first, 'before', start - PAGE_SIZE) : null,
  };
}

/**
 * Every matching item, a page at a time, with the fields an export needs
 * (description, tags, supporters, budget). Memory stays flat at any size.
 */
export async function* iterateActionItems(db: Db, scope: ItemReadScope, filters: ActionFilters, options: { today?: string; batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 500;
  const today = options.today ?? todayInSarajevo();
  // Batch after batch from the last row read (a keyset), so the thousandth batch costs what the first does.
  let cursor: ListCursor | undefined;
  for (let read = 0; ; read += batchSize) {
    const { rows, terms } = await queryActionItems(db, scope, { ...filters, cursor: undefined }, { today, limit: batchSize, cursor });
    if (rows.length === 0) return;
    cursor = cursorAt(filters, terms, rows[rows.length - 1], 'after', read + rows.length);
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
 * The coverage rows from the maintained counts (docs/decisions/026): labels
 * everyone in the scope reads from `actionItemTally`; overdue from
 * `actionItemDueTally` for months before this one, plus the items due earlier
 * this month counted over the items (the dueDate index, one month of them);
 * and the items the reader's institution reads as owner or supporter, counted
 * over its own items. `by` picks CBM rows (1–16) or the per-item rows by pillar.
 */
type CoverageCountRow = { key: string; status: ActionStatus; count: number | string; overdue: number | string | null };

/**
 * The statements behind the maintained coverage, compiled (the benchmark runs
 * the same SQL bare). Each returns rows of { key, status, count, overdue }.
 */
export function maintainedCoverageQueries(db: Db, scope: ItemReadScope, today: string, by: 'cbm' | 'pillar'): CompiledQuery<CoverageCountRow>[] {
  const month = today.slice(0, 7);
  const everyone = scope.everyone;
  const key = by === 'cbm' ? sql<string>`cast("cbmNumber" as text)` : sql<string>`"pillarCode"`;
  const tallied = by === 'cbm' ? sql<SqlBool>`"cbmNumber" > 0` : sql<SqlBool>`"cbmNumber" = 0`;
  const queries: CompiledQuery<CoverageCountRow>[] = [];
  if (everyone.length > 0) {
    queries.push(
      db
        .selectFrom('actionItemTally')
        .select([key.as('key'), 'status', (eb) => eb.fn.sum<number | string>('items').as('count'), sql<number>`0`.as('overdue')])
        .where(tallied)
        .where('tlp', 'in', everyone)
        .groupBy(['cbmNumber', 'pillarCode', 'status'])
        .compile(),
      db
        .selectFrom('actionItemDueTally')
        .select([key.as('key'), sql<ActionStatus>`'not_started'`.as('status'), sql<number>`0`.as('count'), (eb) => eb.fn.sum<number | string>('items').as('overdue')])
        .where(tallied)
        .where('tlp', 'in', everyone)
        .where('dueMonth', '<', month)
        .groupBy(['cbmNumber', 'pillarCode'])
        .compile(),
    );
    // Due earlier this month: read from the dueDate index, at most a month of items.
    const dueThisMonthBase = () => db.selectFrom('actionItem');
    const thisMonth = (q: ReturnType<typeof dueThisMonthBase>) =>
      q.where('actionItem.dueDate', '>=', `${month}-01`).where('actionItem.dueDate', '<', today).where(OPEN).where('actionItem.tlp', 'in', everyone);
    queries.push(
      by === 'cbm'
        ? thisMonth(dueThisMonthBase())
            .innerJoin('actionItemCbm', 'actionItemCbm.itemId', 'actionItem.id')
            .select([sql<string>`cast("actionItemCbm"."cbmNumber" as text)`.as('key'), sql<ActionStatus>`'not_started'`.as('status'), sql<number>`0`.as('count'), (eb) => eb.fn.countAll<number | string>().as('overdue')])
            .groupBy('actionItemCbm.cbmNumber')
            .compile()
        : thisMonth(dueThisMonthBase())
            .select([sql<string>`coalesce("actionItem"."pillarCode", '')`.as('key'), sql<ActionStatus>`'not_started'`.as('status'), sql<number>`0`.as('count'), (eb) => eb.fn.countAll<number | string>().as('overdue')])
            .groupBy(sql`coalesce("actionItem"."pillarCode", '')`)
            .compile(),
    );
  }
  if (scope.institutionId !== null && scope.involved.length + scope.closest.length > 0) {
    queries.push(
      by === 'cbm'
        ? db
            .selectFrom('actionItemCbm')
            .innerJoin('actionItem', 'actionItem.id', 'actionItemCbm.itemId')
            .select([sql<string>`cast("actionItemCbm"."cbmNumber" as text)`.as('key'), 'actionItem.status', (eb) => eb.fn.countAll<number | string>().as('count'), countIf(overdueExpr(today)).as('overdue')])
            .where(ownItems(scope))
            .groupBy(['actionItemCbm.cbmNumber', 'actionItem.status'])
            .compile()
        : db
            .selectFrom('actionItem')
            .select([sql<string>`coalesce("actionItem"."pillarCode", '')`.as('key'), 'actionItem.status', (eb) => eb.fn.countAll<number | string>().as('count'), countIf(overdueExpr(today)).as('overdue')])
            .where(ownItems(scope))
            .groupBy([sql`coalesce("actionItem"."pillarCode", '')`, 'actionItem.status'])
            .compile(),
    );
  }
  return queries;
}

/**
 * The coverage rows from the maintained counts (docs/decisions/026): labels
 * everyone in the scope reads from `actionItemTally`; overdue from
 * `actionItemDueTally` for months before this one, plus the items due earlier
 * this month counted over the items; and the items the reader's institution
 * reads as owner or supporter, counted over its own items.
 */
async function maintainedCoverage(db: Db, scope: ItemReadScope, today: string, by: 'cbm' | 'pillar'): Promise<CoverageCountRow[]> {
  const results = await Promise.all(maintainedCoverageQueries(db, scope, today, by).map((query) => db.executeQuery(query)));
  return results.flatMap((result) => result.rows);
}

/**
 * The CBM coverage matrix: for each of the 16 CBMs, the items implementing it
 * (primary or not) by status, with the overdue ones. From the maintained
 * counts; over the items only for a public page's filtered subset.
 */
export async function cbmCoverage(db: Db, scope: ItemReadScope, options: { today?: string; only?: ItemSubset } = {}): Promise<Map<number, CoverageRow>> {
  const today = options.today ?? todayInSarajevo();
  const cbms = Array.from({ length: 16 }, (_, i) => i + 1);
  if (options.only === undefined) {
    const rows = await maintainedCoverage(db, scope, today, 'cbm');
    return collect(
      rows.map((r) => ({ ...r, key: Number(r.key) })),
      cbms,
    );
  }
  const rows = await cbmCoverageQuery(db, scope, today, options.only).execute();
  return collect(
    rows.map((r) => ({ key: Number(r.cbmNumber), status: r.status, count: r.count, overdue: r.overdue })),
    cbms,
  );
}

function pillarCoverageQuery(db: Db, scope: ItemReadScope, today: string, only?: ItemSubset) {
  return db
    .selectFrom('actionItem')
    .select(['actionItem.pillarCode', 'actionItem.status', (eb) => eb.fn.countAll<number | string>().as('count'), countIf(overdueExpr(today)).as('overdue')])
    .where(readableItems(scope))
    .$if(only !== undefined, (q) => q.where(inSubset(db, scope, today, only!)))
    .groupBy(['actionItem.pillarCode', 'actionItem.status']);
}

/** The same by strategic pillar; items without a pillar come under the key ''. */
export async function pillarCoverage(db: Db, scope: ItemReadScope, options: { today?: string; only?: ItemSubset } = {}): Promise<Map<string, CoverageRow>> {
  const today = options.today ?? todayInSarajevo();
  const [rows, pillars] = await Promise.all([
    options.only === undefined
      ? maintainedCoverage(db, scope, today, 'pillar')
      : pillarCoverageQuery(db, scope, today, options.only)
          .execute()
          .then((found) => found.map((r) => ({ key: r.pillarCode ?? '', status: r.status, count: r.count, overdue: r.overdue }))),
    listPillars(db),
  ]);
  return collect(
    rows,
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
 * The dashboard's numbers. Totals by status and overdue come from the
 * maintained counts (the per-item rows, by pillar); the rest is counted over
 * the few items each number is about, each read from an index range: due in
 * the next days, not updated for a while, completed with a due date. An
 * item's completion date is the date of its latest update that set it to
 * completed, or, when it was completed through the edit form, the day of its
 * last change.
 */
export async function trackerSummary(db: Db, scope: ItemReadScope, options: { today?: string } = {}): Promise<TrackerSummary> {
  const today = options.today ?? todayInSarajevo();
  const completionDate = sql<string>`coalesce((select max("actionUpdate"."date") from "actionUpdate" where "actionUpdate"."itemId" = "actionItem"."id" and "actionUpdate"."statusTo" = 'completed'), substr("actionItem"."updatedAt", 1, 10))`;
  const countWhere = (condition: Expression<SqlBool>) =>
    db
      .selectFrom('actionItem')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where(readableItems(scope))
      .where(condition)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count));
  const [rows, dueSoon, stale, completed] = await Promise.all([
    maintainedCoverage(db, scope, today, 'pillar'),
    countWhere(dueSoonExpr(today)),
    countWhere(staleExpr(today)),
    db
      .selectFrom('actionItem')
      .select([(eb) => eb.fn.countAll<number | string>().as('withDueDate'), countIf(sql<SqlBool>`${completionDate} <= "actionItem"."dueDate"`).as('onTime')])
      .where(readableItems(scope))
      .where('actionItem.status', '=', 'completed')
      .where('actionItem.dueDate', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  const summary: TrackerSummary = {
    byStatus: emptyCounts(),
    total: 0,
    open: 0,
    overdue: 0,
    dueSoon,
    stale,
    openOnTrack: 0,
    completedWithDueDate: Number(completed.withDueDate),
    completedOnTime: Number(completed.onTime ?? 0),
  };
  for (const row of rows) {
    const count = Number(row.count);
    summary.byStatus[row.status] += count;
    summary.total += count;
    if (!CLOSED_STATUSES.includes(row.status)) summary.open += count;
    summary.overdue += Number(row.overdue ?? 0);
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
  if (among.ownerInstitutionId === undefined) return countHiddenFromTally(db, scope, among.cbm);
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

/**
 * The same over the whole tracker or one CBM, from the maintained counts
 * (docs/decisions/026): the items under labels outside the scope's "everyone"
 * tier, less those of them the reader's institution reads as owner or
 * supporter (its own items, counted over the owner and supporter indexes).
 * Two statements, so a change committed between them can make the number
 * off by one until the next page load; it is a hint beside a total, not a
 * figure anything adds up.
 */
async function countHiddenFromTally(db: Db, scope: ItemReadScope, cbm: number | undefined): Promise<number> {
  const outside = db
    .selectFrom('actionItemTally')
    .select((eb) => eb.fn.sum<number | string>('items').as('count'))
    .where('cbmNumber', '=', cbm ?? 0)
    .$if(scope.everyone.length > 0, (q) => q.where('tlp', 'not in', scope.everyone))
    .executeTakeFirst();
  const hasOwn = scope.institutionId !== null && scope.involved.length + scope.closest.length > 0;
  const own = hasOwn
    ? db
        .selectFrom('actionItem')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where(ownItems(scope))
        .$if(cbm !== undefined, (q) =>
          q.where((eb) =>
            eb.exists(eb.selectFrom('actionItemCbm').select('actionItemCbm.itemId').whereRef('actionItemCbm.itemId', '=', 'actionItem.id').where('actionItemCbm.cbmNumber', '=', cbm!)),
          ),
        )
        .executeTakeFirst()
    : Promise.resolve({ count: 0 });
  const [hidden, readable] = await Promise.all([outside, own]);
  return Math.max(0, Number(hidden?.count ?? 0) - Number(readable?.count ?? 0));
}
