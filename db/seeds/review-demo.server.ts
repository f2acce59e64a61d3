import fs from 'node:fs';
import type { Db } from '../client.server.ts';
import { renderMarkdown, renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { applyMove, applyPublication, recordPosition } from '../../app/models/workflow.server.ts';
import { saveVersion } from '../../app/services/document-versions.server.ts';

/**
 * The review and publishing part of the demo: a published first edition of
 * the Guidelines, and the Joint Action Plan in consultation with two
 * institutions' positions. Runs inside seedDemo, which only ever seeds an
 * empty database, so it never runs twice.
 *
 * It goes through the same model functions as the workflow page.
 */

export const GUIDELINES_TITLE = 'Guidelines for a Strategic Cybersecurity Framework';
export const GUIDELINES_SLUG = 'guidelines-for-a-strategic-cybersecurity-framework';
const ACTION_PLAN_TITLE = 'Joint Action Plan 2026–2028';

export async function seedReviewDemo(db: Db, institution: (name: string) => string, person: (email: string) => string): Promise<void> {
  const secretariatId = person('secretariat@demo.example');
  const markdown = fs.readFileSync(new URL('./content/guidelines-framework.md', import.meta.url), 'utf8');
  const state = stateFromMarkdown(markdown);
  const text = renderPlainText(state);
  const guidelines = await createDocument(
    db,
    secretariatId,
    {
      title: GUIDELINES_TITLE,
      type: 'guidelines',
      language: 'en',
      summary: 'Nine objectives, from legislation to public–private partnership, that a cybersecurity strategy for Bosnia and Herzegovina should meet.',
      ownerInstitutionId: institution('Ministry of Communications and Transport of Bosnia and Herzegovina'),
      tlp: 'CLEAR',
    },
    {
      institutions: [
        { institutionId: institution('Ministry of Security of Bosnia and Herzegovina'), access: 'edit' },
        { institutionId: institution('Agency for Information Society of Republika Srpska'), access: 'comment' },
        { institutionId: institution('BH Telecom'), access: 'comment' },
        { institutionId: institution('University of Sarajevo'), access: 'comment' },
        { institutionId: institution('e-Transformacija association'), access: 'comment' },
        { institutionId: institution('OSCE Mission to Bosnia and Herzegovina'), access: 'comment' },
      ],
      people: [],
    },
    state,
    text,
  );
  // No collaboration server runs while seeding: saveVersion reads the stored state.
  const saveSeedVersion = (documentId: string, name: string) => saveVersion({ db }, { documentId, kind: 'workflow', name, createdById: secretariatId });
  const consultationVersion = await saveSeedVersion(guidelines.id, 'Moved to consultation');
  await applyMove(db, { documentId: guidelines.id, from: 'draft', to: 'consultation', note: 'Open for comments by every sector.', actorId: secretariatId, versionId: consultationVersion.id });
  const version = await saveSeedVersion(guidelines.id, 'Published');
  await applyPublication(db, {
    documentId: guidelines.id,
    from: 'consultation',
    actorId: secretariatId,
    bump: 'major',
    changelog: 'First edition, agreed by the working group after consultation.',
    version: { id: version.id, html: version.html, markdown: renderMarkdown(version.state) },
    reclassification: null,
  });

  const plan = await db.selectFrom('document').select(['id', 'status']).where('title', '=', ACTION_PLAN_TITLE).executeTakeFirst();
  if (!plan || plan.status !== 'draft') return;
  const planVersion = await saveSeedVersion(plan.id, 'Moved to consultation');
  await applyMove(db, { documentId: plan.id, from: 'draft', to: 'consultation', note: 'Please record your institution’s position before the next plenary.', actorId: secretariatId, versionId: planVersion.id });
  const { consultationRound } = await db.selectFrom('document').select('consultationRound').where('id', '=', plan.id).executeTakeFirstOrThrow();
  await recordPosition(db, {
    documentId: plan.id,
    institutionId: institution('BH Telecom'),
    round: consultationRound,
    position: 'endorse_with_reservations',
    statement: 'We support the plan. The deadline for incident reporting by operators of key services should move to the end of 2027, after the law on information security is adopted.',
    actorId: person('private@demo.example'),
  });
  await recordPosition(db, {
    documentId: plan.id,
    institutionId: institution('Ministry of Security of Bosnia and Herzegovina'),
    round: consultationRound,
    position: 'endorse',
    statement: 'The Ministry endorses the plan as drafted, including its lead role for the state-level CSIRT.',
    actorId: person('member@demo.example'),
  });
}
