import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stateFromMarkdown } from '../../app/content/render.server.ts';
import { getCbm, listCbms } from '../../app/models/cbm.server.ts';
import { listInstitutionOptions, listInstitutions } from '../../app/models/institution.server.ts';
import { listPublications } from '../../app/models/publication.server.ts';
import { actionFilters } from '../../app/schemas/action-filters.ts';
import { queryActionItems } from '../../app/services/scoped-reads.server.ts';
import { cyrillicToLatin } from '../../app/utils/transliterate.ts';
import { seedDemo, seedReferenceData, DEMO_STRATEGY_TITLE_BS } from '../../db/seeds/demo.server.ts';
import { createDraft, publishCurrentText } from '../support/publications.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

const MINISTRY = 'Ministry of Security of Bosnia and Herzegovina';

describe.each(dialects)('content in the reader language on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReferenceData(database.db);
    await seedDemo(database.db, { password: 'demo-password-for-tests' });
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('the 16 CBMs read in every language, and always carry the official English text', async () => {
    const english = await listCbms(database.db);
    expect(english).toHaveLength(16);
    expect(english.every((c) => c.language === 'en' && c.title === c.official.title)).toBe(true);
    for (const language of ['bs', 'hr', 'sr-Latn', 'sr-Cyrl']) {
      const cbms = await listCbms(database.db, language);
      expect(cbms.map((c) => c.language)).toEqual(Array(16).fill(language));
      expect(cbms.map((c) => c.official.title)).toEqual(english.map((c) => c.title));
      // Translated, not copied: no title or text is the English one.
      expect(cbms.filter((c, i) => c.title === english[i].title || c.text === english[i].text)).toEqual([]);
    }
    expect((await getCbm(database.db, 2, 'bs'))?.title).toBe('Saradnja nadležnih nacionalnih tijela');
    expect((await getCbm(database.db, 2, 'hr'))?.title).toBe('Suradnja nadležnih nacionalnih tijela');
    expect((await getCbm(database.db, 2, 'sr-Latn'))?.text).toContain('bezbjednosti IKT-a');
    const cyrillic = await getCbm(database.db, 2, 'sr-Cyrl');
    expect(cyrillic?.title).toBe('Сарадња надлежних националних органа');
    expect(cyrillicToLatin(cyrillic!.text)).toBe((await getCbm(database.db, 2, 'sr-Latn'))?.text);
    // A language without translations falls back to the official text.
    expect((await getCbm(database.db, 2, 'de'))?.language).toBe('en');
  });

  test('loading the translations again adds nothing and keeps a corrected one', async () => {
    await database.db.updateTable('cbmTranslation').set({ title: 'Ispravljen naslov' }).where('cbmNumber', '=', 1).where('language', '=', 'bs').execute();
    await seedReferenceData(database.db);
    const rows = await database.db.selectFrom('cbmTranslation').select('cbmNumber').execute();
    expect(rows).toHaveLength(64);
    expect((await getCbm(database.db, 1, 'bs'))?.title).toBe('Ispravljen naslov');
  });

  test('institution lists use the name in the reader language, sort by it, and fall back to English', async () => {
    const byEnglish = async (language: string) => new Map((await listInstitutions(database.db, {}, language)).map((i) => [i.englishName, i]));
    expect((await byEnglish('bs')).get(MINISTRY)).toMatchObject({ name: 'Ministarstvo sigurnosti BiH', nameLanguage: 'bs' });
    expect((await byEnglish('sr-Latn')).get(MINISTRY)?.name).toBe('Ministarstvo bezbjednosti BiH');
    expect((await byEnglish('sr-Cyrl')).get(MINISTRY)?.name).toBe('Министарство безбједности БиХ');
    expect((await byEnglish('hr')).get('University of Sarajevo')?.name).toBe('Sveučilište u Sarajevu');
    // No local name: the English one, marked as English.
    expect((await byEnglish('bs')).get('NATO')).toMatchObject({ name: 'NATO', nameLanguage: 'en' });
    expect((await byEnglish('en')).get(MINISTRY)?.name).toBe(MINISTRY);

    const all = await listInstitutions(database.db, {});
    const named = all.filter((i) => i.localName !== null).length;
    expect(named).toBe(29);
    const translated = (await listInstitutions(database.db, {}, 'bs')).filter((i) => i.nameLanguage === 'bs').length;
    expect(translated).toBeGreaterThanOrEqual(named);

    const options = await listInstitutionOptions(database.db, 'bs');
    const names = options.map((o) => o.name);
    expect(names).toContain('Ministarstvo sigurnosti BiH');
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
  });

  test('an institution is found by its name in any language, whatever the script of the query', async () => {
    const found = async (query: string) => (await listInstitutions(database.db, { query }, 'en')).map((i) => i.name);
    expect(await found('bezbjednosti')).toContain(MINISTRY);
    expect(await found('безбједности')).toContain(MINISTRY);
    expect(await found('Sveučilište')).toContain('University of Sarajevo');
    expect(await found('sveuciliste')).toContain('University of Sarajevo');
    expect(await found('Савјет министара')).toContain('Council of Ministers of Bosnia and Herzegovina');
    expect(await found('nepostojeca institucija')).toEqual([]);
  });

  test('the demo has the strategy draft in Bosnian and a third of its action items with Bosnian titles', async () => {
    const strategies = await database.db.selectFrom('document').select(['title', 'language']).where('type', '=', 'strategy').orderBy('language').execute();
    expect(strategies).toEqual([
      { title: DEMO_STRATEGY_TITLE_BS, language: 'bs' },
      { title: 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)', language: 'en' },
    ]);
    const items = await database.db.selectFrom('actionItem').select('title').execute();
    // Bosnian titles use these words and none of the English ones.
    const bosnian = items.filter((i) => /\b(za|o|u|s|i|na|pri|uz)\b/.test(i.title) && !/\b(the|for|of|and|with|to|on)\b/i.test(i.title));
    expect(bosnian.length).toBeGreaterThanOrEqual(items.length / 3);
    expect(bosnian.map((i) => i.title)).toContain('Formalni CERT za institucije Federacije BiH');
  });

  test('action items are found whatever the script and diacritics of the query', async () => {
    const { db } = database;
    const admin = await db.selectFrom('user').select(['id', 'role', 'institutionId']).where('email', '=', 'admin@demo.example').executeTakeFirstOrThrow();
    const codes = async (q: string) => (await queryActionItems(db, admin, actionFilters({ q }), {})).rows.map((r) => r.code).sort();
    expect(await codes('Формални CERT')).toEqual(['4.2']);
    expect(await codes('координисаног откривања')).toEqual(['5.4']);
    expect(await codes('koordinisanog otkrivanja')).toEqual(['5.4']);
    const item = await db.selectFrom('actionItem').select('id').where('code', '=', '9.8').executeTakeFirstOrThrow();
    await db.updateTable('actionItem').set({ title: 'Безбједносни билтени за операторе' }).where('id', '=', item.id).execute();
    expect(await codes('bezbjednosni bilteni')).toEqual(['9.8']);
    expect(await codes('BEZBJEDNOSNI')).toEqual(['9.8']);
  });

  test('a publication in Cyrillic is found with a Latin query, and a Latin one with a Cyrillic query', async () => {
    const { db } = database;
    const secretariat = await db.selectFrom('user').select(['id', 'institutionId']).where('email', '=', 'secretariat@demo.example').executeTakeFirstOrThrow();
    const cyrillic = await createDraft(db, {
      actorId: secretariat.id,
      ownerInstitutionId: secretariat.institutionId,
      language: 'sr-Cyrl',
      title: 'Смјернице за безбједност',
      state: stateFromMarkdown('Заштита критичне инфраструктуре у Републици Српској.'),
    });
    const latin = await createDraft(db, {
      actorId: secretariat.id,
      ownerInstitutionId: secretariat.institutionId,
      language: 'hr',
      title: 'Smjernice za kibernetičku sigurnost',
      state: stateFromMarkdown('Zaštita kritične infrastrukture i tisuća mjera.'),
    });
    for (const draft of [cyrillic, latin]) await publishCurrentText(db, { documentId: draft.id, actorId: secretariat.id, bump: 'major', changelog: 'Prvo izdanje.' });
    // Only these two: the demo's own editions (the Serbian Guidelines say "безбједност" too) are not what is tested here.
    const ours = new Set([cyrillic.id, latin.id]);
    const titles = async (query: string) => (await listPublications(db, { query })).filter((p) => ours.has(p.documentId)).map((p) => p.title).sort();
    expect(await titles('bezbjednost')).toEqual(['Смјернице за безбједност']);
    expect(await titles('kriticne infrastrukture')).toEqual(['Smjernice za kibernetičku sigurnost', 'Смјернице за безбједност']);
    expect(await titles('кибернетичку')).toEqual(['Smjernice za kibernetičku sigurnost']);
    expect(await titles('тисућа')).toEqual(['Smjernice za kibernetičku sigurnost']);
    expect(await titles('Republici Srpskoj')).toEqual(['Смјернице за безбједност']);
    expect(await titles('nepostojeća riječ')).toEqual([]);
  });
});
