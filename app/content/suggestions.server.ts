/**
 * Deciding suggestions inside the shared text (docs/decisions/022-suggestions.md).
 * A suggestion's passage is wrapped in MarkNodes whose id is the suggestion
 * id, placed like a comment anchor (app/content/comment-anchors.server.ts).
 * Accepting replaces the marked text as a headless Lexical editor bound to a
 * private copy would when someone types over a selection, and removes the
 * mark; rejecting only removes the mark. The result is one Yjs update that
 * the caller stores and applies to the live document.
 */
import { $isMarkNode, $unwrapMarkNode, type MarkNode } from '@lexical/mark';
import { $dfs } from '@lexical/utils';
import { $createRangeSelection, $isElementNode, $isTextNode, $setSelection, type LexicalNode, type PointType } from 'lexical';
import * as Y from 'yjs';
import { bindServerEditor, followDoc, loadInto, writeToDoc } from './headless-binding.server.ts';

export interface SuggestionResolution {
  id: string;
  /** The passage as the suggestion quoted it. */
  quote: string;
  /** The text to put in place of the passage; null removes the mark only (a rejection). */
  text: string | null;
}

export interface ResolvedSuggestions {
  /** The Yjs update with every change made (empty-ish when nothing changed). */
  update: Uint8Array;
  /** The full state after the update. */
  state: Uint8Array;
  /** Ids changed: accepted ones applied, rejected ones unmarked. */
  done: string[];
  /** Ids left alone because the marked text is not the quote any more (accepting only). */
  outdated: string[];
}

const BINDING_ID = 'suggestions';

/**
 * Line breaks between blocks are counted differently by a selection's text
 * (the quote) and by the marks, one per block; the words must match exactly.
 */
export function comparableText(text: string): string {
  return text.replace(/[\r\n]+/g, '');
}

function $marksOf(id: string): MarkNode[] {
  return $dfs()
    .map(({ node }) => node)
    .filter((node): node is MarkNode => $isMarkNode(node) && node.hasID(id));
}

/** A point just before (or after) a leaf, as a text point when it is text. */
function setPoint(point: PointType, leaf: LexicalNode, side: 'before' | 'after'): void {
  if ($isTextNode(leaf)) {
    point.set(leaf.getKey(), side === 'before' ? 0 : leaf.getTextContentSize(), 'text');
    return;
  }
  const parent = leaf.getParentOrThrow();
  point.set(parent.getKey(), leaf.getIndexWithinParent() + (side === 'before' ? 0 : 1), 'element');
}

function $firstLeaf(node: LexicalNode): LexicalNode {
  return $isElementNode(node) ? (node.getFirstDescendant() ?? node) : node;
}

function $lastLeaf(node: LexicalNode): LexicalNode {
  return $isElementNode(node) ? (node.getLastDescendant() ?? node) : node;
}

/** Takes one id off the marks; a mark left without ids gives its children back to its parent. */
function $removeMarkId(marks: MarkNode[], id: string): void {
  for (const mark of marks) {
    if (mark.getIDs().length > 1) mark.deleteID(id);
    else $unwrapMarkNode(mark);
  }
}

/**
 * Applies or drops each suggestion in turn on a private copy of `state`.
 * An accepted suggestion whose marks are gone, or whose text is no longer its
 * quote, is reported as outdated and leaves the copy untouched.
 */
export function resolveSuggestions(state: Uint8Array, items: SuggestionResolution[]): ResolvedSuggestions {
  const doc = new Y.Doc();
  const bound = bindServerEditor(doc, BINDING_ID);
  const { editor } = bound;
  const stopFollowing = followDoc(bound);
  const done: string[] = [];
  const outdated: string[] = [];
  try {
    try {
      loadInto(bound, doc, state);
    } finally {
      stopFollowing();
    }
    const before = Y.encodeStateVector(doc);
    const removeListener = writeToDoc(bound);
    for (const item of items) {
      editor.update(
        () => {
          const marks = $marksOf(item.id);
          if (item.text === null) {
            $removeMarkId(marks, item.id);
            done.push(item.id);
            return;
          }
          const marked = marks.map((mark) => mark.getTextContent()).join('');
          if (marks.length === 0 || comparableText(marked) !== comparableText(item.quote)) {
            outdated.push(item.id);
            return;
          }
          const first = $firstLeaf(marks[0]);
          const last = $lastLeaf(marks[marks.length - 1]);
          $removeMarkId(marks, item.id);
          // Typed over the passage, as a person with the editor would: Lexical joins blocks the passage spanned.
          const selection = $createRangeSelection();
          setPoint(selection.anchor, first, 'before');
          setPoint(selection.focus, last, 'after');
          $setSelection(selection);
          selection.insertText(item.text);
          $setSelection(null);
          done.push(item.id);
        },
        { discrete: true },
      );
    }
    removeListener();
    return { update: Y.encodeStateAsUpdate(doc, before), state: Y.encodeStateAsUpdate(doc), done, outdated };
  } finally {
    doc.destroy();
  }
}
