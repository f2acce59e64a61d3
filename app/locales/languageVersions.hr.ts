import type languageVersionsEn from './languageVersions.en.ts';
import type { Widen } from './widen.ts';

/** Croatian strings of language versions; the type keeps the keys equal to English. */
const languageVersionsHr: Widen<typeof languageVersionsEn> = {
  title: 'Jezične inačice',
  source: 'izvornik',
  current: 'ova inačica',
  none: 'Ovaj dokument još nema drugih jezičnih inačica.',
  createLabel: 'Nova jezična inačica',
  createHelp: 'Novi dokument na tom jeziku, s istim vlasnikom, sudionicima i TLP oznakom, koji počinje izvornim tekstom za prijevod.',
  create: 'Izradi jezičnu inačicu',
  sourceChanged: 'Izvornik je izmijenjen od {{date}}.',
  sourceChangedHelp: 'Uskladite ovu inačicu, a zatim je označite kao usklađenu.',
  showChanges: 'Prikaži izmjene u izvorniku',
  diffHidden: 'Ne možete čitati izvornik, pa njegove izmjene nisu prikazane.',
  markUpToDate: 'Označi kao usklađeno s izvornikom',
  otherLanguages: 'Ova publikacija na drugim jezicima',
};

export default languageVersionsHr;
