import type editorEn from './editor.en.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type EditorMessages = Widen<typeof editorEn>;
