/** English strings of the collaborative editor (merged into en.ts under `editor`). */
const editorEn = {
  placeholder: 'Start writing…',
} as const;

export default editorEn;
