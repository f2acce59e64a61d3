import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { ActionItemAccessContext } from '../policies/action-item-access.ts';
import type { ActionItemInput, IndicatorInput } from '../schemas/action-item.ts';
import type { FieldErrors } from '../schemas/parse-form.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';
import { inTransaction } from './transaction.server.ts';
import { applyTallyChange, lockActionItem, tallyActionItem, tallyState } from './action-tally.server.ts';

export type { ActionItemInput, IndicatorInput } from '../schemas/action-item.ts';

/** One entry of an actionItemChange row: a field with its value before and after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The input broke a rule only the database can check (a taken code, an
 * unknown institution…). `errors` are field errors with i18n keys, so a route
 * can show them next to the fields and an import next to the cell.
 */
export class ActionItemInputError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(`invalid action item: ${Object.entries(errors).map(([field, key]) => `${field}: ${key}`).join(', ')}`);
  }
}

/** Is this code already used by another item of the plan? */
async function actionCodeTaken(db: Db, planId: string, code: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('actionItem').select('id').where('planId', '=', planId).where('code', '=', code.trim());
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * The references of an item that zod cannot check: the plan is an action plan,
 * the owner and supporters are active institutions, the pillar exists, the code
 * is free in the plan. Returns field errors (empty when all is well).
 */
async function validateActionItemReferences(
  db: Db,
  input: ActionItemInput,
  existing?: { id: string; institutionIds: string[] },
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const institutionIds = [...new Set([input.ownerInstitutionId, ...input.supporterIds])];
  // An institution archived after it was linked may stay linked; new links need an active one.
  const linked = existing?.institutionIds ?? [];
  const [plan, institutions, pillar, taken] = await Promise.all([
    db.selectFrom('document').select(['id', 'type']).where('id', '=', input.planId).executeTakeFirst(),
    db
      .selectFrom('institution')
      .select('id')
      .where('id', 'in', institutionIds)
      .where((eb) => (linked.length ? eb.or([eb('archivedAt', 'is', null), eb('id', 'in', linked)]) : eb('archivedAt', 'is', null)))
      .execute(),
    input.pillarCode ? db.selectFrom('pillar').select('code').where('code', '=', input.pillarCode).executeTakeFirst() : Promise.resolve(null),
    actionCodeTaken(db, input.planId, input.code, existing?.id),
  ]);
  if (!plan || plan.type !== 'action_plan') errors.planId = 'actions.errors.planNotFound';
  const known = new Set(institutions.map((i) => i.id));
  if (!known.has(input.ownerInstitutionId)) errors.ownerInstitutionId = 'actions.errors.institutionNotFound';
  if (input.supporterIds.some((id) => !known.has(id))) errors.supporterIds = 'actions.errors.institutionNotFound';
  if (pillar === undefined) errors.pillarCode = 'errors.invalidChoice';
  if (taken) errors.code = 'actions.errors.codeTaken';
  return errors;
}

function indicatorSummary(indicators: IndicatorInput[]) {
  return indicators.map((i) => ({ name: i.name, unit: i.unit, baseline: i.baseline, target: i.target, current: i.current }));
}

/** The values compared field by field; lists are sorted so their order is not a change. */
function comparable(input: ActionItemInput): Record<string, unknown> {
  return {
    planId: input.planId,
    code: input.code,
    title: input.title,
    description: input.description,
    sectionRef: input.sectionRef ?? null,
    pillarCode: input.pillarCode,
    cbms: [...input.cbms].sort((a, b) => a - b),
    primaryCbm: input.primaryCbm,
    ownerInstitutionId: input.ownerInstitutionId,
    supporterIds: [...input.supporterIds].sort(),
    status: input.status,
    priority: input.priority,
    startDate: input.startDate,
    dueDate: input.dueDate,
    progress: input.progress,
    budgetAmount: input.budgetAmount,
    budgetCurrency: input.budgetCurrency,
    fundingSource: input.fundingSource,
    tlp: input.tlp,
    tags: [...input.tags].sort(),
    indicators: indicatorSummary(input.indicators),
  };
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
  }
  return changes;
}

async function recordChange(trx: Db, itemId: string, actorId: string | null, source: string, changes: FieldChange[], createdAt: string) {
  await trx.insertInto('actionItemChange').values({ id: crypto.randomUUID(), itemId, actorId, source, changes: JSON.stringify(changes), createdAt }).execute();
}

async function writeLinks(trx: Db, itemId: string, input: ActionItemInput): Promise<void> {
  const cbms = [...new Set([input.primaryCbm, ...input.cbms])];
  await trx.insertInto('actionItemCbm').values(cbms.map((cbmNumber) => ({ itemId, cbmNumber }))).execute();
  const supporters = [...new Set(input.supporterIds)].filter((id) => id !== input.ownerInstitutionId);
  if (supporters.length) await trx.insertInto('actionItemSupporter').values(supporters.map((institutionId) => ({ itemId, institutionId }))).execute();
  const tags = [...new Set(input.tags)];
  if (tags.length) await trx.insertInto('actionItemTag').values(tags.map((tag) => ({ itemId, tag }))).execute();
}

function itemColumns(input: ActionItemInput) {
  return {
    planId: input.planId,
    code: input.code.trim(),
    title: input.title.trim(),
    description: input.description.trim(),
    sectionRef: input.sectionRef ?? null,
    pillarCode: input.pillarCode,
    primaryCbm: input.primaryCbm,
    ownerInstitutionId: input.ownerInstitutionId,
    status: input.status,
    priority: input.priority,
    startDate: input.startDate,
    dueDate: input.dueDate,
    progress: input.progress,
    budgetAmount: input.budgetAmount,
    budgetCurrency: input.budgetCurrency,
    fundingSource: input.fundingSource,
    tlp: input.tlp,
  };
}

/**
 * Creates an item with its CBMs, supporters, tags and indicators, and a
 * 'created' history entry, all in one transaction. Throws ActionItemInputError
 * when the code is taken or a reference does not exist.
 */
export async function createActionItem(trx: Db, input: ActionItemInput, actorId: string, source = 'form'): Promise<string> {
  return inTransaction(trx, async (trx) => {
    const errors = await validateActionItemReferences(trx, input);
    if (Object.keys(errors).length > 0) throw new ActionItemInputError(errors);
    const id = crypto.randomUUID();
    const now = nowIso();
    await trx
      .insertInto('actionItem')
      .values({ id, ...itemColumns(input), createdById: actorId, createdAt: now, updatedAt: now, lastUpdateAt: now })
      .execute();
    await writeLinks(trx, id, input);
    await tallyActionItem(trx, id, 1);
    if (input.indicators.length) {
      await trx
        .insertInto('actionIndicator')
        .values(input.indicators.map((indicator, position) => ({ id: crypto.randomUUID(), itemId: id, position, ...indicator, updatedAt: now })))
        .execute();
    }
    // The first entry lists every value the item started with.
    const initial = Object.entries(comparable(input))
      .filter(([, value]) => value !== null && value !== '' && !(Array.isArray(value) && value.length === 0))
      .map(([field, after]) => ({ field, before: null, after }));
    await recordChange(trx, id, actorId, source, [{ field: 'created', before: null, after: input.code }, ...initial], now);
    await recordAudit(trx, { actorId, action: 'action-item.create', entityType: 'actionItem', entityId: id, details: { code: input.code, planId: input.planId, source } });
    return id;
  });
}

/** An item as the form and the model see it, or undefined. */
export async function getActionItemInput(db: Db, id: string): Promise<ActionItemInput | undefined> {
  const item = await db.selectFrom('actionItem').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item) return undefined;
  const [cbms, supporters, tags, indicators] = await Promise.all([
    db.selectFrom('actionItemCbm').select('cbmNumber').where('itemId', '=', id).orderBy('cbmNumber').execute(),
    db.selectFrom('actionItemSupporter').select('institutionId').where('itemId', '=', id).execute(),
    db.selectFrom('actionItemTag').select('tag').where('itemId', '=', id).orderBy('tag').execute(),
    db.selectFrom('actionIndicator').selectAll().where('itemId', '=', id).orderBy('position').execute(),
  ]);
  return {
    planId: item.planId,
    code: item.code,
    title: item.title,
    description: item.description,
    sectionRef: item.sectionRef,
    pillarCode: item.pillarCode,
    cbms: cbms.map((c) => Number(c.cbmNumber)),
    primaryCbm: Number(item.primaryCbm),
    ownerInstitutionId: item.ownerInstitutionId,
    supporterIds: supporters.map((s) => s.institutionId),
    status: item.status,
    priority: item.priority,
    startDate: item.startDate,
    dueDate: item.dueDate,
    progress: Number(item.progress),
    budgetAmount: item.budgetAmount === null ? null : Number(item.budgetAmount),
    budgetCurrency: item.budgetCurrency,
    fundingSource: item.fundingSource,
    tlp: item.tlp,
    tags: tags.map((t) => t.tag),
    indicators: indicators.map((i) => ({ name: i.name, unit: i.unit, baseline: numberOrNull(i.baseline), target: numberOrNull(i.target), current: numberOrNull(i.current) })),
  };
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** Indicators keep their ids by position, so progress history stays attached to the same row. */
async function writeIndicators(trx: Db, itemId: string, indicators: IndicatorInput[], now: string): Promise<void> {
  const existing = await trx.selectFrom('actionIndicator').select(['id', 'position']).where('itemId', '=', itemId).orderBy('position').execute();
  for (const [position, indicator] of indicators.entries()) {
    const row = existing[position];
    if (row) await trx.updateTable('actionIndicator').set({ ...indicator, position, updatedAt: now }).where('id', '=', row.id).execute();
    else await trx.insertInto('actionIndicator').values({ id: crypto.randomUUID(), itemId, position, ...indicator, updatedAt: now }).execute();
  }
  const extra = existing.slice(indicators.length).map((row) => row.id);
  if (extra.length) await trx.deleteFrom('actionIndicator').where('id', 'in', extra).execute();
}

/**
 * Writes an item's next state, computed from its current one inside the same
 * transaction (so two concurrent changes cannot overwrite each other's
 * fields): the changed fields, one history entry listing before and after,
 * and the audit entry. `nextOf` validates (app/services/action-items.server.ts)
 * and may throw ActionItemInputError. Returns the changes (empty when nothing changed).
 */
export async function updateActionItem(
  trx: Db,
  id: string,
  nextOf: (current: ActionItemInput) => ActionItemInput,
  actorId: string | null,
  source = 'form',
): Promise<FieldChange[]> {
  return inTransaction(trx, async (trx) => {
    await lockActionItem(trx, id);
    const current = await getActionItemInput(trx, id);
    if (!current) throw new ActionItemInputError({ _form: 'actions.errors.itemNotFound' });
    const next = nextOf(current);
    const changes = diff(comparable(current), comparable(next));
    if (changes.length === 0) return [];
    const errors = await validateActionItemReferences(trx, next, { id, institutionIds: [current.ownerInstitutionId, ...current.supporterIds] });
    if (Object.keys(errors).length > 0) throw new ActionItemInputError(errors);
    const now = nowIso();
    const before = await tallyState(trx, id);
    await trx.updateTable('actionItem').set({ ...itemColumns(next), updatedAt: now }).where('id', '=', id).execute();
    const changed = new Set(changes.map((c) => c.field));
    if (['cbms', 'primaryCbm', 'supporterIds', 'ownerInstitutionId', 'tags'].some((f) => changed.has(f))) {
      await trx.deleteFrom('actionItemCbm').where('itemId', '=', id).execute();
      await trx.deleteFrom('actionItemSupporter').where('itemId', '=', id).execute();
      await trx.deleteFrom('actionItemTag').where('itemId', '=', id).execute();
      await writeLinks(trx, id, next);
    }
    await applyTallyChange(trx, before, await tallyState(trx, id));
    if (changed.has('indicators')) await writeIndicators(trx, id, next.indicators, now);
    await recordChange(trx, id, actorId, source, changes, now);
    await recordAudit(trx, { actorId, action: 'action-item.update', entityType: 'actionItem', entityId: id, details: { fields: [...changed], source } });
    return changes;
  });
}

/** Deletes an item and everything attached to it; returns the stored evidence files to remove after commit. */
export async function deleteActionItem(db: Db, id: string, actorId: string): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    await lockActionItem(trx, id);
    const item = await trx.selectFrom('actionItem').select(['code', 'planId', 'title']).where('id', '=', id).executeTakeFirst();
    if (!item) return [];
    await tallyActionItem(trx, id, -1);
    const files = await trx.selectFrom('actionEvidence').select('storedName').where('itemId', '=', id).where('storedName', 'is not', null).execute();
    // Children are listed explicitly: SQLite only cascades with foreign_keys on, and this must not depend on it.
    for (const table of ['actionEvidence', 'actionUpdate', 'actionComment', 'actionItemChange', 'actionIndicator', 'actionItemTag', 'actionItemSupporter', 'actionItemCbm'] as const) {
      await trx.deleteFrom(table).where('itemId', '=', id).execute();
    }
    await trx.deleteFrom('actionItem').where('id', '=', id).execute();
    await recordAudit(trx, { actorId, action: 'action-item.delete', entityType: 'actionItem', entityId: id, details: item });
    return files.map((f) => f.storedName!).filter(Boolean);
  });
}

/** What the access rules need to decide about one item, or undefined. */
export async function getActionItemAccessContext(db: Db, id: string): Promise<ActionItemAccessContext | undefined> {
  const item = await db.selectFrom('actionItem').select(['tlp', 'ownerInstitutionId']).where('id', '=', id).executeTakeFirst();
  if (!item) return undefined;
  const supporters = await db.selectFrom('actionItemSupporter').select('institutionId').where('itemId', '=', id).execute();
  return { tlp: item.tlp, ownerInstitutionId: item.ownerInstitutionId, supporterIds: supporters.map((s) => s.institutionId) };
}

/** An item with everything its page shows about it: owner, supporters, CBMs, pillar, plan, tags, indicators. */
export async function getActionItem(db: Db, id: string) {
  const item = await db
    .selectFrom('actionItem')
    .innerJoin('institution as owner', 'owner.id', 'actionItem.ownerInstitutionId')
    .innerJoin('document as plan', 'plan.id', 'actionItem.planId')
    .leftJoin('pillar', 'pillar.code', 'actionItem.pillarCode')
    .leftJoin('user as creator', 'creator.id', 'actionItem.createdById')
    .selectAll('actionItem')
    .select([
      'owner.name as ownerName',
      'owner.acronym as ownerAcronym',
      'owner.sector as ownerSector',
      'plan.title as planTitle',
      'plan.tlp as planTlp',
      'pillar.name as pillarName',
      'creator.name as createdByName',
    ])
    .where('actionItem.id', '=', id)
    .executeTakeFirst();
  if (!item) return undefined;
  const [cbms, supporters, tags, indicators] = await Promise.all([
    db
      .selectFrom('actionItemCbm')
      .innerJoin('cbm', 'cbm.number', 'actionItemCbm.cbmNumber')
      .select(['cbm.number', 'cbm.title'])
      .where('actionItemCbm.itemId', '=', id)
      .orderBy('cbm.number')
      .execute(),
    db
      .selectFrom('actionItemSupporter')
      .innerJoin('institution', 'institution.id', 'actionItemSupporter.institutionId')
      .select(['institution.id', 'institution.name', 'institution.acronym', 'institution.sector'])
      .where('actionItemSupporter.itemId', '=', id)
      .orderBy(sql`lower(institution.name)`)
      .execute(),
    db.selectFrom('actionItemTag').select('tag').where('itemId', '=', id).orderBy('tag').execute(),
    db.selectFrom('actionIndicator').selectAll().where('itemId', '=', id).orderBy('position').execute(),
  ]);
  return {
    ...item,
    primaryCbm: Number(item.primaryCbm),
    progress: Number(item.progress),
    budgetAmount: numberOrNull(item.budgetAmount),
    cbms: cbms.map((c) => ({ number: Number(c.number), title: c.title, primary: Number(c.number) === Number(item.primaryCbm) })),
    supporters,
    supporterIds: supporters.map((s) => s.id),
    tags: tags.map((t) => t.tag),
    indicators: indicators.map((i) => ({ ...i, baseline: numberOrNull(i.baseline), target: numberOrNull(i.target), current: numberOrNull(i.current) })),
  };
}
export type ActionItemDetail = NonNullable<Awaited<ReturnType<typeof getActionItem>>>;

/** Pillars in their order, for select boxes and groupings. */
export async function listPillars(db: Db) {
  return db.selectFrom('pillar').selectAll().orderBy('position').execute();
}

/** Documents of type action_plan, for the plan select. */
export async function listActionPlans(db: Db) {
  return db.selectFrom('document').select(['id', 'title', 'tlp']).where('type', '=', 'action_plan').where('status', '<>', 'archived').orderBy('createdAt', 'desc').execute();
}

