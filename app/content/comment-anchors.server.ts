/**
 * Comment anchors live in the shared Yjs document as Lexical MarkNodes whose
 * id is the thread id, so an anchor moves with its text while people edit
 * (decision 013). The server applies the mark itself: commenters' sockets are
 * read-only, and a mark written by the server cannot carry anything else.
 */
import { $wrapSelectionInMarkNode } from '@lexical/mark';
import { $setSelection } from 'lexical';
import * as Y from 'yjs';
import { ROOT_NAME } from '../editor/nodes.ts';
import { bindServerEditor, followDoc, loadInto, writeToDoc } from './headless-binding.server.ts';
import { $normalizeTextRange, $textRange, type TextPoint } from '../editor/text-points.ts';

export interface AnchorRequest {
  threadId: string;
  start: TextPoint;
  end: TextPoint;
  /** The selected text as the browser saw it; the anchor is refused if the server's text differs. */
  quote: string;
}

/** Why an anchor could not be placed: the text moved or went away meanwhile. */
export class AnchorError extends Error {
  constructor(readonly code: 'not-found' | 'text-changed') {
    super(`comment anchor refused: ${code}`);
    this.name = 'AnchorError';
  }
}

const BINDING_ID = 'comment-anchors';

/** Lexical attributes of a MarkNode as @lexical/yjs stores them on its Y.XmlText. */
const MARK_TYPE = 'mark';
const MARK_IDS = '__ids';

function textOf(type: Y.XmlText): string {
  let text = '';
  for (const part of type.toDelta() as { insert: unknown }[]) {
    if (typeof part.insert === 'string') text += part.insert;
    else if (part.insert instanceof Y.XmlText) text += textOf(part.insert);
  }
  return text;
}

/**
 * The text each mark id wraps in the document right now, read straight from
 * the Yjs tree (cheap enough for every panel refresh). An id whose text is
 * empty, or absent, is not in the map: its thread's text was removed.
 */
export function anchorTexts(doc: Y.Doc): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (type: Y.XmlText) => {
    for (const part of type.toDelta() as { insert: unknown }[]) {
      if (!(part.insert instanceof Y.XmlText)) continue;
      const child = part.insert;
      if (child.getAttribute('__type') === MARK_TYPE) {
        const ids = child.getAttribute(MARK_IDS) as unknown;
        const text = textOf(child);
        if (Array.isArray(ids) && text !== '') {
          for (const id of ids) if (typeof id === 'string') found.set(id, (found.get(id) ?? '') + text);
        }
      }
      visit(child);
    }
  };
  visit(doc.get(ROOT_NAME, Y.XmlText));
  return found;
}

/**
 * The Yjs update that wraps the requested text of `state` in a MarkNode with
 * the thread id, made by a headless Lexical editor bound to a private copy,
 * exactly as a browser's binding would write it. Throws AnchorError when the
 * points do not exist or the text there is not the quote any more.
 */
export function anchorUpdate(state: Uint8Array, request: AnchorRequest): Uint8Array {
  const doc = new Y.Doc();
  const bound = bindServerEditor(doc, BINDING_ID);
  const { editor } = bound;
  const stopFollowing = followDoc(bound);
  try {
    try {
      loadInto(bound, doc, state);
    } finally {
      // From here on the editor writes to the copy, never reads from it.
      stopFollowing();
    }
    const before = Y.encodeStateVector(doc);
    const removeListener = writeToDoc(bound);
    let refusal: AnchorError | null = null;
    editor.update(
      () => {
        // The browser normalises too; doing it again here accepts any shape a
        // browser may send, such as an end at offset 0 of the next block.
        const range = $normalizeTextRange(request.start, request.end);
        const found = range ? $textRange(range.start, range.end) : null;
        if (!found) {
          refusal = new AnchorError(range ? 'text-changed' : 'not-found');
          return;
        }
        const { selection, text } = found;
        if (!sameText(text, request.quote)) {
          refusal = new AnchorError('text-changed');
          return;
        }
        $setSelection(selection);
        $wrapSelectionInMarkNode(selection, false, request.threadId);
        $setSelection(null);
      },
      { discrete: true },
    );
    removeListener();
    if (refusal) throw refusal;
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

/**
 * Browsers and the server may disagree on line-break characters, and an older
 * page may send the line break that ended a triple-clicked paragraph; nothing
 * else may differ.
 */
function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, '\n').replace(/^\n+|\n+$/g, '');
  return normal(a) === normal(b);
}
