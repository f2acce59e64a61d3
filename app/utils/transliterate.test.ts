import { describe, expect, test } from 'vitest';
import en from '../locales/en.ts';
import srCyrl from '../locales/sr-Cyrl.ts';
import srLatn from '../locales/sr-Latn.ts';
import { cyrillicToLatin, latinToCyrillic, transliterateMessages } from './transliterate.ts';

function* strings(tree: object, path = ''): Generator<[string, string]> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') yield [path + key, value];
    else yield* strings(value as object, `${path}${key}.`);
  }
}

// Real sentences, and their Cyrillic as a Serbian reader in BiH writes it.
const SENTENCES: [string, string][] = [
  ['Javno-privatna saradnja u oblasti sajber bezbjednosti', 'Јавно-приватна сарадња у области сајбер безбједности'],
  ['Ljudi iz opštine Ljubinje dolaze u ponedjeljak.', 'Људи из општине Љубиње долазе у понедјељак.'],
  ['Njegov džep je pun hiljada maraka.', 'Његов џеп је пун хиљада марака.'],
  ['Đorđe je poslao izvještaj prošle sedmice.', 'Ђорђе је послао извјештај прошле седмице.'],
  ['Sekretarijat čuva istoriju svake verzije.', 'Секретаријат чува историју сваке верзије.'],
  ['Rok je 15. januar, a sljedeći 3. februar.', 'Рок је 15. јануар, а сљедећи 3. фебруар.'],
  ['Džemal i Ljiljana su u Tuzli; Njegoš nije.', 'Џемал и Љиљана су у Тузли; Његош није.'],
];

describe('Serbian Latin ↔ Cyrillic', () => {
  test.each(SENTENCES)('%s', (latin, cyrillic) => {
    expect(latinToCyrillic(latin)).toBe(cyrillic);
    expect(cyrillicToLatin(cyrillic)).toBe(latin);
  });

  test('lj, nj and dž are single letters in every case', () => {
    expect(latinToCyrillic('ljubav Ljubav LJUBAV')).toBe('љубав Љубав ЉУБАВ');
    expect(latinToCyrillic('konj Njiva NJIVA')).toBe('коњ Њива ЊИВА');
    expect(latinToCyrillic('džamija Džamija DŽAMIJA')).toBe('џамија Џамија ЏАМИЈА');
    expect(cyrillicToLatin('љубав Љубав ЉУБАВ')).toBe('ljubav Ljubav LJUBAV');
    expect(cyrillicToLatin('Њ Н ЏЕП')).toBe('Nj N DŽEP');
  });

  test('a word in capitals is an acronym unless only Serbian writes it so', () => {
    expect(latinToCyrillic('ČLAN ŠEF NJIVA TLP:CLEAR')).toBe('ЧЛАН ШЕФ ЊИВА TLP:CLEAR');
    // Documented limit: with no such letter, capitals read as an acronym.
    expect(latinToCyrillic('SAVJET')).toBe('SAVJET');
  });

  test('the single-code-point digraphs become Cyrillic too', () => {
    expect(latinToCyrillic('ǉubav ǋiva ǅep')).toBe('љубав Њива Џеп');
  });

  test('across a prefix, d+ž and n+j are two letters', () => {
    expect(latinToCyrillic('nadživjeti')).toBe('надживјети');
    expect(latinToCyrillic('Nadživio je sve.')).toBe('Надживио је све.');
    expect(latinToCyrillic('podžupan')).toBe('поджупан');
    expect(latinToCyrillic('odžaliti')).toBe('оджалити');
    expect(latinToCyrillic('injekcija, injekcije')).toBe('инјекција, инјекције');
    expect(latinToCyrillic('konjunkcija')).toBe('конјункција');
    expect(latinToCyrillic('vanjezički')).toBe('ванјезички');
    // …and the same letters in words without a prefix stay digraphs.
    expect(latinToCyrillic('odžak konj vanjski')).toBe('оџак коњ вањски');
    expect(cyrillicToLatin('надживјети инјекција')).toBe('nadživjeti injekcija');
  });

  test('placeholders, nesting, tags, URLs and e-mail addresses are left as they are', () => {
    expect(latinToCyrillic('Prijavljeni ste kao {{name}}')).toBe('Пријављени сте као {{name}}');
    expect(latinToCyrillic('{{count}} od {{total, number}} završeno')).toBe('{{count}} од {{total, number}} завршено');
    expect(latinToCyrillic('Vidi $t(nav.documents) i <strong>ovo</strong>')).toBe('Види $t(nav.documents) и <strong>ово</strong>');
    expect(latinToCyrillic('Adresa https://portal.example.ba/dokumenti?lng=sr ili www.osce.org/bih')).toBe(
      'Адреса https://portal.example.ba/dokumenti?lng=sr или www.osce.org/bih',
    );
    expect(latinToCyrillic('Pišite na ime.prezime@mbs.gov.ba ili example.org.')).toBe('Пишите на ime.prezime@mbs.gov.ba или example.org.');
    expect(latinToCyrillic('Učitajte .csv ili .xlsx, pa pritisnite Ctrl+Alt+M; status in_progress.')).toBe(
      'Учитајте .csv или .xlsx, па притисните Ctrl+Alt+M; статус in_progress.',
    );
  });

  test('foreign acronyms and names stay Latin; Serbian acronyms become Cyrillic', () => {
    expect(latinToCyrillic('Mjere OSCE-a (CBM), CSIRT, TLP:AMBER+STRICT, CSV, PDF, URL, ID, IT, ICT i UTF-8')).toBe(
      'Мјере OSCE-а (CBM), CSIRT, TLP:AMBER+STRICT, CSV, PDF, URL, ID, IT, ICT и UTF-8',
    );
    expect(latinToCyrillic('Budžet BiH, EU IPA, IKT-a, 20 MB, GGGG-MM-DD')).toBe('Буџет БиХ, ЕУ ИПА, ИКТ-а, 20 МБ, ГГГГ-ММ-ДД');
    expect(latinToCyrillic('Uvoz iz Excel ili Word datoteke, Markdown, GitHub, Hocuspocus, Lexical i JavaScript')).toBe(
      'Увоз из Excel или Word датотеке, Markdown, GitHub, Hocuspocus, Lexical и JavaScript',
    );
    expect(latinToCyrillic('PostgreSQL i SQLite čuvaju podatke')).toBe('PostgreSQL и SQLite чувају податке');
    // Exact words only: "Tab" is a key, "Tabela" is Serbian.
    expect(latinToCyrillic('Taster Tab, Tabela')).toBe('Тастер Tab, Табела');
  });

  test('Cyrillic to Latin leaves Latin text as it is', () => {
    expect(cyrillicToLatin('Мјере OSCE-а (CBM) и {{count}} Excel датотека')).toBe('Mjere OSCE-a (CBM) i {{count}} Excel datoteka');
    expect(cyrillicToLatin('Москва и Київ')).toBe('Moskva i Kiїv'); // non-Serbian letters pass through
  });

  test('transliterateMessages maps every string and keeps the keys', () => {
    const tree = { a: 'ljudi', b: { c_one: '{{count}} njiva', d: ['džep'] } };
    expect(transliterateMessages(tree)).toEqual({ a: 'људи', b: { c_one: '{{count}} њива', d: ['џеп'] } });
  });
});

describe('the sr-Cyrl messages', () => {
  const latin = new Map(strings(srLatn));
  const cyrillic = new Map(strings(srCyrl));

  test('have the keys of en.ts and of sr-Latn', () => {
    const keys = [...strings(en)].map(([key]) => key).sort();
    expect([...latin.keys()].sort()).toEqual(keys);
    expect([...cyrillic.keys()].sort()).toEqual(keys);
  });

  test('are in Cyrillic, with the placeholders of en.ts', () => {
    expect(srCyrl.nav.settings).toBe('Подешавања');
    expect(srCyrl.app.tagline).toBe('Јавно-приватна сарадња у области сајбер безбједности');
    expect(srCyrl.documentLanguages['sr-Cyrl']).toBe('Српски (ћирилица)');
    const placeholders = (s: string) => (s.match(/\{\{[^}]*\}\}|\$t\([^)]*\)/g) ?? []).sort().join();
    const differing = [...strings(en)]
      .filter(([key, english]) => placeholders(latin.get(key)!) !== placeholders(english) || placeholders(cyrillic.get(key)!) !== placeholders(english))
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  test('every sr-Latn string comes back unchanged from Cyrillic', () => {
    expect(latin.size).toBeGreaterThan(1000);
    const changed = [...latin].filter(([key, text]) => cyrillicToLatin(cyrillic.get(key)!) !== text);
    expect(changed).toEqual([]);
  });
});
