import type languageVersionsEn from './languageVersions.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of language versions; the type keeps the keys equal to English. */
const languageVersionsBs: Widen<typeof languageVersionsEn> = {
  title: 'Jezičke verzije',
  source: 'izvornik',
  current: 'ova verzija',
  none: 'Ovaj dokument još nema drugih jezičkih verzija.',
  createLabel: 'Nova jezička verzija',
  createHelp: 'Novi dokument na tom jeziku, s istim vlasnikom, učesnicima i TLP oznakom, koji počinje izvornim tekstom za prevod.',
  create: 'Napravi jezičku verziju',
  sourceChanged: 'Izvornik je izmijenjen od {{date}}.',
  sourceChangedHelp: 'Uskladite ovu verziju, pa je označite kao usklađenu.',
  showChanges: 'Prikaži izmjene u izvorniku',
  diffHidden: 'Ne možete čitati izvornik, pa njegove izmjene nisu prikazane.',
  markUpToDate: 'Označi kao usklađeno s izvornikom',
  otherLanguages: 'Ova publikacija na drugim jezicima',
};

export default languageVersionsBs;
