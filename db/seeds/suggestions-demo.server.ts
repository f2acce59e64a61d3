import crypto from 'node:crypto';
import type { Db } from '../client.server.ts';
import { anchorUpdate } from '../../app/content/comment-anchors.server.ts';
import { resolveSuggestions } from '../../app/content/suggestions.server.ts';
import type { TextPoint } from '../../app/editor/text-points.ts';
import { appendDocumentUpdate, loadMergedState } from '../../app/models/document-state.server.ts';
import { createSuggestion, decideSuggestion } from '../../app/models/suggestion.server.ts';
import { saveVersion } from '../../app/services/document-versions.server.ts';
import type { SuggestionStatus } from '../schema.ts';

/**
 * Suggestions on the demo Joint Action Plan in consultation (docs/demo-data.md):
 * five proposals from the public, private and civil-society sectors, three
 * decided by the secretariat (accepted, accepted in part, rejected) and two
 * waiting, so the plan cannot be published yet. e-Transformacija's member is
 * named on the plan with "can suggest" access.
 */

interface DemoSuggestion {
  block: number[];
  blockText: string;
  quote: string;
  proposedText: string;
  rationale: string | null;
  author: string;
  institution: string;
  decision: { status: Exclude<SuggestionStatus, 'pending'>; reason: string | null; text?: string } | null;
}

const PURPOSE =
  "This action plan turns the strategy's objectives into concrete commitments for 2026–2028. Each action has one owner institution, a deadline and the OSCE confidence-building measures it helps implement. Progress is followed in the portal's action tracker.";
const REPORT = 'The secretariat prepares a progress report before each working-group meeting.';
const CRISIS = 'Which body coordinates the crisis response plan (objective H)?';

const SUGGESTIONS: DemoSuggestion[] = [
  {
    block: [1],
    blockText: PURPOSE,
    quote: 'concrete commitments',
    proposedText: 'concrete, measurable commitments',
    rationale: 'Each commitment needs an indicator, or nobody can tell whether it was met.',
    author: 'civil@demo.example',
    institution: 'e-Transformacija association',
    decision: null,
  },
  {
    block: [5, 1],
    blockText: REPORT,
    quote: 'before each working-group meeting',
    proposedText: 'at least one week before each working-group meeting',
    rationale: 'Members need time to read the report and consult their institutions.',
    author: 'private@demo.example',
    institution: 'BH Telecom',
    decision: { status: 'accepted', reason: null },
  },
  {
    block: [7, 0],
    blockText: CRISIS,
    quote: 'crisis response plan',
    proposedText: 'national cyber crisis response plan, including the entities',
    rationale: 'The plan must say that it covers every level of government.',
    author: 'member@demo.example',
    institution: 'Ministry of Security of Bosnia and Herzegovina',
    decision: { status: 'accepted_in_part', reason: 'Which levels take part is for the plan itself to settle, not the question.', text: 'cyber crisis response plan' },
  },
  {
    block: [1],
    blockText: PURPOSE,
    quote: "in the portal's action tracker",
    proposedText: "in the portal's action tracker and in a quarterly press release",
    rationale: null,
    author: 'civil@demo.example',
    institution: 'e-Transformacija association',
    decision: { status: 'rejected', reason: 'The public progress page is updated continuously; a press release would add work without adding information.' },
  },
  {
    block: [7, 0],
    blockText: CRISIS,
    quote: ' (objective H)',
    proposedText: '',
    rationale: 'Readers of the plan do not have the strategy’s letters at hand.',
    author: 'private@demo.example',
    institution: 'BH Telecom',
    decision: null,
  },
];

function textPoints(suggestion: DemoSuggestion): { start: TextPoint; end: TextPoint } {
  const offset = suggestion.blockText.indexOf(suggestion.quote);
  if (offset < 0) throw new Error(`demo suggestion quote not in its block: ${suggestion.quote}`);
  return { start: { block: suggestion.block, offset }, end: { block: suggestion.block, offset: offset + suggestion.quote.length } };
}

export async function seedSuggestionsDemo(db: Db, planId: string, institution: (name: string) => string, person: (email: string) => string): Promise<void> {
  const deciderId = person('secretariat@demo.example');
  await db.insertInto('documentPerson').values({ documentId: planId, userId: person('civil@demo.example'), access: 'suggest' }).execute();
  // Every mark goes in on the text as drafted, as if all five were made before any decision.
  const placed: { id: string; suggestion: DemoSuggestion }[] = [];
  for (const suggestion of SUGGESTIONS) {
    const id = crypto.randomUUID();
    const state = await loadMergedState(db, planId);
    if (!state) throw new Error('the demo plan has no text');
    await appendDocumentUpdate(db, planId, anchorUpdate(state, { threadId: id, ...textPoints(suggestion), quote: suggestion.quote }));
    await createSuggestion(db, {
      id,
      documentId: planId,
      createdById: person(suggestion.author),
      institutionId: institution(suggestion.institution),
      quote: suggestion.quote,
      proposedText: suggestion.proposedText,
      rationale: suggestion.rationale,
    });
    placed.push({ id, suggestion });
  }
  for (const { id, suggestion } of placed) {
    const { decision } = suggestion;
    if (!decision) continue;
    const applied = decision.status === 'rejected' ? null : (decision.text ?? suggestion.proposedText);
    const state = await loadMergedState(db, planId);
    if (!state) throw new Error('the demo plan has no text');
    const resolved = resolveSuggestions(state, [{ id, quote: suggestion.quote, text: applied }]);
    if (resolved.done.length !== 1) throw new Error(`demo suggestion could not be decided: ${suggestion.quote}`);
    await appendDocumentUpdate(db, planId, resolved.update);
    await decideSuggestion(db, { suggestionId: id, actorId: deciderId, status: decision.status, reason: decision.reason, appliedText: applied });
    if (applied !== null) await saveVersion({ db }, { documentId: planId, kind: 'suggestion', name: suggestion.institution, createdById: deciderId });
  }
}
