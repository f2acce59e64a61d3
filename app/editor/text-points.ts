/**
 * A place in a document that means the same in every copy of it: the path of
 * child indices from the root to the nearest block, and a character offset in
 * that block's text. Lexical node keys differ between the browser and the
 * server, and the text nodes inside a block may be split differently, so a
 * comment's selection travels in this form (docs/comments.md).
 */
import {
  $createRangeSelection,
  $getRoot,
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type PointType,
  type RangeSelection,
  type TextNode,
} from 'lexical';

export interface TextPoint {
  /** Child indices from the root to the block holding the point. */
  block: number[];
  /** Characters before the point within that block's text. */
  offset: number;
}

function $isBlock(node: LexicalNode): node is ElementNode {
  return $isElementNode(node) && !node.isInline();
}

/** The nearest block element holding a node (the node itself when it is one). */
function $blockOf(node: LexicalNode): ElementNode | null {
  let current: LexicalNode | null = node;
  while (current !== null && !$isBlock(current)) current = current.getParent();
  return current;
}

function $pathOf(block: ElementNode): number[] {
  const path: number[] = [];
  let current: LexicalNode = block;
  for (let parent = current.getParent(); parent !== null; parent = current.getParent()) {
    path.unshift(current.getIndexWithinParent());
    current = parent;
  }
  return path;
}

/** The leaves of a block in order, without descending into nested blocks (a nested list item is a block of its own). */
function $leaves(block: ElementNode): LexicalNode[] {
  const leaves: LexicalNode[] = [];
  const visit = (element: ElementNode) => {
    for (const child of element.getChildren()) {
      if ($isElementNode(child)) {
        if (!child.isInline()) continue;
        visit(child);
      } else {
        leaves.push(child);
      }
    }
  };
  visit(block);
  return leaves;
}

/** Characters in `block` before a leaf (or, for an element point, before its child at `index`). */
function $charactersBefore(block: ElementNode, stop: (leaf: LexicalNode) => boolean): number | null {
  let count = 0;
  for (const leaf of $leaves(block)) {
    if (stop(leaf)) return count;
    count += leaf.getTextContentSize();
  }
  return null;
}

/** The innermost first (or last) block inside a block whose children are blocks: a list, a table, the root. */
function $innermostBlock(block: ElementNode, side: 'first' | 'last'): ElementNode {
  let current = block;
  for (;;) {
    const child = side === 'first' ? current.getFirstChild() : current.getLastChild();
    if (child === null || !$isBlock(child)) return current;
    current = child;
  }
}

function $textSize(block: ElementNode): number {
  return $leaves(block).reduce((sum, leaf) => sum + leaf.getTextContentSize(), 0);
}

/** A Lexical selection point as a TextPoint, or null if it is not inside a block. */
export function $toTextPoint(point: PointType): TextPoint | null {
  const node = point.getNode();
  // Between blocks (a point on the root, a list or a table, as a triple click or Ctrl+A makes):
  // the start of the block after the point, or the end of the last one.
  if (point.type === 'element' && $isBlock(node)) {
    const after = node.getChildAtIndex(point.offset);
    if (after !== null && $isBlock(after)) return { block: $pathOf($innermostBlock(after, 'first')), offset: 0 };
    const before = after === null ? node.getLastChild() : null;
    if (before !== null && $isBlock(before)) {
      const last = $innermostBlock(before, 'last');
      return { block: $pathOf(last), offset: $textSize(last) };
    }
  }
  const block = $blockOf(node);
  if (block === null || block.getParent() === null) return null;
  if (point.type === 'text') {
    const before = $charactersBefore(block, (leaf) => leaf.is(node));
    return before === null ? null : { block: $pathOf(block), offset: before + point.offset };
  }
  // An element point sits before the child at `offset`; count the text of every leaf ahead of that child.
  if (!$isElementNode(node)) return null;
  const child = node.getChildAtIndex(point.offset);
  if (child === null) {
    if (node.is(block)) return { block: $pathOf(block), offset: $textSize(block) };
    const last = node.getLastDescendant();
    const before = last ? $charactersBefore(block, (leaf) => leaf.is(last)) : null;
    return before === null ? null : { block: $pathOf(block), offset: before + (last?.getTextContentSize() ?? 0) };
  }
  const first = $isElementNode(child) ? child.getFirstDescendant() : child;
  const before = first ? $charactersBefore(block, (leaf) => leaf.is(first)) : null;
  return before === null ? null : { block: $pathOf(block), offset: before };
}

/**
 * The text node and offset a TextPoint names. `edge` says which side wins at
 * the border of two text nodes: a start belongs to the node after it, an end
 * to the node before it. Null when the block or offset no longer exists.
 */
export function $fromTextPoint(point: TextPoint, edge: 'start' | 'end'): { node: TextNode; offset: number } | null {
  let current: LexicalNode = $getRoot();
  for (const index of point.block) {
    if (!$isElementNode(current)) return null;
    const child = current.getChildAtIndex(index);
    if (child === null) return null;
    current = child;
  }
  if (!$isBlock(current)) return null;
  let before = 0;
  for (const leaf of $leaves(current)) {
    const size = leaf.getTextContentSize();
    const inside = point.offset - before;
    if ($isTextNode(leaf) && (edge === 'start' ? inside >= 0 && inside < size : inside > 0 && inside <= size)) {
      return { node: leaf, offset: inside };
    }
    before += size;
  }
  return null;
}

/** Every block of the document in reading order, each before the blocks nested in it. */
function $blocksInOrder(): ElementNode[] {
  const blocks: ElementNode[] = [];
  const visit = (element: ElementNode) => {
    for (const child of element.getChildren()) {
      if (!$isBlock(child)) continue;
      blocks.push(child);
      visit(child);
    }
  };
  visit($getRoot());
  return blocks;
}

/** The non-empty text nodes of a block, with the block offsets where each starts and ends. */
function $textSpans(block: ElementNode): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  let before = 0;
  for (const leaf of $leaves(block)) {
    const size = leaf.getTextContentSize();
    if ($isTextNode(leaf) && size > 0) spans.push({ from: before, to: before + size });
    before += size;
  }
  return spans;
}

function $blockAt(path: number[]): ElementNode | null {
  let current: LexicalNode = $getRoot();
  for (const index of path) {
    if (!$isElementNode(current)) return null;
    const child = current.getChildAtIndex(index);
    if (child === null) return null;
    current = child;
  }
  return $isBlock(current) && current.getParent() !== null ? current : null;
}

/**
 * The same stretch of text with both ends on characters: a start at the end
 * of a block (or in an empty one) moves on to the next text, an end at the
 * start of a block (a triple click ends at offset 0 of the next paragraph)
 * moves back to the end of the text before it. The browser and the server
 * both normalise, so they agree on the range and on its quote. Null when no
 * character lies between the two points.
 */
export function $normalizeTextRange(start: TextPoint, end: TextPoint): { start: TextPoint; end: TextPoint } | null {
  const blocks = $blocksInOrder();
  const startBlock = $blockAt(start.block);
  const endBlock = $blockAt(end.block);
  if (startBlock === null || endBlock === null) return null;
  const first = blocks.findIndex((block) => block.is(startBlock));
  const last = blocks.findIndex((block) => block.is(endBlock));
  let from: { index: number; offset: number } | null = null;
  for (let index = first; index <= last && from === null; index++) {
    const span = $textSpans(blocks[index]).find((s) => index !== first || s.to > start.offset);
    if (span) from = { index, offset: index === first ? Math.max(span.from, start.offset) : span.from };
  }
  let to: { index: number; offset: number } | null = null;
  for (let index = last; index >= first && to === null; index--) {
    const span = $textSpans(blocks[index]).findLast((s) => index !== last || s.from < end.offset);
    if (span) to = { index, offset: index === last ? Math.min(span.to, end.offset) : span.to };
  }
  if (from === null || to === null || from.index > to.index || (from.index === to.index && from.offset >= to.offset)) return null;
  return {
    start: { block: $pathOf(blocks[from.index]), offset: from.offset },
    end: { block: $pathOf(blocks[to.index]), offset: to.offset },
  };
}

/**
 * The Lexical range between two normalised text points and the text it
 * holds (the quote a thread keeps), or null if the points no longer exist.
 */
export function $textRange(start: TextPoint, end: TextPoint): { selection: RangeSelection; text: string } | null {
  const from = $fromTextPoint(start, 'start');
  const to = $fromTextPoint(end, 'end');
  if (from === null || to === null) return null;
  const selection = $createRangeSelection();
  selection.anchor.set(from.node.getKey(), from.offset, 'text');
  selection.focus.set(to.node.getKey(), to.offset, 'text');
  if (selection.isCollapsed() || selection.isBackward()) return null;
  return { selection, text: selection.getTextContent() };
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_'’-]/u;

/**
 * The word at a caret, as a range of text points: a suggestion made by typing
 * at a caret proposes a new wording of that word (docs/suggestions.md). A
 * caret just after a word belongs to it; null when no word touches the caret.
 */
export function $wordAt(point: TextPoint): { start: TextPoint; end: TextPoint; offsetInWord: number } | null {
  const block = $blockAt(point.block);
  if (block === null) return null;
  const text = $leaves(block)
    .map((leaf) => leaf.getTextContent())
    .join('');
  let from = Math.min(point.offset, text.length);
  let to = from;
  while (from > 0 && WORD_CHARACTER.test(text[from - 1])) from--;
  while (to < text.length && WORD_CHARACTER.test(text[to])) to++;
  if (from === to) return null;
  return { start: { block: point.block, offset: from }, end: { block: point.block, offset: to }, offsetInWord: point.offset - from };
}
