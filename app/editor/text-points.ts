/**
 * A place in a document that means the same in every copy of it: the path of
 * child indices from the root to the nearest block, and a character offset in
 * that block's text. Lexical node keys differ between the browser and the
 * server, and the text nodes inside a block may be split differently, so a
 * comment's selection travels in this form (docs/comments.md).
 */
import {
  $getRoot,
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type PointType,
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

/** A Lexical selection point as a TextPoint, or null if it is not inside a block. */
export function $toTextPoint(point: PointType): TextPoint | null {
  const node = point.getNode();
  const block = $blockOf(node);
  if (block === null) return null;
  if (point.type === 'text') {
    const before = $charactersBefore(block, (leaf) => leaf.is(node));
    return before === null ? null : { block: $pathOf(block), offset: before + point.offset };
  }
  // An element point sits before the child at `offset`; count the text of every leaf ahead of that child.
  if (!$isElementNode(node)) return null;
  const child = node.getChildAtIndex(point.offset);
  if (child === null) {
    const total = $leaves(block).reduce((sum, leaf) => sum + leaf.getTextContentSize(), 0);
    if (node.is(block)) return { block: $pathOf(block), offset: total };
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
