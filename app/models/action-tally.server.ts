import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { ActionStatus, Tlp } from '../../db/schema.ts';
import { CLOSED_STATUSES } from '../utils/action-dates.ts';

/**
 * The counts of docs/decisions/026-maintained-tracker-counts.md: every change
 * to an item takes its old state out of `actionItemTally` and
 * `actionItemDueTally` and puts its new state in, inside the transaction of
 * the change, so the CBM matrix and the dashboard never count the items.
 */

/**
 * Locks the item's row for the rest of the transaction (a no-op update: the
 * same text locks on both dialects), so the state taken out of the counts is
 * the one the change replaces, even with two changes racing on PostgreSQL.
 */
export async function lockActionItem(trx: Db, itemId: string): Promise<void> {
  await trx.updateTable('actionItem').set((eb) => ({ id: eb.ref('actionItem.id') })).where('id', '=', itemId).execute();
}

/** The rows of the counts one item adds to: its pillar's row (CBM 0) and one per CBM, with its label and status. */
export interface TallyState {
  status: ActionStatus;
  tlp: Tlp;
  keys: { cbmNumber: number; pillarCode: string }[];
  /** YYYY-MM when the item is open and has a due date, else null. */
  dueMonth: string | null;
}

/** What the item counts for now, or null when there is no such item. */
export async function tallyState(trx: Db, itemId: string): Promise<TallyState | null> {
  const [item, cbms] = await Promise.all([
    trx.selectFrom('actionItem').select(['status', 'tlp', 'pillarCode', 'dueDate']).where('id', '=', itemId).executeTakeFirst(),
    trx.selectFrom('actionItemCbm').select('cbmNumber').where('itemId', '=', itemId).execute(),
  ]);
  if (!item) return null;
  return {
    status: item.status,
    tlp: item.tlp,
    keys: [{ cbmNumber: 0, pillarCode: item.pillarCode ?? '' }, ...cbms.map((c) => ({ cbmNumber: Number(c.cbmNumber), pillarCode: '' }))],
    dueMonth: item.dueDate === null || CLOSED_STATUSES.includes(item.status) ? null : item.dueDate.slice(0, 7),
  };
}

/**
 * The net change to each counter, in one statement per table and in key order:
 * every writer then locks counter rows in the same order, so two edits moving
 * items between the same rows in opposite directions wait for each other on
 * PostgreSQL instead of deadlocking. Rows whose change nets to 0 are not touched.
 */
export async function applyTallyChange(trx: Db, before: TallyState | null, after: TallyState | null): Promise<void> {
  const tally = new Map<string, { cbmNumber: number; pillarCode: string; status: ActionStatus; tlp: Tlp; items: number }>();
  const due = new Map<string, { cbmNumber: number; pillarCode: string; tlp: Tlp; dueMonth: string; items: number }>();
  for (const [state, sign] of [[before, -1], [after, 1]] as const) {
    if (!state) continue;
    for (const key of state.keys) {
      const t = JSON.stringify([key.cbmNumber, key.pillarCode, state.status, state.tlp]);
      const row = tally.get(t) ?? { ...key, status: state.status, tlp: state.tlp, items: 0 };
      row.items += sign;
      tally.set(t, row);
      if (state.dueMonth === null) continue;
      const d = JSON.stringify([key.cbmNumber, key.pillarCode, state.tlp, state.dueMonth]);
      const dueRow = due.get(d) ?? { ...key, tlp: state.tlp, dueMonth: state.dueMonth, items: 0 };
      dueRow.items += sign;
      due.set(d, dueRow);
    }
  }
  const changed = <T extends { items: number }>(rows: Map<string, T>) =>
    [...rows].filter(([, row]) => row.items !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const tallyRows = changed(tally);
  const dueRows = changed(due);
  if (tallyRows.length > 0) {
    await trx
      .insertInto('actionItemTally')
      .values(tallyRows)
      .onConflict((oc) => oc.columns(['cbmNumber', 'pillarCode', 'status', 'tlp']).doUpdateSet({ items: sql<number>`"actionItemTally"."items" + excluded."items"` }))
      .execute();
  }
  if (dueRows.length > 0) {
    await trx
      .insertInto('actionItemDueTally')
      .values(dueRows)
      .onConflict((oc) => oc.columns(['cbmNumber', 'pillarCode', 'tlp', 'dueMonth']).doUpdateSet({ items: sql<number>`"actionItemDueTally"."items" + excluded."items"` }))
      .execute();
  }
}

/** Adds (+1) or removes (-1) the item's current state from the counts. */
export async function tallyActionItem(trx: Db, itemId: string, sign: 1 | -1): Promise<void> {
  const state = await tallyState(trx, itemId);
  await applyTallyChange(trx, sign === 1 ? null : state, sign === 1 ? state : null);
}

/**
 * Counts every item afresh, in one transaction: after bulk loads that bypass
 * the item model (the benchmark's seeding), and as the reference the tests
 * compare the maintained counts with.
 */
export async function rebuildActionTally(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('actionItemTally').execute();
    await trx.deleteFrom('actionItemDueTally').execute();
    await sql`
      insert into "actionItemTally" ("cbmNumber", "pillarCode", "status", "tlp", "items")
      select 0, coalesce("pillarCode", ''), "status", "tlp", count(*) from "actionItem" group by coalesce("pillarCode", ''), "status", "tlp"
      union all
      select c."cbmNumber", '', i."status", i."tlp", count(*) from "actionItemCbm" c inner join "actionItem" i on i."id" = c."itemId" group by c."cbmNumber", i."status", i."tlp"
    `.execute(trx);
    await sql`
      insert into "actionItemDueTally" ("cbmNumber", "pillarCode", "tlp", "dueMonth", "items")
      select 0, coalesce("pillarCode", ''), "tlp", substr("dueDate", 1, 7), count(*) from "actionItem"
        where "dueDate" is not null and "status" not in ('completed', 'cancelled')
        group by coalesce("pillarCode", ''), "tlp", substr("dueDate", 1, 7)
      union all
      select c."cbmNumber", '', i."tlp", substr(i."dueDate", 1, 7), count(*) from "actionItemCbm" c inner join "actionItem" i on i."id" = c."itemId"
        where i."dueDate" is not null and i."status" not in ('completed', 'cancelled')
        group by c."cbmNumber", i."tlp", substr(i."dueDate", 1, 7)
    `.execute(trx);
  });
}

/** Both tables' non-zero rows, in a fixed order (what the tests compare). */
export async function readActionTally(db: Db) {
  const [tally, due] = await Promise.all([
    db.selectFrom('actionItemTally').selectAll().where('items', '<>', 0).orderBy('cbmNumber').orderBy('pillarCode').orderBy('status').orderBy('tlp').execute(),
    db.selectFrom('actionItemDueTally').selectAll().where('items', '<>', 0).orderBy('cbmNumber').orderBy('pillarCode').orderBy('tlp').orderBy('dueMonth').execute(),
  ]);
  const numbers = <T extends { cbmNumber: number; items: number }>(rows: T[]) => rows.map((r) => ({ ...r, cbmNumber: Number(r.cbmNumber), items: Number(r.items) }));
  return { tally: numbers(tally), due: numbers(due) };
}
