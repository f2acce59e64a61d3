import type commentsEn from './comments.en.ts';
import type { Widen } from './widen.ts';

/** Serbian (Latin) strings of the comments area; the type keeps the keys equal to English. */
const commentsSrLatn: Widen<typeof commentsEn> = {
  title: 'komentari',
  panelTitle: 'Komentari',
  addComment: 'Komentariši',
  newThread: 'Novi komentar na označeni tekst',
  quoteLabel: 'Na:',
  firstComment: 'Vaš komentar',
  post: 'Objavi komentar',
  reply: 'Odgovor',
  postReply: 'Pošalji odgovor',
  resolve: 'Riješi',
  reopen: 'Ponovo otvori',
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
  anyone: 'Bilo ko',
  filterInstitution: 'Institucija',
  anyInstitution: 'Bilo koja institucija',
  applyFilters: 'Primijeni filtere',
  openCount_one: '{{count}} otvorena rasprava',
  openCount_few: '{{count}} otvorene rasprave',
  openCount_other: '{{count}} otvorenih rasprava',
  none: 'Još nema komentara.',
  howToComment: 'Označite tekst u dokumentu, pa pritisnite Komentariši (Ctrl+Alt+M).',
  mentionHelp: 'Upišite @ i dio imena da biste pomenuli nekoga ko može da čita ovaj dokument.',
  mentionSuggestions: 'Osobe koje možete pomenuti',
  errors: {
    bodyRequired: 'Prvo napišite komentar.',
    noSelection: 'Označite tekst koji želite da komentarišete.',
    selectionTooLong: 'Označeni tekst je predug za jedan komentar. Označite manje.',
    textChanged: 'Neko je upravo izmijenio označeni tekst. Označite ga ponovo i pokušajte opet.',
    duplicate: 'Ovaj komentar je već objavljen.',
    notSaved: 'Vaš komentar nije sačuvan.',
    notSavedShort: 'Vaš komentar nije sačuvan. Pokušajte ponovo.',
    offline: 'Portal nije dostupan. Provjerite vezu i pokušajte ponovo.',
  },
};

export default commentsSrLatn;
