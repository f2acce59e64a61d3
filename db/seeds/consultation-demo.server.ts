import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../client.server.ts';
import { anchorUpdate } from '../../app/content/comment-anchors.server.ts';
import type { TextPoint } from '../../app/editor/text-points.ts';
import { addReply, createThread } from '../../app/models/comment.server.ts';
import { decideThread } from '../../app/models/consultation-report.server.ts';
import { appendDocumentUpdate, loadMergedState } from '../../app/models/document-state.server.ts';
import type { ThreadDecision } from '../schema.ts';
import { mentionToken } from '../../app/utils/mentions.ts';

/**
 * The consultation reports of the demo (docs/demo-data.md): comments made
 * while a document is in consultation, anchored in its text like any
 * comment, some decided and some waiting. The Joint Action Plan's come from
 * the public, private and international sectors (the OSCE Mission's observer
 * is named on the plan with comment access, as a document may name an
 * observer); the Guidelines' were decided before their edition 1.0 was
 * published, so its public report has them.
 */

interface DemoThread {
  /** The block of the text (child indices from the root) holding the passage, whose Markdown line starts with `lineStart`. */
  block: number[];
  quote: string;
  author: string;
  institution: string;
  body: string;
  replies: { author: string; body: (people: (email: string) => { id: string; name: string }) => string }[];
  decision: { decision: ThreadDecision; reason: string } | null;
}

const PLAN_THREADS: DemoThread[] = [
  {
    block: [1],
    quote: 'Each action has one owner institution',
    author: 'member@demo.example',
    institution: 'Ministry of Security of Bosnia and Herzegovina',
    body: 'Several actions need entity-level institutions alongside the owner. Please let each action list supporting institutions as well.',
    replies: [{ author: 'secretariat@demo.example', body: () => 'Agreed: the tracker already records supporting institutions for each action.' }],
    decision: { decision: 'accepted', reason: 'Supporting institutions are listed with each action; the owner stays accountable.' },
  },
  {
    block: [5, 0],
    quote: 'at least every two months',
    author: 'private@demo.example',
    institution: 'BH Telecom',
    body: 'Every two months is heavy for operators. Quarterly updates would match our own reporting cycle.',
    replies: [
      {
        author: 'secretariat@demo.example',
        body: (people) => `${mentionToken(people('private@demo.example'))} the working group meets every two months, and each meeting needs current figures. A two-line update is enough.`,
      },
    ],
    decision: { decision: 'rejected', reason: 'Updates every two months are needed to prepare each working-group meeting; a short update is enough.' },
  },
  {
    block: [7, 1],
    quote: 'donor-funded actions',
    author: 'observer@demo.example',
    institution: 'OSCE Mission to Bosnia and Herzegovina',
    body: 'The Mission can share the donor-coordination matrix used in other participating States, so that funding sources are recorded the same way.',
    replies: [],
    decision: { decision: 'noted', reason: 'The secretariat will present the matrix at the next plenary.' },
  },
  {
    block: [5, 2],
    quote: 'shown on the public progress page',
    author: 'private@demo.example',
    institution: 'BH Telecom',
    body: 'Could the public page also show which sector leads each action? It would make the partnership visible.',
    replies: [],
    decision: null,
  },
];

const GUIDELINES_THREADS: DemoThread[] = [
  {
    block: [4],
    quote: 'universities train a growing number of specialists',
    author: 'academic@demo.example',
    institution: 'University of Sarajevo',
    body: 'Worth adding that study programmes are not yet aligned with what employers need; the gap is the main reason specialists leave.',
    replies: [],
    decision: { decision: 'accepted', reason: 'Objective F now asks for study programmes agreed with employers.' },
  },
  {
    block: [5],
    quote: 'agreed by people from public institutions, companies, academia, civil society and international partners',
    author: 'civil@demo.example',
    institution: 'e-Transformacija association',
    body: 'Please say how citizens could take part. An open public consultation would give the guidelines more weight.',
    replies: [{ author: 'secretariat@demo.example', body: () => 'The strategy itself will go to e-Konsultacije before adoption.' }],
    decision: { decision: 'noted', reason: 'Public consultation belongs to the adoption of the strategy, not to these guidelines.' },
  },
];

/** The passage's place in its block: the block's text is its Markdown line without list markers (the demo texts have no inline markup there). */
function textPoints(thread: DemoThread, markdown: string): { start: TextPoint; end: TextPoint } {
  const line = markdown
    .split('\n')
    .map((text) => text.replace(/^\s*(?:[-*]|\d+\.)\s+/, ''))
    .find((text) => text.includes(thread.quote));
  if (line === undefined) throw new Error(`demo comment quote not in the text: ${thread.quote}`);
  const offset = line.indexOf(thread.quote);
  return { start: { block: thread.block, offset }, end: { block: thread.block, offset: offset + thread.quote.length } };
}

/** The plan's comments, made during its consultation. */
export async function seedConsultationDemo(
  db: Db,
  planId: string,
  institution: (name: string) => string,
  person: (email: string) => string,
): Promise<void> {
  await db.insertInto('documentPerson').values({ documentId: planId, userId: person('observer@demo.example'), access: 'comment' }).execute();
  await seedThreads(db, planId, fs.readFileSync(new URL('./content/joint-action-plan-draft.md', import.meta.url), 'utf8'), PLAN_THREADS, institution, person);
}

/** The Guidelines' comments: call it while they are in consultation, before edition 1.0. */
export async function seedGuidelinesConsultation(db: Db, guidelinesId: string, markdown: string, institution: (name: string) => string, person: (email: string) => string): Promise<void> {
  await seedThreads(db, guidelinesId, markdown, GUIDELINES_THREADS, institution, person);
}

async function seedThreads(db: Db, documentId: string, markdown: string, threads: DemoThread[], institution: (name: string) => string, person: (email: string) => string): Promise<void> {
  const names = new Map((await db.selectFrom('user').select(['id', 'name']).execute()).map((row) => [row.id, row.name]));
  const people = (email: string) => ({ id: person(email), name: names.get(person(email)) ?? email });
  for (const thread of threads) {
    const threadId = crypto.randomUUID();
    const state = await loadMergedState(db, documentId);
    if (!state) throw new Error('a demo document has no text');
    // The mark goes into the text first, as when someone comments in the editor.
    await appendDocumentUpdate(db, documentId, anchorUpdate(state, { threadId, ...textPoints(thread, markdown), quote: thread.quote }));
    await createThread(db, { id: threadId, documentId: documentId, quote: thread.quote, authorId: person(thread.author), institutionId: institution(thread.institution), body: thread.body });
    for (const reply of thread.replies) await addReply(db, { threadId, authorId: person(reply.author), body: reply.body(people) });
    if (thread.decision) {
      await decideThread(db, { threadId, documentId: documentId, actorId: person('secretariat@demo.example'), decision: thread.decision.decision, reason: thread.decision.reason });
    }
  }
}
