/**
 * Replaces a document's content with another state's content as a NEW Yjs
 * change, written the way a browser editor would write it: through a headless
 * Lexical editor bound to the document with @lexical/yjs. Connected browsers
 * therefore apply it like any collaborator's edit, and nothing in the
 * document's history is rewritten.
 *
 * Only the top-level blocks that differ are replaced (an array diff of their
 * serialised form), so text that a restore does not change keeps its Yjs
 * items, and with them any comment anchored to it.
 */
import { diffArrays } from 'diff';
import { $createParagraphNode, $getRoot, $parseSerializedNode, type LexicalEditor, type LexicalNode, type SerializedLexicalNode } from 'lexical';
import * as Y from 'yjs';
import { bindServerEditor, followDoc, loadInto, writeToDoc } from './headless-binding.server.ts';

const BINDING_ID = 'restore';

interface BoundEditor {
  editor: LexicalEditor;
  doc: Y.Doc;
  dispose(): void;
}

/** A headless editor bound to a fresh Y.Doc holding `state`, syncing both ways like a browser client. */
function bindEditor(state: Uint8Array): BoundEditor {
  const doc = new Y.Doc();
  const bound = bindServerEditor(doc, BINDING_ID);
  const { editor } = bound;
  const stopFollowing = followDoc(bound);
  const removeListener = writeToDoc(bound);
  loadInto(bound, doc, state);
  return {
    editor,
    doc,
    dispose() {
      removeListener();
      stopFollowing();
      doc.destroy();
    },
  };
}

function topLevelBlocks(editor: LexicalEditor): SerializedLexicalNode[] {
  return editor.getEditorState().toJSON().root.children;
}

export interface Replacement {
  /** The Yjs update that turns `current` into the replacement's content (empty-ish if nothing differs). */
  update: Uint8Array;
  /** The full state after the update. */
  state: Uint8Array;
}

/**
 * Computes, on a private copy of `current`, the change that makes its content
 * equal to `replacement`'s content. Apply `update` to the live document.
 */
export function replaceContent(current: Uint8Array, replacement: Uint8Array): Replacement {
  const source = bindEditor(replacement);
  const target = bindEditor(current);
  try {
    const wanted = topLevelBlocks(source.editor);
    const present = topLevelBlocks(target.editor);
    const before = Y.encodeStateVector(target.doc);
    const changes = diffArrays(
      present.map((block) => JSON.stringify(block)),
      wanted.map((block) => JSON.stringify(block)),
    );
    target.editor.update(
      () => {
        const root = $getRoot();
        const children = root.getChildren();
        let index = 0;
        let previous: LexicalNode | null = null;
        for (const change of changes) {
          if (change.removed) {
            for (let i = 0; i < change.count; i++) children[index++].remove();
          } else if (change.added) {
            for (const json of change.value) {
              const node = $parseSerializedNode(JSON.parse(json) as SerializedLexicalNode);
              if (previous) previous.insertAfter(node);
              else {
                const first = root.getFirstChild();
                if (first) first.insertBefore(node);
                else root.append(node);
              }
              previous = node;
            }
          } else {
            for (let i = 0; i < change.count; i++) previous = children[index++];
          }
        }
        if (root.getChildrenSize() === 0) root.append($createParagraphNode());
      },
      { discrete: true },
    );
    return { update: Y.encodeStateAsUpdate(target.doc, before), state: Y.encodeStateAsUpdate(target.doc) };
  } finally {
    source.dispose();
    target.dispose();
  }
}
