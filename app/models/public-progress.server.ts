import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { ActionStatus } from '../../db/schema.ts';
import type { ItemReadScope } from '../policies/action-item-access.ts';
import type { ActionFilters } from '../schemas/action-filters.ts';
import { isOverdue, todayInSarajevo } from '../utils/action-dates.ts';
import { cbmsOf, filteredItems, readableItems, type ItemSubset, type SearchColumn } from './action-query.server.ts';
import { institutionNameIn } from './institution.server.ts';

/**
 * The SQL of the public progress pages (/progress, its item pages, CSV and
 * Atom feed). Every query is scoped by `readableItems` with the public's
 * scope, so only TLP:CLEAR items (as they are now) appear, and each selects
 * its columns by name: an item's description, budget, tags, supporters,
 * indicators, evidence and comments, and the note and author of a progress
 * update, are never read here.
 */

/** The public searches only the code and title it is shown: searching descriptions would reveal words of a text it cannot read. */
export const PUBLIC_SEARCH: readonly SearchColumn[] = ['actionItem.code', 'actionItem.title'];

export function publicSubset(filters: ActionFilters): ItemSubset {
  return { filters, searchIn: PUBLIC_SEARCH };
}

export interface PublicListOptions {
  limit: number;
  offset: number;
  /** The reader's language, for institution names (English when absent). */
  language?: string;
  today?: string;
}

/** One page of the public items under the filters, by code, with the total of the whole filtered set. */
export async function listPublicProgress(db: Db, scope: ItemReadScope, filters: ActionFilters, options: PublicListOptions) {
  const today = options.today ?? todayInSarajevo();
  const base = filteredItems(db, scope, filters, today, PUBLIC_SEARCH);
  const ownerName = institutionNameIn(options.language, 'owner.id', 'owner.name');
  const [rows, count] = await Promise.all([
    base
      .select([
        'actionItem.id',
        'actionItem.code',
        'actionItem.title',
        'actionItem.ownerInstitutionId',
        ownerName.as('ownerName'),
        'owner.acronym as ownerAcronym',
        'actionItem.pillarCode',
        'actionItem.primaryCbm',
        'actionItem.status',
        'actionItem.dueDate',
        'actionItem.progress',
      ])
      .orderBy('actionItem.code')
      .orderBy('actionItem.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  const cbms = await cbmsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    total: Number(count.count),
    rows: rows.map((row) => ({
      ...row,
      primaryCbm: Number(row.primaryCbm),
      progress: Number(row.progress),
      cbms: cbms.get(row.id) ?? [],
      overdue: isOverdue(row, today),
    })),
  };
}

export type PublicProgressRow = Awaited<ReturnType<typeof listPublicProgress>>['rows'][number];

/** The institutions that own at least one public item, named and sorted in the reader's language: the owner filter's choices. */
export async function listPublicOwners(db: Db, scope: ItemReadScope, language?: string) {
  const name = institutionNameIn(language, 'owner.id', 'owner.name');
  return db
    .selectFrom('actionItem')
    .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
    .select(['owner.id', name.as('name'), 'owner.acronym'])
    .where(readableItems(scope))
    .groupBy(['owner.id', 'owner.name', 'owner.acronym'])
    .orderBy(sql`lower(${name})`)
    .orderBy('owner.id')
    .execute();
}

/** One public item with its owner, pillar and CBMs; undefined when it does not exist or is not public. */
export async function getPublicItem(db: Db, scope: ItemReadScope, id: string, language?: string) {
  const ownerName = institutionNameIn(language, 'owner.id', 'owner.name');
  const row = await db
    .selectFrom('actionItem')
    .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
    .leftJoin('pillar', 'pillar.code', 'actionItem.pillarCode')
    .select([
      'actionItem.id',
      'actionItem.code',
      'actionItem.title',
      ownerName.as('ownerName'),
      'owner.acronym as ownerAcronym',
      'actionItem.pillarCode',
      'pillar.name as pillarName',
      'actionItem.primaryCbm',
      'actionItem.status',
      'actionItem.dueDate',
      'actionItem.progress',
      'actionItem.updatedAt',
    ])
    .where(readableItems(scope))
    .where('actionItem.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const cbms = await cbmsOf(db, [row.id]);
  return { ...row, primaryCbm: Number(row.primaryCbm), progress: Number(row.progress), cbms: cbms.get(row.id) ?? [] };
}

/**
 * Progress updates have no "public" flag: their note may say anything. What
 * the public sees of an update is only what it changed on the item's public
 * fields: its date and the status and progress before and after. Updates
 * that changed neither (a note, evidence or an indicator only) are left out.
 */
const PUBLIC_UPDATE_COLUMNS = [
  'actionUpdate.id',
  'actionUpdate.itemId',
  'actionUpdate.date',
  'actionUpdate.createdAt',
  'actionUpdate.statusFrom',
  'actionUpdate.statusTo',
  'actionUpdate.progressFrom',
  'actionUpdate.progressTo',
] as const;

function publicChanges<R extends { statusFrom: ActionStatus | null; statusTo: ActionStatus | null; progressFrom: number | null; progressTo: number | null }>(row: R) {
  return {
    ...row,
    progressFrom: row.progressFrom === null ? null : Number(row.progressFrom),
    progressTo: row.progressTo === null ? null : Number(row.progressTo),
  };
}

function publicUpdates(db: Db, scope: ItemReadScope) {
  return db
    .selectFrom('actionUpdate')
    .innerJoin('actionItem', 'actionItem.id', 'actionUpdate.itemId')
    .where(readableItems(scope))
    .where((eb) => eb.or([eb('actionUpdate.statusTo', 'is not', null), eb('actionUpdate.progressTo', 'is not', null)]));
}

/** The public updates of one item, newest first. */
export async function listPublicItemUpdates(db: Db, scope: ItemReadScope, itemId: string, limit = 200) {
  const rows = await publicUpdates(db, scope)
    .select(PUBLIC_UPDATE_COLUMNS)
    .where('actionUpdate.itemId', '=', itemId)
    .orderBy('actionUpdate.date', 'desc')
    .orderBy('actionUpdate.createdAt', 'desc')
    .orderBy('actionUpdate.id')
    .limit(limit)
    .execute();
  return rows.map(publicChanges);
}

/** The newest public updates of every public item, with the item's code and title: the Atom feed. */
export async function listPublicUpdateFeed(db: Db, scope: ItemReadScope, limit: number) {
  const rows = await publicUpdates(db, scope)
    .select([...PUBLIC_UPDATE_COLUMNS, 'actionItem.code', 'actionItem.title'])
    .orderBy('actionUpdate.createdAt', 'desc')
    .orderBy('actionUpdate.id')
    .limit(limit)
    .execute();
  return rows.map(publicChanges);
}

export type PublicUpdate = Awaited<ReturnType<typeof listPublicItemUpdates>>[number];

/** Every public item's id and last change, for the sitemap. */
export async function listPublicItemPages(db: Db, scope: ItemReadScope) {
  return db.selectFrom('actionItem').select(['actionItem.id', 'actionItem.updatedAt']).where(readableItems(scope)).orderBy('actionItem.code').orderBy('actionItem.id').execute();
}
