import type versionsEn from './versions.en.ts';
import type { Widen } from './widen.ts';

/** Croatian strings of the versions area; the type keeps the keys equal to English. */
const versionsHr: Widen<typeof versionsEn> = {
  title: 'Inačice',
  pageTitle: 'Inačice: {{title}}',
  lead: 'Spremljena stanja teksta: inačice koje su imenovali urednici, automatske inačice (najviše jednom na sat dok se tekst uređuje) i inačice pri svakoj promjeni u postupku.',
  backToDocument: 'Natrag na dokument',
  backToVersions: 'Sve inačice',
  openDocument: 'Otvori dokument',
  listCaption: 'Spremljene inačice ovog dokumenta, od najnovije',
  none: 'Još nije spremljena nijedna inačica.',
  columns: {
    number: 'Br.',
    name: 'Inačica',
    kind: 'Vrsta',
    author: 'Spremio/la',
    time: 'Spremljeno',
    words: 'Riječi',
  },
  kinds: {
    named: 'Imenovana',
    auto: 'Automatska',
    workflow: 'Postupak',
    restore: 'Vraćanje',
    suggestion: 'Prihvaćen prijedlog',
  },
  labels: {
    auto: 'Automatska inačica',
    workflow: 'Promjena u postupku',
    workflowNamed: 'Postupak: {{name}}',
    restore: 'Vraćeno: {{name}}',
    suggestion: 'Prihvaćen prijedlog: {{name}}',
    number: 'Inačica {{number}}',
  },
  automaticAuthor: 'Portal (automatski)',
  save: {
    legend: 'Spremi imenovanu inačicu',
    name: 'Naziv inačice',
    help: 'Na primjer: Tekst usuglašen na sastanku 12. ožujka. Najviše 200 znakova.',
    submit: 'Spremi inačicu',
  },
  compare: {
    legend: 'Usporedi dvije inačice',
    from: 'Stariji tekst',
    to: 'Noviji tekst',
    current: 'Trenutačni tekst',
    submit: 'Usporedi',
    needTwo: 'Najprije spremite inačicu kako biste je usporedili s trenutačnim tekstom.',
  },
  version: {
    title: 'Inačica {{number}}: {{label}}',
    readOnly: 'Spremljena inačica, prikazana samo za čitanje, onakva kakva je bila.',
    savedBy: 'Spremio/la {{name}}, {{date}}',
    compareWithCurrent: 'Usporedi s trenutačnim tekstom',
    restoreLegend: 'Vrati ovu inačicu',
    restoreHelp: 'Trenutačni tekst zamjenjuje se ovom inačicom za sve, i za one koji ga upravo uređuju. Ništa se ne gubi: trenutačni tekst ostaje u povijesti, a vraćanje se sprema kao nova inačica.',
    restoreSubmit: 'Vrati ovu inačicu',
  },
  comparePage: {
    title: 'Usporedba inačica',
    heading: 'Promjene od: {{from}} do: {{to}}',
    choose: 'Odaberite druge inačice',
    invalid: 'Odaberite dvije inačice za usporedbu.',
  },
  diff: {
    legendTitle: 'Kako su prikazane promjene',
    legendInserted: 'Dodani tekst je podcrtan',
    legendDeleted: 'Izbrisani tekst je precrtan',
    inserted: 'Dodano:',
    deleted: 'Izbrisano:',
    blockAdded: 'Novi blok',
    blockRemoved: 'Uklonjeni blok',
    tableRow: 'Redak tablice',
    noChanges: 'Oba su teksta ista.',
    sectionsChanged_one: '{{count}} odjeljak promijenjen',
    sectionsChanged_few: '{{count}} odjeljka promijenjena',
    sectionsChanged_other: '{{count}} odjeljaka promijenjeno',
    words_one: '+{{added}}/−{{removed}} riječ',
    words_few: '+{{added}}/−{{removed}} riječi',
    words_other: '+{{added}}/−{{removed}} riječi',
    summary: '{{sections}}, {{words}}',
  },
  notices: {
    'version-saved': 'Inačica je spremljena.',
    'version-restored': 'Inačica je vraćena. Svi koji sada uređuju dokument vide vraćeni tekst.',
  },
  errors: {
    invalidVersion: 'Ova inačica ne postoji.',
  },
};

export default versionsHr;
