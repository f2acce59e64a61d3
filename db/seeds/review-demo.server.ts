import fs from 'node:fs';
import type { Db } from '../client.server.ts';
import { renderMarkdown, renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { joinFamily, startFamily } from '../../app/models/language-family.server.ts';
import { latinToCyrillic } from '../../app/utils/transliterate.ts';
import type { DocumentLanguage } from '../schema.ts';
import { applyMove, applyPublication, recordPosition } from '../../app/models/workflow.server.ts';
import { saveVersion } from '../../app/services/document-versions.server.ts';
import { freezeReportForEdition } from '../../app/services/consultation-report.server.ts';
import { seedConsultationDemo, seedGuidelinesConsultation } from './consultation-demo.server.ts';
import { seedSuggestionsDemo } from './suggestions-demo.server.ts';
import { shiftDate, todayInSarajevo } from '../../app/utils/action-dates.ts';

/**
 * The review and publishing part of the demo: a published first edition of
 * the Guidelines, the Joint Action Plan in consultation with two
 * institutions' positions, and a position paper in consultation that waits
 * for every member institution's position, so no member's home page is
 * empty. Deadlines are days from seeding, so they never go stale. Runs
 * inside seedDemo, which only ever seeds an empty database, so it never runs
 * twice.
 *
 * It goes through the same model functions as the workflow page.
 */

export const GUIDELINES_TITLE = 'Guidelines for a Strategic Cybersecurity Framework';
export const GUIDELINES_SLUG = 'guidelines-for-a-strategic-cybersecurity-framework';
const ACTION_PLAN_TITLE = 'Joint Action Plan 2026–2028';
export const POSITION_PAPER_TITLE = 'Position paper: incident notification by operators of essential services';

export async function seedReviewDemo(db: Db, institution: (name: string) => string, person: (email: string) => string): Promise<void> {
  const secretariatId = person('secretariat@demo.example');
  const markdown = fs.readFileSync(new URL('./content/guidelines-framework.md', import.meta.url), 'utf8');
  const state = stateFromMarkdown(markdown);
  const text = renderPlainText(state);
  const guidelinesParticipants = {
    institutions: [
      { institutionId: institution('Ministry of Security of Bosnia and Herzegovina'), access: 'edit' as const },
      { institutionId: institution('Agency for Information Society of Republika Srpska'), access: 'comment' as const },
      { institutionId: institution('BH Telecom'), access: 'comment' as const },
      { institutionId: institution('University of Sarajevo'), access: 'comment' as const },
      { institutionId: institution('e-Transformacija association'), access: 'comment' as const },
      { institutionId: institution('OSCE Mission to Bosnia and Herzegovina'), access: 'comment' as const },
    ],
    people: [],
  };
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
    guidelinesParticipants,
    state,
    text,
  );
  // No collaboration server runs while seeding: saveVersion reads the stored state.
  const saveSeedVersion = (documentId: string, name: string) => saveVersion({ db }, { documentId, kind: 'workflow', name, createdById: secretariatId });
  const consultationVersion = await saveSeedVersion(guidelines.id, 'Moved to consultation');
  await applyMove(db, { documentId: guidelines.id, from: 'draft', to: 'consultation', note: 'Open for comments by every sector.', actorId: secretariatId, versionId: consultationVersion.id });
  await seedGuidelinesConsultation(db, guidelines.id, markdown, institution, person);
  const version = await saveSeedVersion(guidelines.id, 'Published');
  const edition = await applyPublication(db, {
    documentId: guidelines.id,
    from: 'consultation',
    actorId: secretariatId,
    bump: 'major',
    changelog: 'First edition, agreed by the working group after consultation.',
    version: { id: version.id, html: version.html, markdown: renderMarkdown(version.state) },
    reclassification: null,
  });
  // As publishDocument does: the consultation report is frozen with the edition.
  await freezeReportForEdition({ db }, { documentId: guidelines.id, editionId: edition.id, wasClear: true });

  await seedGuidelinesLanguageVersions(db, { sourceId: guidelines.id, sourceMarkdown: markdown, sourceHtml: version.html, participants: guidelinesParticipants, ownerInstitutionId: institution('Ministry of Communications and Transport of Bosnia and Herzegovina'), secretariatId });

  const paperMarkdown = fs.readFileSync(new URL('./content/incident-notification-position-paper.md', import.meta.url), 'utf8');
  const paperState = stateFromMarkdown(paperMarkdown);
  const paper = await createDocument(
    db,
    secretariatId,
    {
      title: POSITION_PAPER_TITLE,
      type: 'position_paper',
      language: 'en',
      summary: 'Early warning in 24 hours, notification in 72 hours, a final report in a month: a proposal open for every institution’s position.',
      ownerInstitutionId: institution('Ministry of Communications and Transport of Bosnia and Herzegovina'),
      tlp: 'GREEN',
    },
    {
      institutions: [
        { institutionId: institution('Ministry of Security of Bosnia and Herzegovina'), access: 'comment' },
        { institutionId: institution('BH Telecom'), access: 'comment' },
        { institutionId: institution('University of Sarajevo'), access: 'comment' },
        { institutionId: institution('e-Transformacija association'), access: 'comment' },
        { institutionId: institution('Association of Banks of Bosnia and Herzegovina'), access: 'comment' },
        { institutionId: institution('OSCE Mission to Bosnia and Herzegovina'), access: 'comment' },
      ],
      people: [],
    },
    paperState,
    renderPlainText(paperState),
  );
  const today = todayInSarajevo();
  const paperVersion = await saveSeedVersion(paper.id, 'Moved to consultation');
  await applyMove(db, {
    documentId: paper.id,
    from: 'draft',
    to: 'consultation',
    note: 'Every institution is asked for its position.',
    actorId: secretariatId,
    versionId: paperVersion.id,
    deadline: shiftDate(today, 10),
  });

  const plan = await db.selectFrom('document').select(['id', 'status']).where('title', '=', ACTION_PLAN_TITLE).executeTakeFirst();
  if (!plan || plan.status !== 'draft') return;
  const planVersion = await saveSeedVersion(plan.id, 'Moved to consultation');
  await applyMove(db, { documentId: plan.id, from: 'draft', to: 'consultation', note: 'Please record your institution’s position before the next plenary.', actorId: secretariatId, versionId: planVersion.id, deadline: shiftDate(today, 21) });
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
  await seedConsultationDemo(db, plan.id, institution, person);
  await seedSuggestionsDemo(db, plan.id, institution, person);
}

/** The published language versions of the Guidelines (docs/demo-data.md). */
const GUIDELINES_TRANSLATIONS: { language: DocumentLanguage; file: string; summary: string; changelog: string }[] = [
  {
    language: 'bs',
    file: 'guidelines-framework.bs.md',
    summary: 'Devet ciljeva, od zakonodavstva do javno-privatnog partnerstva, koje strategija cyber sigurnosti za Bosnu i Hercegovinu treba ispuniti.',
    changelog: 'Prvo izdanje na bosanskom jeziku, usklađeno s engleskim izdanjem 1.0.',
  },
  {
    language: 'hr',
    file: 'guidelines-framework.hr.md',
    summary: 'Devet ciljeva, od zakonodavstva do javno-privatnoga partnerstva, koje strategija kibernetičke sigurnosti za Bosnu i Hercegovinu treba ispuniti.',
    changelog: 'Prvo izdanje na hrvatskom jeziku, usklađeno s engleskim izdanjem 1.0.',
  },
  {
    // Written in Latin script and transliterated, as the interface's Cyrillic messages are.
    language: 'sr-Cyrl',
    file: 'guidelines-framework.sr-Latn.md',
    summary: latinToCyrillic('Devet ciljeva, od zakonodavstva do javno-privatnog partnerstva, koje strategija sajber bezbjednosti za Bosnu i Hercegovinu treba da ispuni.'),
    changelog: latinToCyrillic('Prvo izdanje na srpskom jeziku, usklađeno sa engleskim izdanjem 1.0.'),
  },
];

/**
 * The Guidelines' text in another language: the file holds the translated
 * introduction and every heading; the body of each objective stays in English
 * for the demo (docs/demo-data.md), taken from the English text by position.
 */
function translatedGuidelines(english: string, translated: string, cyrillic: boolean): string {
  const sections = (text: string) => text.split(/^(?=## )/m);
  const source = sections(english);
  const target = sections(cyrillic ? latinToCyrillic(translated) : translated);
  if (source.length !== target.length) throw new Error('a translated Guidelines file must have the same sections as the English one');
  // A section that is only a heading takes the English section's body.
  return target
    .map((section, index) => (section.trim().includes('\n') ? section : `${section.trim()}\n\n${source[index].replace(/^## [^\n]*\n/, '').trim()}\n\n`))
    .join('');
}

async function seedGuidelinesLanguageVersions(
  db: Db,
  input: { sourceId: string; sourceMarkdown: string; sourceHtml: string; participants: Parameters<typeof createDocument>[3]; ownerInstitutionId: string; secretariatId: string },
): Promise<void> {
  await startFamily(db, input.sourceId);
  for (const translation of GUIDELINES_TRANSLATIONS) {
    const markdown = translatedGuidelines(input.sourceMarkdown, fs.readFileSync(new URL(`./content/${translation.file}`, import.meta.url), 'utf8'), translation.language === 'sr-Cyrl');
    const title = /^# (.+)$/m.exec(markdown)?.[1] ?? GUIDELINES_TITLE;
    const state = stateFromMarkdown(markdown);
    const document = await createDocument(
      db,
      input.secretariatId,
      { title, type: 'guidelines', language: translation.language, summary: translation.summary, ownerInstitutionId: input.ownerInstitutionId, tlp: 'CLEAR' },
      input.participants,
      state,
      renderPlainText(state),
    );
    // Translated from the English edition 1.0, so up to date with it.
    await joinFamily(db, document.id, input.sourceId, input.sourceHtml);
    const version = await saveVersion({ db }, { documentId: document.id, kind: 'workflow', name: 'Published', createdById: input.secretariatId });
    await applyPublication(db, {
      documentId: document.id,
      from: 'draft',
      actorId: input.secretariatId,
      bump: 'major',
      changelog: translation.changelog,
      version: { id: version.id, html: version.html, markdown: renderMarkdown(version.state) },
      reclassification: null,
    });
  }
}
