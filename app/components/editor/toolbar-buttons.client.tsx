import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_EDITOR, KEY_ESCAPE_COMMAND } from 'lexical';
import { Fragment, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shortcut } from './shortcuts.ts';

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
 * between them (WAI-ARIA toolbar pattern), Escape goes back to the text.
 * Escape in the text comes here, since Tab is taken by indentation there.
 */
export function ToolbarButtons({ groups, enabled, editorId }: { groups: ToolbarGroup[]; enabled: boolean; editorId: string }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [activeKey, setActiveKey] = useState('paragraph');
  const activeKeyRef = useRef(activeKey);
  activeKeyRef.current = activeKey;
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(
    () =>
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
    [editor],
  );

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

  return (
    <div role="toolbar" aria-label={t('editor.toolbar.label')} aria-controls={editorId} onKeyDown={onToolbarKeyDown} className="flex flex-wrap items-center gap-1">
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
  );
}
