import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isParagraphNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  $setSelection,
  type BaseSelection,
  type PointType,
  type TextFormatType,
} from 'lexical';

export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number' | 'other';
export type Format = Extract<TextFormatType, 'bold' | 'italic' | 'underline' | 'strikethrough'>;

/** What the toolbar shows as pressed, read from the editor's selection. */
export interface SelectionState {
  block: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  /** The URL of the link the selection is in. */
  linkUrl: string | null;
}

export const NO_SELECTION: SelectionState = {
  block: 'other',
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  linkUrl: null,
};

export function sameState(a: SelectionState, b: SelectionState): boolean {
  return (Object.keys(a) as (keyof SelectionState)[]).every((key) => a[key] === b[key]);
}

export function $readSelectionState(): SelectionState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return NO_SELECTION;
  const anchorNode = selection.anchor.getNode();
  // The block the caret is in: the child of the root, or of a table cell.
  const element =
    $findMatchingParent(anchorNode, (node) => {
      const parent = node.getParent();
      return parent !== null && $isRootOrShadowRoot(parent);
    }) ?? anchorNode;
  let block: BlockType = 'other';
  if ($isListNode(element)) {
    const type = ($getNearestNodeOfType(anchorNode, ListNode) ?? element).getListType();
    block = type === 'bullet' ? 'bullet' : type === 'number' ? 'number' : 'other';
  } else if ($isHeadingNode(element)) {
    const tag = element.getTag();
    block = tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'other';
  } else if ($isQuoteNode(element)) {
    block = 'quote';
  } else if ($isParagraphNode(element)) {
    block = 'paragraph';
  }
  const link = $findMatchingParent(anchorNode, $isLinkNode) ?? $findMatchingParent(selection.focus.getNode(), $isLinkNode);
  return {
    block,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    linkUrl: link ? link.getURL() : null,
  };
}

/** A point still exists after other people's edits (the form was open meanwhile). */
function $pointIsValid(point: PointType): boolean {
  const node = $getNodeByKey(point.key);
  if (node === null || !node.isAttached()) return false;
  if (point.type === 'text') return $isTextNode(node) && point.offset <= node.getTextContentSize();
  return $isElementNode(node) && point.offset <= node.getChildrenSize();
}

/** Puts back the selection saved when the link form opened, if it still makes sense. */
export function $restoreSelection(saved: BaseSelection | null): void {
  if ($isRangeSelection(saved) && $pointIsValid(saved.anchor) && $pointIsValid(saved.focus)) {
    $setSelection(saved.clone());
  } else if ($getSelection() === null) {
    $getRoot().selectEnd();
  }
}
