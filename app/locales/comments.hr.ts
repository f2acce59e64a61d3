import type commentsEn from './comments.en.ts';
import type { Widen } from './widen.ts';

/** Croatian strings of the comments area; the type keeps the keys equal to English. */
const commentsHr: Widen<typeof commentsEn> = {
  title: 'komentari',
  panelTitle: 'Komentari',
  addComment: 'Komentiraj',
  newThread: 'Novi komentar na označeni tekst',
  quoteLabel: 'Na:',
  firstComment: 'Vaš komentar',
  post: 'Objavi komentar',
  reply: 'Odgovori',
  postReply: 'Pošalji odgovor',
  resolve: 'Riješi',
  reopen: 'Ponovno otvori',
  showInText: 'Prikaži u tekstu',
  textRemoved: 'Tekst je uklonjen',
  threadBy: 'Raspravu otvorio/la {{name}}',
  commentsInThread: 'Komentari u ovoj raspravi',
  resolvedBy: 'Riješio/la {{name}}, {{date}}',
  status: {
    open: 'Otvoreno',
    resolved: 'Riješeno',
  },
  filterStatus: 'Prikaži',
  allThreads: 'Sve rasprave',
  filterAuthor: 'Otvorio/la',
  anyone: 'Bilo tko',
  filterInstitution: 'Ustanova',
  anyInstitution: 'Bilo koja ustanova',
  applyFilters: 'Primijeni filtre',
  openCount_one: '{{count}} otvorena rasprava',
  openCount_few: '{{count}} otvorene rasprave',
  openCount_other: '{{count}} otvorenih rasprava',
  none: 'Još nema komentara.',
  howToComment: 'Označite tekst u dokumentu, a zatim pritisnite Komentiraj (Ctrl+Alt+M).',
  mentionHelp: 'Upišite @ i dio imena kako biste spomenuli nekoga tko može čitati ovaj dokument.',
  mentionSuggestions: 'Osobe koje možete spomenuti',
  errors: {
    bodyRequired: 'Najprije napišite komentar.',
    noSelection: 'Označite tekst koji želite komentirati.',
    selectionTooLong: 'Označeni je tekst predugačak za jedan komentar. Označite manje.',
    textChanged: 'Netko je upravo promijenio označeni tekst. Ponovno ga označite i pokušajte opet.',
    duplicate: 'Ovaj je komentar već objavljen.',
    notSaved: 'Vaš komentar nije spremljen.',
    notSavedShort: 'Vaš komentar nije spremljen. Pokušajte ponovno.',
    offline: 'Portal nije dostupan. Provjerite vezu i pokušajte ponovno.',
  },
};

export default commentsHr;
