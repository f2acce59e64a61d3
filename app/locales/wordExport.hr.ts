import type wordExportEn from './wordExport.en.ts';
import type { Widen } from './widen.ts';

/** Croatian strings of the Word (.docx) export; the type keeps the keys equal to English. */
const wordExportHr: Widen<typeof wordExportEn> = {
  menuLabel: 'Word',
  editionDownload: 'Datoteka Word (.docx)',
  exportedOn: 'Izvezeno {{date}}',
  rationale: 'Obrazloženje predložene promjene: {{rationale}}',
  proposal: 'Predložena promjena',
};

export default wordExportHr;
