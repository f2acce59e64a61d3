/** English strings of the Word (.docx) export (merged into en.ts under `wordExport`). */
const wordExportEn = {
  /** The button in the document page's export menu. */
  menuLabel: 'Word',
  /** The link in a public edition's downloads. */
  editionDownload: 'Word file (.docx)',
  exportedOn: 'Exported {{date}}',
  /** The Word comment that carries a suggestion's reason. */
  rationale: 'Reason for the proposed change: {{rationale}}',
  /** The same comment when no reason was given but someone replied. */
  proposal: 'Proposed change',
};

export default wordExportEn;
