import { $isListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_EDITOR,
  INDENT_CONTENT_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  type LexicalNode,
} from 'lexical';
import { useEffect } from 'react';

/** Deeper nesting than this is hard to read and does not survive a Word export. */
const MAX_INDENT = 7;

function $inListItem(node: LexicalNode): boolean {
  return $findMatchingParent(node, $isListItemNode) !== null;
}

/**
 * Tab (and Shift+Tab) nests list items and nothing else. Elsewhere in the
 * text Tab is left to the browser and moves the focus on, so the editor is no
 * keyboard trap and a selection is never overwritten by a tab character
 * (WCAG 2.1.1, 2.1.2). Tables move between cells with Tab themselves
 * (TablePlugin). The toolbar's indent buttons still indent any block.
 */
export function ListTabPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_TAB_COMMAND,
          (event) => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return false;
            if (!$inListItem(selection.anchor.getNode()) || !$inListItem(selection.focus.getNode())) return false;
            event.preventDefault();
            return editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined);
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          INDENT_CONTENT_COMMAND,
          () => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return false;
            const blocks = selection.getNodes().map((node) => $findMatchingParent(node, (n) => $isElementNode(n) && !n.isInline()));
            // Handled (and refused) once any selected block is as deep as allowed.
            return blocks.some((block) => $isElementNode(block) && block.getIndent() >= MAX_INDENT);
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
      ),
    [editor],
  );
  return null;
}
