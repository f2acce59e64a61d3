import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { ActionPriority, ActionStatus, FundingSource, Tlp } from '../../db/schema.ts';
import { tallyActionItem } from '../../app/models/action-tally.server.ts';
import { unique } from './factories.ts';

/**
 * Bare rows for read-side tests and the benchmark: every column set directly
 * (dates, lastUpdateAt), which the model's createActionItem rightly does not
 * allow. Tests of the write side use the model.
 */

export async function makeActionPlan(db: Db, ownerInstitutionId: string, createdById: string): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('document')
    .values({
      id,
      title: `Action plan ${unique()}`,
      type: 'action_plan',
      language: 'bs',
      summary: '',
      ownerInstitutionId,
      tlp: 'GREEN',
      status: 'draft',
      createdById,
      createdAt: now,
      updatedAt: now,
      contentUpdatedAt: null,
      slug: null,
    })
    .execute();
  return id;
}

export interface ItemFields {
  planId: string;
  code?: string;
  title?: string;
  description?: string;
  pillarCode?: string | null;
  cbms?: number[];
  ownerInstitutionId: string;
  supporterIds?: string[];
  tags?: string[];
  status?: ActionStatus;
  priority?: ActionPriority;
  startDate?: string | null;
  dueDate?: string | null;
  progress?: number;
  fundingSource?: FundingSource | null;
  tlp?: Tlp;
  createdById: string;
  updatedAt?: string;
  lastUpdateAt?: string;
}

export async function insertActionItem(db: Db, fields: ItemFields): Promise<string> {
  const id = crypto.randomUUID();
  const cbms = fields.cbms ?? [14];
  const now = fields.updatedAt ?? new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('actionItem')
      .values({
        id,
        planId: fields.planId,
        code: fields.code ?? unique(),
        title: fields.title ?? `Item ${unique()}`,
        description: fields.description ?? '',
        sectionRef: null,
        pillarCode: fields.pillarCode ?? null,
        primaryCbm: cbms[0],
        ownerInstitutionId: fields.ownerInstitutionId,
        status: fields.status ?? 'not_started',
        priority: fields.priority ?? 'medium',
        startDate: fields.startDate ?? null,
        dueDate: fields.dueDate ?? null,
        progress: fields.progress ?? 0,
        budgetAmount: null,
        budgetCurrency: null,
        fundingSource: fields.fundingSource ?? null,
        tlp: fields.tlp ?? 'GREEN',
        createdById: fields.createdById,
        createdAt: now,
        updatedAt: now,
        lastUpdateAt: fields.lastUpdateAt ?? now,
      })
      .execute();
    await trx
      .insertInto('actionItemCbm')
      .values(cbms.map((cbmNumber) => ({ itemId: id, cbmNumber })))
      .execute();
    if (fields.supporterIds?.length) {
      await trx
        .insertInto('actionItemSupporter')
        .values(fields.supporterIds.map((institutionId) => ({ itemId: id, institutionId })))
        .execute();
    }
    if (fields.tags?.length) {
      await trx
        .insertInto('actionItemTag')
        .values(fields.tags.map((tag) => ({ itemId: id, tag })))
        .execute();
    }
    // Inserted past the item model, so the maintained counts are kept here as the model keeps them.
    await tallyActionItem(trx, id, 1);
  });
  return id;
}
