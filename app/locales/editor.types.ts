import type editorEn from './editor.en.ts';
import type { Widen } from './widen.ts';

export type EditorMessages = Widen<typeof editorEn>;
