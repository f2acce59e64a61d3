/**
 * A headless Lexical editor bound to a Y.Doc through @lexical/yjs, the way a
 * browser client is bound: the server renders, imports, places comment
 * anchors and restores versions with it. One place for the setup, so every
 * server-side editor registers the same nodes and binds the same root.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding, type Binding, type Provider, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { EDITOR_NAMESPACE, EDITOR_NODES, ROOT_NAME } from '../editor/nodes.ts';

/** @lexical/yjs only needs a provider for cursors and awareness; there are none on the server. */
const NO_PROVIDER = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    off: () => {},
    on: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  },
  connect: () => {},
  disconnect: () => {},
  off: () => {},
  on: () => {},
} as unknown as Provider;

export interface BoundEditor {
  editor: LexicalEditor;
  binding: Binding;
}

export function createServerEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: EDITOR_NAMESPACE,
    nodes: [...EDITOR_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

/** A new headless editor bound to `doc` (nothing flows until followDoc / writeToDoc). */
export function bindServerEditor(doc: Y.Doc, bindingId: string): BoundEditor {
  const editor = createServerEditor();
  const binding = createYjsBinding({ editor, id: bindingId, doc, docMap: new Map([[bindingId, doc]]), rootName: ROOT_NAME });
  return { editor, binding };
}

/** Applies changes of the Y.Doc to the editor (as a remote client's edits); returns the function that stops it. */
export function followDoc({ binding }: BoundEditor): () => void {
  const sharedRoot = binding.root.getSharedType();
  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, NO_PROVIDER, events as never, false, () => {});
  };
  sharedRoot.observeDeep(observer);
  return () => sharedRoot.unobserveDeep(observer);
}

/** Writes every editor update into the Y.Doc (as a local client's edits); returns the function that stops it. */
export function writeToDoc({ editor, binding }: BoundEditor): () => void {
  return editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, NO_PROVIDER, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
}

/** Loads `state` into a followed doc and commits the queued Lexical update synchronously. */
export function loadInto(bound: BoundEditor, doc: Y.Doc, state: Uint8Array): void {
  Y.applyUpdate(doc, state);
  bound.editor.update(() => {}, { discrete: true });
}
