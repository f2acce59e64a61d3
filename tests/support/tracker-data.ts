import type { Db } from '../../db/client.server.ts';
import { seedReferenceData } from '../../db/seeds/demo.server.ts';
import { emptyState } from '../../app/content/render.server.ts';
import { createActionItem } from '../../app/models/action-item.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import type { ActionItemInput } from '../../app/schemas/action-item.ts';
import { unique } from './factories.ts';

/** Builders shared by the tracker data tests (import, export, reminders, reports). */

export async function prepareTracker(db: Db): Promise<void> {
  await seedReferenceData(db);
}

export async function makePlan(db: Db, authorId: string, ownerInstitutionId: string, title = `Plan ${unique()}`): Promise<string> {
  const doc = await createDocument(
    db,
    authorId,
    { title, type: 'action_plan', language: 'en', summary: '', ownerInstitutionId, tlp: 'GREEN' },
    { institutions: [], people: [] },
    emptyState(),
  );
  return doc.id;
}

export function itemInput(planId: string, ownerInstitutionId: string, fields: Partial<ActionItemInput> = {}): ActionItemInput {
  return {
    planId,
    code: `X-${unique()}`,
    title: `Item ${unique()}`,
    description: '',
    sectionRef: null,
    pillarCode: null,
    cbms: [14],
    primaryCbm: 14,
    ownerInstitutionId,
    supporterIds: [],
    status: 'in_progress',
    priority: 'medium',
    startDate: null,
    dueDate: null,
    progress: 0,
    budgetAmount: null,
    budgetCurrency: null,
    fundingSource: null,
    tlp: 'GREEN',
    tags: [],
    indicators: [],
    ...fields,
  };
}

export async function makeItem(db: Db, actorId: string, input: ActionItemInput): Promise<string> {
  return db.transaction().execute((trx) => createActionItem(trx, input, actorId));
}

/** Counts rows of the tracker tables, the same way on both dialects. */
export async function countTracker(db: Db, table: 'actionItem' | 'actionItemCbm' | 'actionItemChange' | 'actionItemSupporter' | 'actionItemTag' | 'auditEvent' | 'notification'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Reads a web stream to the end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
