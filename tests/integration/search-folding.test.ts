import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createDocument, updateDocumentSearchText, updateDocumentSettings } from '../../app/models/document.server.ts';
import { listDocuments } from '../../app/services/scoped-reads.server.ts';
import { listInstitutions } from '../../app/models/institution.server.ts';
import type { Actor } from '../../app/policies/permissions.ts';
import { foldForSearch } from '../../app/utils/search-text.ts';
import type { DocumentLanguage } from '../../db/schema.ts';
import { makeInstitution, makePerson, unique } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-database.ts';

/** Real sentences in the five languages, in both scripts, with every letter the folding treats specially. */
const CORPUS = [
  'Zaštita kritične infrastrukture',
  'Заштита критичне инфраструктуре',
  'Безбједност информационих система у Републици Српској',
  'Strategija kibernetičke sigurnosti — tisuća mjera',
  'Ђурђевић, Љубљана, Његош, Џамија, ЧЕЋУША, Шума, Жена',
  'Đurđević i Djurdjević u podjeli odjela',
  'DŽEMAL ŽIVKOVIĆ ČIČAK ĆUPRIJA ŠUŠNJAR ĐAKOVO',
  'Cybersecurity strategy of Bosnia and Herzegovina (CERT-RS, 2026)',
  'Одјел за информациону безбједност',
];

function textState(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('foldForSearch', () => {
  test('folds diacritics, script, case and đ/dj alike', () => {
    expect(foldForSearch('Kritična')).toBe('kriticna');
    expect(foldForSearch('безбједност')).toBe(foldForSearch('bezbjednost'));
    expect(foldForSearch('БЕЗБЈЕДНОСТ')).toBe('bezbjednost');
    expect(foldForSearch('Đurđević')).toBe('durdevic');
    expect(foldForSearch('Djurdjević')).toBe('durdevic');
    expect(foldForSearch('Ђурђевић')).toBe('durdevic');
    expect(foldForSearch('Љубљана Његош Џамија')).toBe('ljubljana njegos dzamija');
    expect(foldForSearch('Džamija')).toBe('dzamija');
    expect(foldForSearch('CERT-RS 2026')).toBe('cert-rs 2026');
  });
});

describe.each(dialects)('search ignoring diacritics and script on %s', (dialect) => {
  let database: TestDatabase;
  let actor: Actor;
  let owner: string;
  const ids: Record<string, string> = {};

  async function newDocument(key: string, title: string, body: string, language: DocumentLanguage) {
    const doc = await createDocument(
      database.db,
      actor.id,
      { title, type: 'strategy', language, summary: '', ownerInstitutionId: owner, tlp: 'GREEN' },
      { institutions: [], people: [] },
      textState(body),
      body,
    );
    ids[key] = doc.id;
  }

  async function found(query: string): Promise<string[]> {
    const rows = await listDocuments(database.db, actor, { query });
    const names = Object.entries(ids);
    return rows.map((row) => names.find(([, id]) => id === row.id)?.[0] ?? row.id).sort();
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    owner = (await makeInstitution(database.db, { name: `Ministarstvo sigurnosti ${unique()}` })).id;
    const person = await makePerson(database.db, { institutionId: owner, role: 'member' });
    actor = { id: person.id, role: 'member', institutionId: owner };
    await newDocument('cyrillic', 'Стратегија безбједности', 'Заштита критичне инфраструктуре у Републици Српској.', 'sr-Cyrl');
    await newDocument('latin', 'Smjernice za sigurnost', 'Kritična infrastruktura i bezbjednost mreža.', 'bs');
    await newDocument('english', 'Cyber strategy', 'Critical infrastructure protection.', 'en');
  });

  afterAll(async () => {
    await database?.cleanup();
  });

  test('the SQL portal_fold gives the same words as foldForSearch', async () => {
    // Words are what search matches; PostgreSQL's unaccent also turns punctuation such as "—" into "-".
    const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu);
    for (const text of CORPUS) {
      const { rows } = await sql<{ folded: string }>`select portal_fold(${text}) as folded`.execute(database.db);
      expect(words(rows[0].folded), text).toEqual(words(foldForSearch(text)));
    }
  });

  test('a Latin query finds a Cyrillic document, and a Cyrillic query a Latin one', async () => {
    expect(await found('bezbjednost')).toEqual(['cyrillic', 'latin']);
    expect(await found('strategija bezbjednosti')).toEqual(['cyrillic']);
    expect(await found('kriticne infrastrukture')).toEqual(['cyrillic']);
    expect(await found('безбједност')).toEqual(['cyrillic', 'latin']);
    expect(await found('смјернице')).toEqual(['latin']);
    expect(await found('сигурност')).toEqual(['latin']);
  });

  test('diacritics do not matter: kriticna finds kritična, and the reverse', async () => {
    expect(await found('kriticna')).toEqual(['latin']);
    expect(await found('kritična infrastruktura')).toEqual(['latin']);
    expect(await found('KRITIČNA')).toEqual(['latin']);
    // A word that is not there finds nothing: the folding does not match everything.
    expect(await found('kriticnost')).toEqual([]);
    expect(await found('critical')).toEqual(['english']);
  });

  test('titles and text changed later are folded too', async () => {
    await updateDocumentSearchText(database.db, ids.english, 'Ђурђевдан and Džamija');
    expect(await found('djurdjevdan')).toEqual(['english']);
    expect(await found('durdevdan')).toEqual(['english']);
    expect(await found('џамија')).toEqual(['english']);
    await updateDocumentSettings(
      database.db,
      actor.id,
      ids.english,
      { title: 'Šumska strategija', type: 'strategy', language: 'en', summary: '', ownerInstitutionId: owner, tlp: 'GREEN' },
      { institutions: [], people: [] },
    );
    expect(await found('шумска')).toEqual(['english']);
    expect(await found('sumska')).toEqual(['english']);
  });

  test('institutions are found whatever the script and diacritics of the query', async () => {
    const names = async (query: string) => (await listInstitutions(database.db, { query })).map((i) => i.id);
    expect(await names('сигурности')).toEqual([owner]);
    expect(await names('MINISTARSTVO SIGURNOSTI')).toEqual([owner]);
    expect(await names('bezbjednosti')).toEqual([]);
  });
});
