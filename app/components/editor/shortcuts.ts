import { IS_APPLE } from 'lexical';

export interface Shortcut {
  /** As shown in a title, for this platform: "Ctrl+B" or "⌘B". */
  label: string;
  /** As `aria-keyshortcuts` wants it: "Control+B" or "Meta+B". */
  aria: string;
}

/** A shortcut with the platform's command key (Ctrl, or ⌘ on Apple devices), optionally with Shift. */
export function modShortcut(key: string, { shift = false }: { shift?: boolean } = {}): Shortcut {
  const label = IS_APPLE ? `${shift ? '⇧' : ''}⌘${key}` : `Ctrl+${shift ? 'Shift+' : ''}${key}`;
  const aria = `${IS_APPLE ? 'Meta' : 'Control'}+${shift ? 'Shift+' : ''}${key}`;
  return { label, aria };
}

export const SHORTCUTS = {
  bold: modShortcut('B'),
  italic: modShortcut('I'),
  underline: modShortcut('U'),
  link: modShortcut('K'),
  numberedList: modShortcut('7', { shift: true }),
  bulletList: modShortcut('8', { shift: true }),
  indent: { label: 'Tab', aria: 'Tab' },
  outdent: { label: IS_APPLE ? '⇧Tab' : 'Shift+Tab', aria: 'Shift+Tab' },
  undo: modShortcut('Z'),
  // Lexical takes Ctrl+Y (and Ctrl+Shift+Z) for redo, and ⇧⌘Z on Apple devices.
  redo: IS_APPLE ? modShortcut('Z', { shift: true }) : modShortcut('Y'),
} satisfies Record<string, Shortcut>;

/** Alt+F10 moves from the text to the toolbar, as in CKEditor and TinyMCE. */
export const TOOLBAR_SHORTCUT: Shortcut = { label: 'Alt+F10', aria: 'Alt+F10' };

export function isToolbarShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.key === 'F10';
}

/** True for the command key of this platform, without Alt (AltGr types characters on many layouts). */
export function isModKey(event: KeyboardEvent): boolean {
  return (IS_APPLE ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey) && !event.altKey;
}
