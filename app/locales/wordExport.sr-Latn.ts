import type wordExportEn from './wordExport.en.ts';
import type { Widen } from './widen.ts';

/** Serbian (Latin) strings of the Word (.docx) export; the type keeps the keys equal to English. */
const wordExportSrLatn: Widen<typeof wordExportEn> = {
  menuLabel: 'Word',
  editionDownload: 'Word datoteka (.docx)',
  exportedOn: 'Izvezeno {{date}}',
  rationale: 'Obrazloženje predložene izmjene: {{rationale}}',
  proposal: 'Predložena izmjena',
};

export default wordExportSrLatn;
