import type { EditorMessages } from './editor.types.ts';

/** Bosnian strings of the collaborative editor. */
const editorBs: EditorMessages = {
  placeholder: 'Počnite pisati…',
};

export default editorBs;
