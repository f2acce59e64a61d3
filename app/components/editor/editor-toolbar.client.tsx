import { $createLinkNode, $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { INSERT_TABLE_COMMAND } from '@lexical/table';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isParagraphNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  $setSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_ESCAPE_COMMAND,
  KEY_MODIFIER_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type BaseSelection,
  type PointType,
  type TextFormatType,
} from 'lexical';
import {
  Fragment,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '../../editor/nodes.ts';
import { isSafeUrl } from '../../editor/link-policy.ts';
import { linkFromInput, linkText } from './link-input.ts';
import { isModKey, SHORTCUTS, type Shortcut } from './shortcuts.ts';
import {
  BulletListIcon,
  HorizontalRuleIcon,
  IndentIcon,
  LinkIcon,
  NumberedListIcon,
  OutdentIcon,
  QuoteIcon,
  RedoIcon,
  TableIcon,
  UndoIcon,
} from './toolbar-icons.tsx';

type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number' | 'other';
type Format = Extract<TextFormatType, 'bold' | 'italic' | 'underline' | 'strikethrough'>;

interface SelectionState {
  block: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  /** The URL of the link the selection is in. */
  linkUrl: string | null;
}

const NO_SELECTION: SelectionState = {
  block: 'other',
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  linkUrl: null,
};

function sameState(a: SelectionState, b: SelectionState): boolean {
  return (Object.keys(a) as (keyof SelectionState)[]).every((key) => a[key] === b[key]);
}

function $readSelectionState(): SelectionState {
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
function $restoreSelection(saved: BaseSelection | null): void {
  if ($isRangeSelection(saved) && $pointIsValid(saved.anchor) && $pointIsValid(saved.focus)) {
    $setSelection(saved.clone());
  } else if ($getSelection() === null) {
    $getRoot().selectEnd();
  }
}

interface ToolbarItem {
  key: string;
  label: string;
  content: ReactNode;
  onActivate: () => void;
  shortcut?: Shortcut;
  /** Set for toggle buttons only. */
  pressed?: boolean;
  disabled?: boolean;
}

export interface EditorToolbarProps {
  /** Whether the editor accepts changes right now. */
  enabled: boolean;
  /** The id of the contenteditable the toolbar controls. */
  editorId: string;
}

/**
 * The formatting toolbar: one Tab stop, arrow keys move between buttons
 * (WAI-ARIA toolbar pattern), Escape goes back to the text. Escape in the text
 * comes here, since Tab is taken by indentation there. Ctrl/⌘+K opens the link form.
 */
export function EditorToolbar({ enabled, editorId }: EditorToolbarProps) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<SelectionState>(NO_SELECTION);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [activeKey, setActiveKey] = useState('paragraph');
  const activeKeyRef = useRef(activeKey);
  activeKeyRef.current = activeKey;
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  // The link form, and the selection it applies to (focus leaves the text while it is open).
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkValue, setLinkValue] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [linkExisting, setLinkExisting] = useState<string | null>(null);
  const savedSelection = useRef<BaseSelection | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const formId = useId();

  const refresh = useCallback(() => {
    const next = editor.getEditorState().read($readSelectionState);
    setState((previous) => (sameState(previous, next) ? previous : next));
  }, [editor]);

  const openLinkForm = useCallback(() => {
    let existing: string | null = null;
    editor.getEditorState().read(() => {
      const selection = $getSelection();
      savedSelection.current = selection ? selection.clone() : null;
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
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        () => {
          const button = buttons.current.get(activeKeyRef.current);
          if (!button) return false;
          button.focus();
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    );
  }, [editor, refresh, openLinkForm, toggleList]);

  /** Runs a change on the current selection (the end of the document if there is none yet). */
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
      const isQuote = state.block === 'quote';
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
      const selection = $getSelection();
      if ($isRangeSelection(selection) && selection.isCollapsed() && $readSelectionState().linkUrl === null) {
        // Nothing selected: insert the address itself as the link text.
        const link = $createLinkNode(url);
        link.append($createTextNode(linkText(url)));
        selection.insertNodes([link]);
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

  const groups: { label: string; items: ToolbarItem[] }[] = [
    {
      label: t('editor.toolbar.textStyle'),
      items: [
        { key: 'paragraph', label: t('editor.toolbar.paragraph'), content: <span className="text-base">¶</span>, pressed: state.block === 'paragraph', onActivate: () => setBlock('paragraph') },
        { key: 'h1', label: t('editor.toolbar.heading1'), content: 'H1', pressed: state.block === 'h1', onActivate: () => setBlock('h1') },
        { key: 'h2', label: t('editor.toolbar.heading2'), content: 'H2', pressed: state.block === 'h2', onActivate: () => setBlock('h2') },
        { key: 'h3', label: t('editor.toolbar.heading3'), content: 'H3', pressed: state.block === 'h3', onActivate: () => setBlock('h3') },
      ],
    },
    {
      label: t('editor.toolbar.textFormat'),
      items: [
        { key: 'bold', label: t('editor.toolbar.bold'), content: <span className="font-bold">B</span>, shortcut: SHORTCUTS.bold, pressed: state.bold, onActivate: () => format('bold') },
        { key: 'italic', label: t('editor.toolbar.italic'), content: <span className="font-serif italic">I</span>, shortcut: SHORTCUTS.italic, pressed: state.italic, onActivate: () => format('italic') },
        { key: 'underline', label: t('editor.toolbar.underline'), content: <span className="underline underline-offset-2">U</span>, shortcut: SHORTCUTS.underline, pressed: state.underline, onActivate: () => format('underline') },
        { key: 'strikethrough', label: t('editor.toolbar.strikethrough'), content: <span className="line-through">S</span>, pressed: state.strikethrough, onActivate: () => format('strikethrough') },
        { key: 'link', label: t('editor.toolbar.link'), content: <LinkIcon />, shortcut: SHORTCUTS.link, pressed: state.linkUrl !== null || linkOpen, onActivate: () => (linkOpen ? closeLinkForm() : openLinkForm()) },
      ],
    },
    {
      label: t('editor.toolbar.blocks'),
      items: [
        { key: 'bullet', label: t('editor.toolbar.bulletList'), content: <BulletListIcon />, shortcut: SHORTCUTS.bulletList, pressed: state.block === 'bullet', onActivate: () => toggleList('bullet') },
        { key: 'number', label: t('editor.toolbar.numberedList'), content: <NumberedListIcon />, shortcut: SHORTCUTS.numberedList, pressed: state.block === 'number', onActivate: () => toggleList('number') },
        { key: 'outdent', label: t('editor.toolbar.outdent'), content: <OutdentIcon />, shortcut: SHORTCUTS.outdent, onActivate: () => change(() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)) },
        { key: 'indent', label: t('editor.toolbar.indent'), content: <IndentIcon />, shortcut: SHORTCUTS.indent, onActivate: () => change(() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)) },
        { key: 'quote', label: t('editor.toolbar.quote'), content: <QuoteIcon />, pressed: state.block === 'quote', onActivate: toggleQuote },
      ],
    },
    {
      label: t('editor.toolbar.insert'),
      items: [
        {
          key: 'table',
          label: t('editor.toolbar.table'),
          content: <TableIcon />,
          onActivate: () =>
            change(() => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } })),
        },
        { key: 'hr', label: t('editor.toolbar.horizontalRule'), content: <HorizontalRuleIcon />, onActivate: () => change(() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)) },
      ],
    },
    {
      label: t('editor.toolbar.history'),
      items: [
        { key: 'undo', label: t('editor.toolbar.undo'), content: <UndoIcon />, shortcut: SHORTCUTS.undo, disabled: !canUndo, onActivate: () => editor.dispatchCommand(UNDO_COMMAND, undefined) },
        { key: 'redo', label: t('editor.toolbar.redo'), content: <RedoIcon />, shortcut: SHORTCUTS.redo, disabled: !canRedo, onActivate: () => editor.dispatchCommand(REDO_COMMAND, undefined) },
      ],
    },
  ];
  const keys = groups.flatMap((group) => group.items.map((item) => item.key));

  function onToolbarKeyDown(event: ReactKeyboardEvent<HTMLDivElement>) {
    const index = keys.indexOf(activeKey);
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = (index + 1) % keys.length;
        break;
      case 'ArrowLeft':
        next = (index - 1 + keys.length) % keys.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = keys.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        editor.focus();
        return;
      default:
        return;
    }
    event.preventDefault();
    setActiveKey(keys[next]);
    buttons.current.get(keys[next])?.focus();
  }

  const inputId = `${formId}-url`;
  const helpId = `${formId}-help`;
  const errorId = `${formId}-error`;

  return (
    <div>
      <div
        role="toolbar"
        aria-label={t('editor.toolbar.label')}
        aria-controls={editorId}
        onKeyDown={onToolbarKeyDown}
        className="flex flex-wrap items-center gap-1"
      >
        {groups.map((group, groupIndex) => (
          <Fragment key={group.label}>
            {groupIndex > 0 ? <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-300" /> : null}
            <div role="group" aria-label={group.label} className="flex items-center gap-0.5">
              {group.items.map((item) => {
                const disabled = !enabled || item.disabled === true;
                return (
                  <button
                    key={item.key}
                    ref={(element) => {
                      if (element) buttons.current.set(item.key, element);
                      else buttons.current.delete(item.key);
                    }}
                    type="button"
                    tabIndex={item.key === activeKey ? 0 : -1}
                    aria-label={item.label}
                    title={item.shortcut ? t('editor.toolbar.withShortcut', { label: item.label, shortcut: item.shortcut.label }) : item.label}
                    aria-keyshortcuts={item.shortcut?.aria}
                    aria-pressed={item.pressed}
                    aria-disabled={disabled || undefined}
                    // Keep the caret (and the selection) in the text when the mouse is used.
                    onMouseDown={(event) => event.preventDefault()}
                    onFocus={() => setActiveKey(item.key)}
                    onClick={() => {
                      if (!disabled) item.onActivate();
                    }}
                    className="inline-flex h-9 min-w-9 items-center justify-center rounded px-2 text-sm font-semibold text-slate-700 hover:bg-slate-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 aria-disabled:hover:bg-transparent aria-pressed:bg-brand-100 aria-pressed:text-brand-900"
                  >
                    {item.content}
                  </button>
                );
              })}
            </div>
          </Fragment>
        ))}
      </div>

      {linkOpen ? (
        <form
          onSubmit={applyLink}
          noValidate
          aria-label={t('editor.link.form')}
          className="mt-2 flex flex-wrap items-start gap-2 rounded border border-slate-300 bg-slate-50 p-3"
        >
          <div className="min-w-[16rem] flex-1 space-y-1">
            <label htmlFor={inputId} className="block text-sm font-semibold text-slate-800">
              {t('editor.link.address')}
            </label>
            <input
              ref={linkInput}
              id={inputId}
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://"
              value={linkValue}
              onChange={(event) => {
                setLinkValue(event.target.value);
                if (linkInvalid) setLinkInvalid(false);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  closeLinkForm();
                }
              }}
              aria-invalid={linkInvalid || undefined}
              aria-describedby={linkInvalid ? `${helpId} ${errorId}` : helpId}
              className="field-input"
            />
            <p id={helpId} className="text-xs text-slate-600">
              {t('editor.link.help')}
            </p>
            {linkInvalid ? (
              <p id={errorId} role="alert" className="text-sm font-medium text-red-800">
                {t('editor.link.invalid')}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap items-center gap-2 pt-6">
            <button type="submit" className="btn-primary">
              {t('editor.link.apply')}
            </button>
            {linkExisting !== null ? (
              <button type="button" className="btn-danger" onClick={removeLink}>
                {t('editor.link.remove')}
              </button>
            ) : null}
            <button type="button" className="btn-secondary" onClick={closeLinkForm}>
              {t('editor.link.cancel')}
            </button>
            {linkExisting !== null && isSafeUrl(linkExisting) ? (
              <a href={linkExisting} target="_blank" rel="noopener noreferrer" className="text-sm">
                {t('editor.link.open')}
              </a>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
