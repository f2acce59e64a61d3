import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { ActionStatus, EvidenceKind, Tlp } from '../../db/schema.ts';
import type { ItemReadScope } from '../policies/action-item-access.ts';
import { CLOSED_STATUSES } from '../utils/action-dates.ts';
import type { ActionItemInput } from '../schemas/action-item.ts';
import type { NamedEntry } from '../utils/closest-names.ts';
import { createActionItem } from './action-item.server.ts';
import { readableItems } from './action-query.server.ts';
import { recordAudit } from './audit.server.ts';

/**
 * The SQL of the tracker's data in and out: the import's reference lists and
 * its one transaction, the OSCE CBM export and the progress report. Every read
 * is scoped by `readableItems`, the SQL twin of `mayReadItem`.
 */

/** The reference lists an import's rows are checked against. */
export interface ImportReference {
  institutions: NamedEntry[];
  pillarCodes: string[];
  /** Codes already used in the plan the rows go into. */
  existingCodes: string[];
  /** The institutions' names in the other languages (institutionName), read as the institution. */
  institutionNames?: { institutionId: string; name: string }[];
}

/** Active institutions (new links need one), pillar codes and the codes already in the plan. */
export async function loadImportReference(db: Db, planId: string): Promise<ImportReference> {
  const [institutions, pillars, codes, institutionNames] = await Promise.all([
    db.selectFrom('institution').select(['id', 'name', 'acronym', 'localName']).where('archivedAt', 'is', null).orderBy(sql`lower(name)`).execute(),
    db.selectFrom('pillar').select('code').orderBy('position').execute(),
    db.selectFrom('actionItem').select('code').where('planId', '=', planId).execute(),
    db.selectFrom('institutionName').select(['institutionId', 'name']).execute(),
  ]);
  return { institutions, pillarCodes: pillars.map((p) => p.code), existingCodes: codes.map((c) => c.code), institutionNames };
}

/** What the import template's example row is built from: the codes taken in these plans, the pillars in order, the active institutions. */
export async function loadTemplateReference(db: Db, planIds: string[]) {
  const [codes, pillars, institutions] = await Promise.all([
    planIds.length === 0 ? [] : db.selectFrom('actionItem').select('code').distinct().where('planId', 'in', planIds).execute(),
    db.selectFrom('pillar').select(['code', 'position']).orderBy('position').execute(),
    db.selectFrom('institution').select(['name', 'acronym']).where('archivedAt', 'is', null).orderBy(sql`lower(name)`).execute(),
  ]);
  return { takenCodes: codes.map((c) => c.code), pillars, institutions };
}

/**
 * Writes every imported item, or none: one transaction, one audit event for
 * the import. A code taken meanwhile by someone else fails the unique index
 * and rolls the whole import back.
 */
export async function importActionItems(db: Db, actorId: string, planId: string, inputs: ActionItemInput[], fileName: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const input of inputs) {
      ids.push(await createActionItem(trx, { ...input, planId }, actorId, 'import'));
      // Let other requests run between items: 5,000 of them take seconds.
      if (ids.length % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await recordAudit(trx, { actorId, action: 'action-item.import', entityType: 'document', entityId: planId, details: { count: ids.length, fileName } });
    return ids;
  });
}

export interface EvidenceSummary {
  id: string;
  kind: EvidenceKind;
  url: string | null;
  fileName: string | null;
  description: string;
}

export interface OsceItem {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  tlp: Tlp;
  ownerName: string;
  dueDate: string | null;
  progress: number;
  primary: boolean;
  evidence: EvidenceSummary[];
}

/** For each CBM 1–16, the readable items implementing it (primary first), with their evidence. */
export async function osceExport(db: Db, scope: ItemReadScope, options: { planId?: string } = {}): Promise<Map<number, OsceItem[]>> {
  let query = db
    .selectFrom('actionItemCbm')
    .innerJoin('actionItem', 'actionItem.id', 'actionItemCbm.itemId')
    .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
    .select([
      'actionItemCbm.cbmNumber',
      'actionItem.id',
      'actionItem.code',
      'actionItem.title',
      'actionItem.status',
      'actionItem.tlp',
      'actionItem.primaryCbm',
      'actionItem.dueDate',
      'actionItem.progress',
      'owner.name as ownerName',
    ])
    .where(readableItems(scope));
  if (options.planId) query = query.where('actionItem.planId', '=', options.planId);
  const rows = await query.orderBy('actionItemCbm.cbmNumber').orderBy(sql`case when "actionItem"."primaryCbm" = "actionItemCbm"."cbmNumber" then 0 else 1 end`).orderBy('actionItem.code').execute();
  const evidence = await evidenceOf(db, [...new Set(rows.map((r) => r.id))]);
  const byCbm = new Map<number, OsceItem[]>(Array.from({ length: 16 }, (_, i) => [i + 1, []]));
  for (const row of rows) {
    const cbm = Number(row.cbmNumber);
    byCbm.get(cbm)?.push({
      id: row.id,
      code: row.code,
      title: row.title,
      status: row.status,
      tlp: row.tlp,
      ownerName: row.ownerName,
      dueDate: row.dueDate,
      progress: Number(row.progress),
      primary: Number(row.primaryCbm) === cbm,
      evidence: evidence.get(row.id) ?? [],
    });
  }
  return byCbm;
}

async function evidenceOf(db: Db, itemIds: string[]): Promise<Map<string, EvidenceSummary[]>> {
  const map = new Map<string, EvidenceSummary[]>();
  // Chunks keep the IN list within every driver's parameter limit.
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom('actionEvidence')
      .select(['id', 'itemId', 'kind', 'url', 'fileName', 'description'])
      .where('itemId', 'in', itemIds.slice(i, i + 500))
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    for (const { itemId, ...row } of rows) map.set(itemId, [...(map.get(itemId) ?? []), row]);
  }
  return map;
}

export interface ReportItem {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  tlp: Tlp;
  ownerName: string;
  dueDate: string | null;
  progress: number;
  pillarCode: string | null;
  cbms: number[];
  /** For completed items: the day of the update that completed it, within the range. */
  completedOn?: string;
}

export interface ReportNote {
  id: string;
  itemId: string;
  code: string;
  title: string;
  tlp: Tlp;
  date: string;
  body: string;
  authorName: string;
  institutionName: string;
  statusTo: ActionStatus | null;
  progressTo: number | null;
}

const REPORT_ITEM_COLUMNS = [
  'actionItem.id',
  'actionItem.code',
  'actionItem.title',
  'actionItem.status',
  'actionItem.tlp',
  'actionItem.dueDate',
  'actionItem.progress',
  'actionItem.pillarCode',
  'owner.name as ownerName',
] as const;

async function withCbms<T extends { id: string; progress: number | string }>(db: Db, rows: T[]): Promise<(T & { cbms: number[]; progress: number })[]> {
  const cbms = new Map<string, number[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const links = await db.selectFrom('actionItemCbm').select(['itemId', 'cbmNumber']).where('itemId', 'in', ids.slice(i, i + 500)).orderBy('cbmNumber').execute();
    for (const link of links) cbms.set(link.itemId, [...(cbms.get(link.itemId) ?? []), Number(link.cbmNumber)]);
  }
  return rows.map((row) => ({ ...row, progress: Number(row.progress), cbms: cbms.get(row.id) ?? [] }));
}

/**
 * The facts of a progress report for a date range: items completed in the
 * range (by the update that completed them), items overdue on `asOf`, and the
 * latest progress notes in the range.
 */
export async function progressReport(db: Db, scope: ItemReadScope, range: { from: string; to: string; asOf: string; notesLimit?: number }) {
  const completedOn = sql<string>`(select max("actionUpdate"."date") from "actionUpdate" where "actionUpdate"."itemId" = "actionItem"."id" and "actionUpdate"."statusTo" = 'completed' and "actionUpdate"."date" >= ${range.from} and "actionUpdate"."date" <= ${range.to})`;
  const [completed, overdue, notes] = await Promise.all([
    db
      .selectFrom('actionItem')
      .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
      .select([...REPORT_ITEM_COLUMNS, completedOn.as('completedOn')])
      .where(readableItems(scope))
      .where('actionItem.status', '=', 'completed')
      .where(sql<SqlBool>`${completedOn} is not null`)
      .orderBy('actionItem.code')
      .execute(),
    db
      .selectFrom('actionItem')
      .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
      .select(REPORT_ITEM_COLUMNS)
      .where(readableItems(scope))
      .where('actionItem.dueDate', '<', range.asOf)
      .where('actionItem.status', 'not in', CLOSED_STATUSES)
      .orderBy('actionItem.dueDate')
      .orderBy('actionItem.code')
      .execute(),
    db
      .selectFrom('actionUpdate')
      .innerJoin('actionItem', 'actionItem.id', 'actionUpdate.itemId')
      .innerJoin('user as author', 'author.id', 'actionUpdate.authorId')
      .innerJoin('institution', 'institution.id', 'actionUpdate.institutionId')
      .select([
        'actionUpdate.id',
        'actionUpdate.itemId',
        'actionItem.code',
        'actionItem.title',
        'actionItem.tlp',
        'actionUpdate.date',
        'actionUpdate.body',
        'author.name as authorName',
        'institution.name as institutionName',
        'actionUpdate.statusTo',
        'actionUpdate.progressTo',
      ])
      .where(readableItems(scope))
      .where('actionUpdate.date', '>=', range.from)
      .where('actionUpdate.date', '<=', range.to)
      .orderBy('actionUpdate.date', 'desc')
      .orderBy('actionUpdate.createdAt', 'desc')
      .limit(range.notesLimit ?? 50)
      .execute(),
  ]);
  return {
    completed: (await withCbms(db, completed)).map((row) => ({ ...row, completedOn: row.completedOn ?? undefined })) as ReportItem[],
    overdue: (await withCbms(db, overdue)) as ReportItem[],
    notes: notes.map((n) => ({ ...n, progressTo: n.progressTo === null ? null : Number(n.progressTo) })) as ReportNote[],
  };
}
