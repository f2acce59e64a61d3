import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { ActionStatus } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { ActionItemInputError, type FieldChange } from './action-item.server.ts';
import { recordAudit } from './audit.server.ts';
import { applyTallyChange, lockActionItem, tallyState } from './action-tally.server.ts';

export type EvidenceInput =
  | { kind: 'link'; url: string; description: string }
  | { kind: 'file'; fileName: string; storedName: string; mimeType: string; sizeBytes: number; sha256: string; description: string };

export interface ProgressUpdate {
  itemId: string;
  authorId: string;
  /** The author's institution when they posted; kept even if they move later. */
  institutionId: string;
  /** YYYY-MM-DD */
  date: string;
  body: string;
  status: ActionStatus;
  progress: number;
  /** Indicator id → new current value. Only the item's own indicators are accepted. */
  indicators: Record<string, number | null>;
  evidence: EvidenceInput[];
}

/** Longest excerpt of a progress note kept in the change history (the full text is in the timeline). */
const NOTE_EXCERPT = 200;

/**
 * Posts a progress update: the note, any status, progress and indicator
 * changes, the evidence, a history entry and the item's lastUpdateAt, in one
 * transaction. Marking an item completed needs evidence, already attached or
 * attached now; otherwise nothing is written and an ActionItemInputError says why.
 */
export async function postProgressUpdate(db: Db, update: ProgressUpdate): Promise<{ updateId: string; changes: FieldChange[] }> {
  return db.transaction().execute(async (trx) => {
    await lockActionItem(trx, update.itemId);
    const item = await trx.selectFrom('actionItem').select(['id', 'status', 'progress']).where('id', '=', update.itemId).executeTakeFirst();
    if (!item) throw new ActionItemInputError({ _form: 'actions.errors.itemNotFound' });
    if (update.status === 'completed' && update.evidence.length === 0 && !(await itemHasEvidence(trx, update.itemId))) {
      throw new ActionItemInputError({ status: 'actions.errors.completedNeedsEvidence' });
    }
    const indicators = await trx.selectFrom('actionIndicator').select(['id', 'name', 'current']).where('itemId', '=', update.itemId).execute();
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const unknown = Object.keys(update.indicators).find((id) => !byId.has(id));
    if (unknown) throw new ActionItemInputError({ [`indicator.${unknown}`]: 'errors.invalidChoice' });

    const now = nowIso();
    const previousProgress = Number(item.progress);
    const statusChanged = item.status !== update.status;
    const progressChanged = previousProgress !== update.progress;
    const changes: FieldChange[] = [];
    if (statusChanged) changes.push({ field: 'status', before: item.status, after: update.status });
    if (progressChanged) changes.push({ field: 'progress', before: previousProgress, after: update.progress });

    const updateId = crypto.randomUUID();
    await trx
      .insertInto('actionUpdate')
      .values({
        id: updateId,
        itemId: update.itemId,
        authorId: update.authorId,
        institutionId: update.institutionId,
        date: update.date,
        body: update.body.trim(),
        statusFrom: statusChanged ? item.status : null,
        statusTo: statusChanged ? update.status : null,
        progressFrom: progressChanged ? previousProgress : null,
        progressTo: progressChanged ? update.progress : null,
        createdAt: now,
      })
      .execute();
    const before = statusChanged ? await tallyState(trx, update.itemId) : null;
    await trx.updateTable('actionItem').set({ status: update.status, progress: update.progress, updatedAt: now, lastUpdateAt: now }).where('id', '=', update.itemId).execute();
    // Only the status moves an item between counters here; progress counts for nothing.
    if (statusChanged) await applyTallyChange(trx, before, await tallyState(trx, update.itemId));

    for (const [id, value] of Object.entries(update.indicators)) {
      const indicator = byId.get(id)!;
      const before = indicator.current === null ? null : Number(indicator.current);
      if (before === value) continue;
      await trx.updateTable('actionIndicator').set({ current: value, updatedAt: now }).where('id', '=', id).execute();
      changes.push({ field: `indicator:${indicator.name}`, before, after: value });
    }

    if (update.evidence.length) {
      await trx
        .insertInto('actionEvidence')
        .values(
          update.evidence.map((e) => ({
            id: crypto.randomUUID(),
            itemId: update.itemId,
            updateId,
            kind: e.kind,
            url: e.kind === 'link' ? e.url : null,
            fileName: e.kind === 'file' ? e.fileName : null,
            storedName: e.kind === 'file' ? e.storedName : null,
            mimeType: e.kind === 'file' ? e.mimeType : null,
            sizeBytes: e.kind === 'file' ? e.sizeBytes : null,
            sha256: e.kind === 'file' ? e.sha256 : null,
            description: e.description.trim(),
            uploadedById: update.authorId,
            createdAt: now,
          })),
        )
        .execute();
      changes.push({ field: 'evidence', before: null, after: update.evidence.map((e) => (e.kind === 'link' ? e.url : e.fileName)) });
    }
    const body = update.body.trim();
    changes.push({ field: 'progressNote', before: null, after: body.length > NOTE_EXCERPT ? `${body.slice(0, NOTE_EXCERPT)}…` : body });

    await trx.insertInto('actionItemChange').values({ id: crypto.randomUUID(), itemId: update.itemId, actorId: update.authorId, source: 'update', changes: JSON.stringify(changes), createdAt: now }).execute();
    await recordAudit(trx, {
      actorId: update.authorId,
      action: 'action-item.progress',
      entityType: 'actionItem',
      entityId: update.itemId,
      details: { updateId, status: update.status, progress: update.progress, evidence: update.evidence.length },
    });
    return { updateId, changes };
  });
}

/** The timeline of an item, newest first, each update with its author, institution and evidence. */
export async function listActionUpdates(db: Db, itemId: string) {
  const [updates, evidence] = await Promise.all([
    db
      .selectFrom('actionUpdate')
      .innerJoin('user', 'user.id', 'actionUpdate.authorId')
      .innerJoin('institution', 'institution.id', 'actionUpdate.institutionId')
      .selectAll('actionUpdate')
      .select(['user.name as authorName', 'institution.name as institutionName'])
      .where('actionUpdate.itemId', '=', itemId)
      .orderBy('actionUpdate.date', 'desc')
      .orderBy('actionUpdate.createdAt', 'desc')
      .execute(),
    listEvidence(db, itemId),
  ]);
  return updates.map((u) => ({
    ...u,
    progressFrom: u.progressFrom === null ? null : Number(u.progressFrom),
    progressTo: u.progressTo === null ? null : Number(u.progressTo),
    evidence: evidence.filter((e) => e.updateId === u.id),
  }));
}

/** Does the item have at least one piece of evidence? ("completed" needs one.) */
export async function itemHasEvidence(db: Db, itemId: string): Promise<boolean> {
  return (await db.selectFrom('actionEvidence').select('id').where('itemId', '=', itemId).limit(1).executeTakeFirst()) !== undefined;
}

/** Every piece of evidence of an item, oldest first. */
async function listEvidence(db: Db, itemId: string) {
  const rows = await db
    .selectFrom('actionEvidence')
    .select(['id', 'updateId', 'kind', 'url', 'fileName', 'mimeType', 'sizeBytes', 'description', 'createdAt'])
    .where('itemId', '=', itemId)
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => ({ ...r, sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes) }));
}

/** One stored file of an item (the item id is part of the key, so an id from another item finds nothing). */
export async function getEvidenceFile(db: Db, itemId: string, evidenceId: string) {
  return db
    .selectFrom('actionEvidence')
    .select(['id', 'fileName', 'storedName', 'mimeType', 'sizeBytes', 'sha256'])
    .where('itemId', '=', itemId)
    .where('id', '=', evidenceId)
    .where('kind', '=', 'file')
    .executeTakeFirst();
}

/** The change history of an item, newest first, with who made each change. */
export async function listActionItemChanges(db: Db, itemId: string) {
  const rows = await db
    .selectFrom('actionItemChange')
    .leftJoin('user', 'user.id', 'actionItemChange.actorId')
    .select(['actionItemChange.id', 'actionItemChange.source', 'actionItemChange.changes', 'actionItemChange.createdAt', 'user.name as actorName'])
    .where('actionItemChange.itemId', '=', itemId)
    .orderBy('actionItemChange.createdAt', 'desc')
    .orderBy('actionItemChange.id')
    .execute();
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as FieldChange[] }));
}

export async function addActionComment(db: Db, comment: { itemId: string; authorId: string; institutionId: string; body: string }): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const id = crypto.randomUUID();
    await trx.insertInto('actionComment').values({ id, ...comment, body: comment.body.trim(), createdAt: nowIso() }).execute();
    await recordAudit(trx, { actorId: comment.authorId, action: 'action-item.comment', entityType: 'actionItem', entityId: comment.itemId, details: { commentId: id } });
    return id;
  });
}

/** Comments on an item, oldest first. */
export async function listActionComments(db: Db, itemId: string) {
  return db
    .selectFrom('actionComment')
    .innerJoin('user', 'user.id', 'actionComment.authorId')
    .innerJoin('institution', 'institution.id', 'actionComment.institutionId')
    .select(['actionComment.id', 'actionComment.body', 'actionComment.createdAt', 'user.name as authorName', 'institution.name as institutionName'])
    .where('actionComment.itemId', '=', itemId)
    .orderBy('actionComment.createdAt')
    .execute();
}

/** Names for the ids a history shows (institutions and plans), archived ones included. */
export async function historyNames(db: Db, changes: FieldChange[]): Promise<{ institutions: Record<string, string>; plans: Record<string, string> }> {
  const institutionIds = new Set<string>();
  const planIds = new Set<string>();
  for (const change of changes) {
    const values = [change.before, change.after].flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
    if (change.field === 'ownerInstitutionId' || change.field === 'supporterIds') values.forEach((v) => institutionIds.add(v));
    if (change.field === 'planId') values.forEach((v) => planIds.add(v));
  }
  const [institutions, plans] = await Promise.all([
    institutionIds.size ? db.selectFrom('institution').select(['id', 'name']).where('id', 'in', [...institutionIds]).execute() : Promise.resolve([]),
    planIds.size ? db.selectFrom('document').select(['id', 'title']).where('id', 'in', [...planIds]).execute() : Promise.resolve([]),
  ]);
  return {
    institutions: Object.fromEntries(institutions.map((i) => [i.id, i.name])),
    plans: Object.fromEntries(plans.map((p) => [p.id, p.title])),
  };
}
