import { $createLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  KEY_MODIFIER_COMMAND,
  SELECTION_CHANGE_COMMAND,
  type BaseSelection,
  type LexicalEditor,
} from 'lexical';
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { linkFromInput, linkText } from './link-input.ts';
import { isModKey } from './shortcuts.ts';
import { $readSelectionState, $restoreSelection, NO_SELECTION, sameState, type Format, type SelectionState } from './toolbar-selection.ts';

export interface LinkFormState {
  isOpen: boolean;
  value: string;
  setValue: (value: string) => void;
  invalid: boolean;
  /** The URL of the link being edited, null for a new one. */
  existing: string | null;
  input: RefObject<HTMLInputElement>;
  open: () => void;
  close: () => void;
  apply: (event: FormEvent) => void;
  remove: () => void;
}

export interface ToolbarState {
  editor: LexicalEditor;
  selection: SelectionState;
  canUndo: boolean;
  canRedo: boolean;
  link: LinkFormState;
  /** Runs a change on the current selection (the end of the document if there is none yet). */
  change: (fn: () => void) => void;
  format: (name: Format) => void;
  setBlock: (block: 'paragraph' | 'h1' | 'h2' | 'h3') => void;
  toggleQuote: () => void;
  toggleList: (type: 'bullet' | 'number') => void;
}

/**
 * What the formatting toolbar shows (the selection's block and formats, undo
 * and redo, the link form) and the changes it makes. Ctrl/⌘+K opens the link
 * form, Ctrl/⌘+Shift+7/8 toggle the lists.
 */
export function useToolbarState(): ToolbarState {
  const [editor] = useLexicalComposerContext();
  const [selection, setSelection] = useState<SelectionState>(NO_SELECTION);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  // The link form, and the selection it applies to (focus leaves the text while it is open).
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkValue, setLinkValue] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [linkExisting, setLinkExisting] = useState<string | null>(null);
  const savedSelection = useRef<BaseSelection | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    const next = editor.getEditorState().read($readSelectionState);
    setSelection((previous) => (sameState(previous, next) ? previous : next));
  }, [editor]);

  const openLinkForm = useCallback(() => {
    let existing: string | null = null;
    editor.getEditorState().read(() => {
      const current = $getSelection();
      savedSelection.current = current ? current.clone() : null;
      existing = $readSelectionState().linkUrl;
    });
    setLinkExisting(existing);
    setLinkValue(existing ?? '');
    setLinkInvalid(false);
    setLinkOpen(true);
  }, [editor]);

  useEffect(() => {
    if (linkOpen) linkInput.current?.focus();
  }, [linkOpen]);

  const closeLinkForm = useCallback(() => {
    setLinkOpen(false);
    setLinkInvalid(false);
    savedSelection.current = null;
    editor.focus();
  }, [editor]);

  const toggleList = useCallback(
    (type: 'bullet' | 'number') => {
      const current = editor.getEditorState().read($readSelectionState).block;
      editor.update(() => {
        if ($getSelection() === null) $getRoot().selectEnd();
        if (current === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
        else editor.dispatchCommand(type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
      });
    },
    [editor],
  );

  useEffect(() => {
    return mergeRegister(
      editor.registerUpdateListener(() => refresh()),
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          refresh();
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (payload) => {
          setCanUndo(payload);
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (payload) => {
          setCanRedo(payload);
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        KEY_MODIFIER_COMMAND,
        (event) => {
          if (!editor.isEditable() || !isModKey(event)) return false;
          if (!event.shiftKey && event.key.toLowerCase() === 'k') {
            event.preventDefault();
            openLinkForm();
            return true;
          }
          if (event.shiftKey && (event.code === 'Digit7' || event.code === 'Digit8')) {
            event.preventDefault();
            toggleList(event.code === 'Digit8' ? 'bullet' : 'number');
            return true;
          }
          return false;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    );
  }, [editor, refresh, openLinkForm, toggleList]);

  const change = useCallback(
    (fn: () => void) => {
      editor.update(() => {
        if ($getSelection() === null) $getRoot().selectEnd();
        fn();
      });
    },
    [editor],
  );

  const format = (name: Format) => change(() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, name));
  const setBlock = (block: 'paragraph' | 'h1' | 'h2' | 'h3') =>
    change(() => {
      $setBlocksType($getSelection(), () => (block === 'paragraph' ? $createParagraphNode() : $createHeadingNode(block)));
    });
  const toggleQuote = () =>
    change(() => {
      const isQuote = selection.block === 'quote';
      $setBlocksType($getSelection(), () => (isQuote ? $createParagraphNode() : $createQuoteNode()));
    });

  function applyLink(event: FormEvent) {
    event.preventDefault();
    const url = linkFromInput(linkValue);
    if (url === null) {
      setLinkInvalid(true);
      linkInput.current?.focus();
      return;
    }
    const saved = savedSelection.current;
    editor.update(() => {
      $restoreSelection(saved);
      const current = $getSelection();
      if ($isRangeSelection(current) && current.isCollapsed() && $readSelectionState().linkUrl === null) {
        // Nothing selected: insert the address itself as the link text.
        const link = $createLinkNode(url);
        link.append($createTextNode(linkText(url)));
        current.insertNodes([link]);
      } else {
        // LinkPlugin checks the URL with isSafeUrl again.
        editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
      }
    });
    closeLinkForm();
  }

  function removeLink() {
    const saved = savedSelection.current;
    editor.update(() => {
      $restoreSelection(saved);
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
    });
    closeLinkForm();
  }

  function setValue(value: string) {
    setLinkValue(value);
    if (linkInvalid) setLinkInvalid(false);
  }

  return {
    editor,
    selection,
    canUndo,
    canRedo,
    link: { isOpen: linkOpen, value: linkValue, setValue, invalid: linkInvalid, existing: linkExisting, input: linkInput, open: openLinkForm, close: closeLinkForm, apply: applyLink, remove: removeLink },
    change,
    format,
    setBlock,
    toggleQuote,
    toggleList,
  };
}
