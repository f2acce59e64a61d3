import type { Db } from '../client.server.ts';
import type { ActionPriority, ActionStatus, FundingSource, Tlp } from '../schema.ts';
import { createActionItem } from '../../app/models/action-item.server.ts';
import { postProgressUpdate } from '../../app/models/action-update.server.ts';
import { shiftDate, todayInSarajevo } from '../../app/utils/action-dates.ts';
import { nowIso } from '../../app/utils/time.ts';
import actionItems from './data/action-items.json' with { type: 'json' };

/**
 * About 40 action items of the demo "Joint Action Plan 2026–2028", with their
 * progress updates. Every date is an offset from the day of seeding, so the
 * overdue, due-soon and stale items stay so whenever the demo is started.
 * The facts behind the items are in docs/tracker-data.md.
 */

interface DemoUpdate {
  ago: number;
  body: string;
  status: ActionStatus;
  progress: number;
  evidence?: { url: string; description: string }[];
}

interface DemoItem {
  code: string;
  title: string;
  description: string;
  sectionRef?: string;
  pillar: string;
  cbms: number[];
  primaryCbm: number;
  owner: string;
  supporters: string[];
  status: ActionStatus;
  priority: ActionPriority;
  start: number;
  due: number;
  progress: number;
  tlp: Tlp;
  tags: string[];
  budget?: { amount: number; currency: string; funding: FundingSource };
  indicators?: { name: string; unit: string; baseline: number | null; target: number | null; current: number | null }[];
  updates?: DemoUpdate[];
}

export const DEMO_PLAN_TITLE = 'Joint Action Plan 2026–2028';

/** The demo account that posts updates for each owner institution; the secretariat posts for the others. */
const OWNER_ACCOUNTS: Record<string, string> = {
  'Ministry of Security of Bosnia and Herzegovina': 'member@demo.example',
  'BH Telecom': 'private@demo.example',
  'University of Sarajevo': 'academic@demo.example',
  'e-Transformacija association': 'civil@demo.example',
};

function at(date: string): string {
  return `${date}T09:00:00.000Z`;
}

/** Seeds the demo items into the demo action plan; `people` maps demo e-mail addresses to ids. */
export async function seedTrackerDemo(db: Db, institution: (name: string) => string, people: Map<string, string>): Promise<void> {
  const plan = await db.selectFrom('document').select('id').where('type', '=', 'action_plan').where('title', '=', DEMO_PLAN_TITLE).executeTakeFirst();
  if (!plan) throw new Error('demo action plan missing');
  const secretariatId = people.get('secretariat@demo.example')!;
  const accounts = await db.selectFrom('user').select(['id', 'institutionId']).where('id', 'in', [...people.values()]).execute();
  const institutionOf = new Map(accounts.map((a) => [a.id, a.institutionId]));
  const today = todayInSarajevo();

  for (const item of actionItems as DemoItem[]) {
    const updates = item.updates ?? [];
    const createdDay = shiftDate(today, -(updates.length ? Math.max(...updates.map((u) => u.ago)) + 10 : 20));
    const id = await createActionItem(
      db,
      {
        planId: plan.id,
        code: item.code,
        title: item.title,
        description: item.description,
        sectionRef: item.sectionRef ?? null,
        pillarCode: item.pillar,
        cbms: item.cbms,
        primaryCbm: item.primaryCbm,
        ownerInstitutionId: institution(item.owner),
        supporterIds: item.supporters.map(institution),
        // The updates below move the item to its current status, as people did.
        status: updates.length ? 'not_started' : item.status,
        priority: item.priority,
        startDate: shiftDate(today, item.start),
        dueDate: shiftDate(today, item.due),
        progress: updates.length ? 0 : item.progress,
        budgetAmount: item.budget?.amount ?? null,
        budgetCurrency: item.budget?.currency ?? null,
        fundingSource: item.budget?.funding ?? null,
        tlp: item.tlp,
        tags: item.tags,
        indicators: item.indicators ?? [],
      },
      secretariatId,
    );
    await db.updateTable('actionItemChange').set({ createdAt: at(createdDay) }).where('itemId', '=', id).execute();

    const authorId = people.get(OWNER_ACCOUNTS[item.owner] ?? '') ?? secretariatId;
    for (const update of [...updates].sort((a, b) => b.ago - a.ago)) {
      const day = shiftDate(today, -update.ago);
      const mark = nowIso();
      const { updateId } = await postProgressUpdate(db, {
        itemId: id,
        authorId,
        institutionId: institutionOf.get(authorId)!,
        date: day,
        body: update.body,
        status: update.status,
        progress: update.progress,
        indicators: {},
        evidence: (update.evidence ?? []).map((e) => ({ kind: 'link' as const, url: e.url, description: e.description })),
      });
      // Written now, but it happened then: the timeline, history and "no update in 60 days" read these.
      await db.updateTable('actionUpdate').set({ createdAt: at(day) }).where('id', '=', updateId).execute();
      await db.updateTable('actionEvidence').set({ createdAt: at(day) }).where('updateId', '=', updateId).execute();
      await db.updateTable('actionItemChange').set({ createdAt: at(day) }).where('itemId', '=', id).where('source', '=', 'update').where('createdAt', '>=', mark).execute();
    }
    const lastDay = updates.length ? shiftDate(today, -Math.min(...updates.map((u) => u.ago))) : createdDay;
    await db.updateTable('actionItem').set({ createdAt: at(createdDay), updatedAt: at(lastDay), lastUpdateAt: at(lastDay) }).where('id', '=', id).execute();
  }
}
