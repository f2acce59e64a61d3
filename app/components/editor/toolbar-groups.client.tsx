import { INSERT_TABLE_COMMAND } from '@lexical/table';
import type { TFunction } from 'i18next';
import { INDENT_CONTENT_COMMAND, OUTDENT_CONTENT_COMMAND, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '../../editor/nodes.ts';
import { SHORTCUTS } from './shortcuts.ts';
import type { ToolbarGroup } from './toolbar-buttons.client.tsx';
import { BulletListIcon, HorizontalRuleIcon, IndentIcon, LinkIcon, NumberedListIcon, OutdentIcon, QuoteIcon, RedoIcon, TableIcon, UndoIcon } from './toolbar-icons.tsx';
import type { ToolbarState } from './use-toolbar-state.client.ts';

/** The toolbar's buttons in their groups, pressed and enabled as the toolbar state says. */
export function toolbarGroups(t: TFunction, s: ToolbarState): ToolbarGroup[] {
  const { editor, selection: state, link, change, format, setBlock, toggleList } = s;
  return [
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
        { key: 'link', label: t('editor.toolbar.link'), content: <LinkIcon />, shortcut: SHORTCUTS.link, pressed: state.linkUrl !== null || link.isOpen, onActivate: () => (link.isOpen ? link.close() : link.open()) },
      ],
    },
    {
      label: t('editor.toolbar.blocks'),
      items: [
        { key: 'bullet', label: t('editor.toolbar.bulletList'), content: <BulletListIcon />, shortcut: SHORTCUTS.bulletList, pressed: state.block === 'bullet', onActivate: () => toggleList('bullet') },
        { key: 'number', label: t('editor.toolbar.numberedList'), content: <NumberedListIcon />, shortcut: SHORTCUTS.numberedList, pressed: state.block === 'number', onActivate: () => toggleList('number') },
        { key: 'outdent', label: t('editor.toolbar.outdent'), content: <OutdentIcon />, shortcut: SHORTCUTS.outdent, onActivate: () => change(() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)) },
        { key: 'indent', label: t('editor.toolbar.indent'), content: <IndentIcon />, shortcut: SHORTCUTS.indent, onActivate: () => change(() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)) },
        { key: 'quote', label: t('editor.toolbar.quote'), content: <QuoteIcon />, pressed: state.block === 'quote', onActivate: s.toggleQuote },
      ],
    },
    {
      label: t('editor.toolbar.insert'),
      items: [
        {
          key: 'table',
          label: t('editor.toolbar.table'),
          content: <TableIcon />,
          onActivate: () => change(() => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } })),
        },
        { key: 'hr', label: t('editor.toolbar.horizontalRule'), content: <HorizontalRuleIcon />, onActivate: () => change(() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)) },
      ],
    },
    {
      label: t('editor.toolbar.history'),
      items: [
        { key: 'undo', label: t('editor.toolbar.undo'), content: <UndoIcon />, shortcut: SHORTCUTS.undo, disabled: !s.canUndo, onActivate: () => editor.dispatchCommand(UNDO_COMMAND, undefined) },
        { key: 'redo', label: t('editor.toolbar.redo'), content: <RedoIcon />, shortcut: SHORTCUTS.redo, disabled: !s.canRedo, onActivate: () => editor.dispatchCommand(REDO_COMMAND, undefined) },
      ],
    },
  ];
}
