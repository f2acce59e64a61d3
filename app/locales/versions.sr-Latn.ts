import type versionsEn from './versions.en.ts';
import type { Widen } from './widen.ts';

/** Serbian (Latin) strings of the versions area; the type keeps the keys equal to English. */
const versionsSrLatn: Widen<typeof versionsEn> = {
  title: 'Verzije',
  pageTitle: 'Verzije: {{title}}',
  lead: 'Sačuvana stanja teksta: verzije kojima su urednici dali naziv, automatske verzije (najviše jednom na sat dok se tekst uređuje) i verzije pri svakoj promjeni u postupku.',
  backToDocument: 'Nazad na dokument',
  backToVersions: 'Sve verzije',
  openDocument: 'Otvori dokument',
  listCaption: 'Sačuvane verzije ovog dokumenta, od najnovije',
  none: 'Još nije sačuvana nijedna verzija.',
  columns: {
    number: 'Br.',
    name: 'Verzija',
    kind: 'Vrsta',
    author: 'Sačuvao/la',
    time: 'Sačuvano',
    words: 'Riječi',
  },
  kinds: {
    named: 'Sa nazivom',
    auto: 'Automatska',
    workflow: 'Postupak',
    restore: 'Vraćanje',
    suggestion: 'Prihvaćen prijedlog',
  },
  labels: {
    auto: 'Automatska verzija',
    workflow: 'Promjena u postupku',
    workflowNamed: 'Postupak: {{name}}',
    restore: 'Vraćeno: {{name}}',
    suggestion: 'Prihvaćen prijedlog: {{name}}',
    number: 'Verzija {{number}}',
  },
  automaticAuthor: 'Portal (automatski)',
  save: {
    legend: 'Sačuvaj verziju sa nazivom',
    name: 'Naziv verzije',
    help: 'Na primjer: Tekst usaglašen na sastanku 12. marta. Najviše 200 karaktera.',
    submit: 'Sačuvaj verziju',
  },
  compare: {
    legend: 'Uporedi dvije verzije',
    from: 'Stariji tekst',
    to: 'Noviji tekst',
    current: 'Trenutni tekst',
    submit: 'Uporedi',
    needTwo: 'Prvo sačuvajte verziju da biste je uporedili sa trenutnim tekstom.',
  },
  version: {
    title: 'Verzija {{number}}: {{label}}',
    readOnly: 'Sačuvana verzija, prikazana samo za čitanje, onakva kakva je bila.',
    savedBy: 'Sačuvao/la {{name}}, {{date}}',
    compareWithCurrent: 'Uporedi sa trenutnim tekstom',
    restoreLegend: 'Vrati ovu verziju',
    restoreHelp: 'Trenutni tekst se zamjenjuje ovom verzijom za sve, i za one koji ga upravo uređuju. Ništa se ne gubi: trenutni tekst ostaje u istoriji, a vraćanje se čuva kao nova verzija.',
    restoreSubmit: 'Vrati ovu verziju',
  },
  comparePage: {
    title: 'Poređenje verzija',
    heading: 'Izmjene od: {{from}} do: {{to}}',
    choose: 'Izaberite druge verzije',
    invalid: 'Izaberite dvije verzije za poređenje.',
  },
  diff: {
    legendTitle: 'Kako su prikazane izmjene',
    legendInserted: 'Dodat tekst je podvučen',
    legendDeleted: 'Obrisan tekst je precrtan',
    inserted: 'Dodato:',
    deleted: 'Obrisano:',
    blockAdded: 'Novi blok',
    blockRemoved: 'Uklonjen blok',
    tableRow: 'Red tabele',
    noChanges: 'Dva teksta su ista.',
    sectionsChanged_one: '{{count}} odjeljak izmijenjen',
    sectionsChanged_few: '{{count}} odjeljka izmijenjena',
    sectionsChanged_other: '{{count}} odjeljaka izmijenjeno',
    words_one: '+{{added}}/−{{removed}} riječ',
    words_few: '+{{added}}/−{{removed}} riječi',
    words_other: '+{{added}}/−{{removed}} riječi',
    summary: '{{sections}}, {{words}}',
  },
  notices: {
    'version-saved': 'Verzija je sačuvana.',
    'version-restored': 'Verzija je vraćena. Svi koji sada uređuju dokument vide vraćeni tekst.',
  },
  errors: {
    invalidVersion: 'Ova verzija ne postoji.',
  },
};

export default versionsSrLatn;
