import type wordExportEn from './wordExport.en.ts';
import type { Widen } from './widen.ts';

/** Bosnian strings of the Word (.docx) export; the type keeps the keys equal to English. */
const wordExportBs: Widen<typeof wordExportEn> = {
  menuLabel: 'Word',
  editionDownload: 'Word datoteka (.docx)',
  exportedOn: 'Izvezeno {{date}}',
  rationale: 'Obrazloženje prijedloga izmjene: {{rationale}}',
  proposal: 'Prijedlog izmjene',
};

export default wordExportBs;
