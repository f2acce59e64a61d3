import crypto from 'node:crypto';
import fs from 'node:fs';
import { hashPassword } from 'better-auth/crypto';
import type { Db } from '../client.server.ts';
import type { Level, Role, Sector } from '../schema.ts';
import { insertPerson } from '../../app/models/person.server.ts';
import { createInstitution, setInstitutionNames } from '../../app/models/institution.server.ts';
import { updateSettings } from '../../app/models/setting.server.ts';
import { createDocument } from '../../app/models/document.server.ts';
import { joinFamily, startFamily } from '../../app/models/language-family.server.ts';
import { renderHtml, renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { nowIso } from '../../app/utils/time.ts';
import institutions from './data/institutions.json' with { type: 'json' };
import cbms from './data/cbms.json' with { type: 'json' };
import { demoInstitutionNames, seedCbmTranslations } from './content-languages.server.ts';
import { seedPillars } from './pillars.server.ts';
import { seedReviewDemo } from './review-demo.server.ts';
import { seedTrackerDemo } from './tracker-demo.server.ts';

interface InstitutionSeed {
  name: string;
  localName?: string;
  acronym?: string;
  sector: Sector;
  level: Level;
  entity?: string;
  source?: string;
}

/** Descriptions written for the demo; the facts behind them are in docs/demo-data.md. */
const DESCRIPTIONS: Record<string, { description: string; website?: string }> = {
  'Ministry of Security of Bosnia and Herzegovina': {
    description: 'State ministry responsible for security policy, including work towards a CERT for the institutions of Bosnia and Herzegovina.',
    website: 'https://www.msb.gov.ba',
  },
  'Ministry of Communications and Transport of Bosnia and Herzegovina': {
    description: 'State ministry for communications policy; hosts the working group secretariat in this demo.',
    website: 'https://www.mkt.gov.ba',
  },
  'BH Telecom': { description: 'Telecommunications operator and provider of critical digital services.', website: 'https://www.bhtelecom.ba' },
  'University of Sarajevo': { description: 'Public university; its faculties contribute research and training on cyber security.', website: 'https://www.unsa.ba' },
  'e-Transformacija association': { description: 'Civil-society organisation working on digital transformation and digital rights.' },
  'OSCE Mission to Bosnia and Herzegovina': {
    description: 'Supports the working group as a neutral convener and follows the implementation of the OSCE cyber/ICT confidence-building measures.',
    website: 'https://www.osce.org/mission-to-bosnia-and-herzegovina',
  },
};

export const DEMO_GROUP_DESCRIPTION =
  'An informal working group in which state and entity institutions, companies, universities, civil society and international partners prepare the strategic framework for cyber security in Bosnia and Herzegovina together, and follow up on what was agreed.';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; institution: string }[] = [
  { email: 'admin@demo.example', name: 'Amra Hodžić', role: 'admin', institution: 'Ministry of Communications and Transport of Bosnia and Herzegovina' },
  { email: 'secretariat@demo.example', name: 'Dario Marić', role: 'secretariat', institution: 'Ministry of Communications and Transport of Bosnia and Herzegovina' },
  { email: 'member@demo.example', name: 'Lejla Kovačević', role: 'member', institution: 'Ministry of Security of Bosnia and Herzegovina' },
  { email: 'private@demo.example', name: 'Nikola Petrović', role: 'member', institution: 'BH Telecom' },
  { email: 'academic@demo.example', name: 'Selma Begić', role: 'member', institution: 'University of Sarajevo' },
  { email: 'civil@demo.example', name: 'Jasmin Mehić', role: 'member', institution: 'e-Transformacija association' },
  { email: 'observer@demo.example', name: 'Ana Novak', role: 'observer', institution: 'OSCE Mission to Bosnia and Herzegovina' },
];

/** Reference data every installation needs: the strategic pillars and the 16 OSCE CBMs (summaries an admin may replace). */
export async function seedReferenceData(db: Db): Promise<void> {
  await seedPillars(db);
  await seedCbms(db);
  await seedCbmTranslations(db);
}

async function seedCbms(db: Db): Promise<void> {
  const existing = await db.selectFrom('cbm').select('number').execute();
  if (existing.length > 0) return;
  const now = nowIso();
  await db
    .insertInto('cbm')
    .values(
      cbms.map((cbm) => ({
        number: cbm.number,
        decision: cbm.decision,
        adoptedOn: cbm.adoptedOn,
        title: cbm.title,
        text: cbm.text,
        sourceUrl: cbm.decision === 'PC.DEC/1106' ? 'https://www.osce.org/pc/109168' : 'https://www.osce.org/pc/227281',
        updatedAt: now,
      })),
    )
    .execute();
}

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('institution').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Seeds the demo working group. Runs only on an empty database; returns the
 * demo password so the caller can print it once.
 */
export async function seedDemo(db: Db, options: { password?: string } = {}): Promise<{ password: string; generated: boolean } | null> {
  if (!(await databaseIsEmpty(db))) return null;
  const password = options.password ?? crypto.randomBytes(12).toString('base64url');
  const byName = new Map<string, string>();
  for (const seed of institutions as InstitutionSeed[]) {
    const extra = DESCRIPTIONS[seed.name];
    const row = await createInstitution(db, null, {
      name: seed.name,
      localName: seed.localName,
      acronym: seed.acronym,
      sector: seed.sector,
      level: seed.level,
      website: extra?.website,
      description: extra?.description ?? (seed.entity ? seed.entity : null),
    });
    const names = demoInstitutionNames(seed.name);
    if (names) await setInstitutionNames(db, row.id, names);
    byName.set(seed.name, row.id);
  }
  const passwordHash = await hashPassword(password);
  const people = new Map<string, string>();
  await db.transaction().execute(async (trx) => {
    for (const account of DEMO_ACCOUNTS) {
      const institutionId = byName.get(account.institution);
      if (!institutionId) throw new Error(`demo institution missing: ${account.institution}`);
      people.set(account.email, await insertPerson(trx, { ...account, institutionId, passwordHash }));
    }
  });
  await updateSettings(db, null, { groupName: 'Neretva Group', groupDescription: DEMO_GROUP_DESCRIPTION });
  await seedDemoDocuments(db, (name) => byName.get(name)!, people.get('secretariat@demo.example')!);
  await seedReviewDemo(db, (name) => byName.get(name)!, (email) => people.get(email)!);
  await seedTrackerDemo(db, (name) => byName.get(name)!, people);
  return { password, generated: options.password === undefined };
}

function demoText(file: string): string {
  return fs.readFileSync(new URL(`./content/${file}`, import.meta.url), 'utf8');
}

export const DEMO_STRATEGY_TITLE_BS = 'Strategija cyber sigurnosti Bosne i Hercegovine (radni nacrt)';

/** The working drafts of the demo (the strategy in English and Bosnian), their content built on the server as any new document is. */
async function seedDemoDocuments(db: Db, institution: (name: string) => string, authorId: string): Promise<void> {
  // The Bosnian draft has the same owner and participants as the English one: the same working group drafts both.
  const strategyInstitutions = [
    { institutionId: institution('Ministry of Communications and Transport of Bosnia and Herzegovina'), access: 'edit' as const },
    { institutionId: institution('BH Telecom'), access: 'edit' as const },
    { institutionId: institution('University of Sarajevo'), access: 'edit' as const },
    { institutionId: institution('e-Transformacija association'), access: 'comment' as const },
    { institutionId: institution('OSCE Mission to Bosnia and Herzegovina'), access: 'comment' as const },
  ];
  const drafts = [
    {
      file: 'strategy-working-draft.md',
      fields: {
        title: 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)',
        type: 'strategy' as const,
        language: 'en' as const,
        summary: 'The national strategy, one section per objective of the 2019 Guidelines, drafted by every sector together.',
        ownerInstitutionId: institution('Ministry of Security of Bosnia and Herzegovina'),
        tlp: 'AMBER' as const,
      },
      institutions: strategyInstitutions,
    },
    {
      // The same draft in Bosnian, linked to the English one as its language version below.
      file: 'strategy-working-draft.bs.md',
      fields: {
        title: DEMO_STRATEGY_TITLE_BS,
        type: 'strategy' as const,
        language: 'bs' as const,
        summary: 'Državna strategija, s po jednim poglavljem za svaki cilj Smjernica iz 2019. godine, koju zajedno izrađuju svi sektori.',
        ownerInstitutionId: institution('Ministry of Security of Bosnia and Herzegovina'),
        tlp: 'AMBER' as const,
      },
      institutions: strategyInstitutions,
    },
    {
      file: 'joint-action-plan-draft.md',
      fields: {
        title: 'Joint Action Plan 2026–2028',
        type: 'action_plan' as const,
        language: 'en' as const,
        summary: 'Concrete commitments for 2026–2028, each with an owner institution, a deadline and the OSCE CBMs it implements.',
        ownerInstitutionId: institution('Ministry of Communications and Transport of Bosnia and Herzegovina'),
        tlp: 'GREEN' as const,
      },
      institutions: [
        { institutionId: institution('Ministry of Security of Bosnia and Herzegovina'), access: 'edit' as const },
        { institutionId: institution('Association of Banks of Bosnia and Herzegovina'), access: 'edit' as const },
        { institutionId: institution('BH Telecom'), access: 'edit' as const },
        { institutionId: institution('OSCE Mission to Bosnia and Herzegovina'), access: 'comment' as const },
      ],
    },
  ];
  const created = new Map<string, { id: string; html: string }>();
  for (const draft of drafts) {
    const state = stateFromMarkdown(demoText(draft.file));
    const document = await createDocument(db, authorId, draft.fields, { institutions: draft.institutions, people: [] }, state, renderPlainText(state));
    created.set(draft.file, { id: document.id, html: renderHtml(state) });
  }
  // The English strategy is the source of its family; the Bosnian draft is its language version, up to date with it.
  const english = created.get('strategy-working-draft.md')!;
  await startFamily(db, english.id);
  await joinFamily(db, created.get('strategy-working-draft.bs.md')!.id, english.id, english.html);
}
