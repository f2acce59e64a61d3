import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $addUpdateTag, $getSelection, $onUpdate, COMMAND_PRIORITY_LOW, SKIP_SELECTION_FOCUS_TAG, KEY_DOWN_COMMAND, KEY_ESCAPE_COMMAND, type BaseSelection } from 'lexical';
import { Fragment, useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isToolbarShortcut, TOOLBAR_SHORTCUT, type Shortcut } from './shortcuts.ts';
import { $restoreSelection } from './toolbar-selection.ts';

export interface ToolbarItem {
  key: string;
  label: string;
  content: ReactNode;
  onActivate: () => void;
  shortcut?: Shortcut;
  /** Set for toggle buttons only. */
  pressed?: boolean;
  disabled?: boolean;
}

export interface ToolbarGroup {
  label: string;
  items: ToolbarItem[];
}

/**
 * The toolbar's buttons with one Tab stop: arrow keys, Home and End move
 * between them (WAI-ARIA toolbar pattern). Alt+F10 or Escape in the text comes
 * here and Escape goes back, with the text's selection kept all the while: a
 * button pressed from the keyboard acts on what was selected in the text.
 */
export function ToolbarButtons({ groups, enabled, editorId }: { groups: ToolbarGroup[]; enabled: boolean; editorId: string }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [activeKey, setActiveKey] = useState('paragraph');
  const activeKeyRef = useRef(activeKey);
  activeKeyRef.current = activeKey;
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // The text's selection while the keyboard focus is on the toolbar (the editor may drop its own on blur).
  const saved = useRef<BaseSelection | null>(null);
  const inToolbar = useRef(false);

  const saveSelection = useCallback(() => {
    const current = editor.getEditorState().read(() => $getSelection());
    if (current) saved.current = current.clone();
  }, [editor]);

  /** Puts the saved selection back if the editor lost it, so a change applies to it and not to the end of the text. */
  const restoreSelection = useCallback(
    ({ keepFocusHere }: { keepFocusHere: boolean }) => {
      const selection = saved.current;
      editor.update(
        () => {
          // Lexical moves the focus to the text whenever it sets the selection; from the toolbar it stays on the button.
          if (keepFocusHere) $addUpdateTag(SKIP_SELECTION_FOCUS_TAG);
          if (selection && $getSelection() === null) $restoreSelection(selection);
        },
        { discrete: true },
      );
    },
    [editor],
  );

  useEffect(() => {
    const toToolbar = (event: KeyboardEvent | null) => {
      const button = buttons.current.get(activeKeyRef.current);
      if (!button) return false;
      event?.preventDefault();
      saveSelection();
      button.focus();
      return true;
    };
    return mergeRegister(
      // Above RichText's own Escape, which blurs the editor and drops the selection.
      editor.registerCommand(KEY_ESCAPE_COMMAND, toToolbar, COMMAND_PRIORITY_LOW),
      editor.registerCommand(KEY_DOWN_COMMAND, (event) => (isToolbarShortcut(event) ? toToolbar(event) : false), COMMAND_PRIORITY_LOW),
      // Others' edits and the toolbar's own changes move the selection: keep the latest one.
      editor.registerUpdateListener(({ editorState }) => {
        if (!inToolbar.current) return;
        const current = editorState.read(() => $getSelection());
        if (current) saved.current = current.clone();
      }),
    );
  }, [editor, saveSelection]);

  function backToText() {
    restoreSelection({ keepFocusHere: false });
    // Lexical's focus() only sets the DOM selection, which is already in the text: move the focus itself too.
    editor.getRootElement()?.focus({ preventScroll: true });
    editor.focus();
  }

  function onFocusIn(event: FocusEvent<HTMLDivElement>) {
    if (inToolbar.current) return;
    inToolbar.current = true;
    // Reached with Shift+Tab from the text rather than with Alt+F10: keep that selection too.
    const root = editor.getRootElement();
    if (root && event.relatedTarget instanceof Node && root.contains(event.relatedTarget)) saveSelection();
  }

  function onFocusOut(event: FocusEvent<HTMLDivElement>) {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    inToolbar.current = false;
  }

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
        backToText();
        return;
      default:
        return;
    }
    event.preventDefault();
    setActiveKey(keys[next]);
    buttons.current.get(keys[next])?.focus();
  }

  return (
    <div
      role="toolbar"
      aria-label={t('editor.toolbar.label')}
      aria-controls={editorId}
      aria-keyshortcuts={TOOLBAR_SHORTCUT.aria}
      onKeyDown={onToolbarKeyDown}
      onFocus={onFocusIn}
      onBlur={onFocusOut}
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
                    if (disabled) return;
                    const fromToolbar = inToolbar.current;
                    if (fromToolbar) restoreSelection({ keepFocusHere: true });
                    item.onActivate();
                    if (!fromToolbar) return;
                    // Putting the changed selection into the page focuses the text (the browser does that); the
                    // toolbar pattern keeps the focus on this button, unless the button opened a form of its own.
                    editor.update(() =>
                      $onUpdate(() => {
                        const root = editor.getRootElement();
                        const active = document.activeElement;
                        if (active === null || active === document.body || root?.contains(active)) buttons.current.get(item.key)?.focus();
                      }),
                    );
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
  );
}
