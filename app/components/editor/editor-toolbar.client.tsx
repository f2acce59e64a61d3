import { useTranslation } from 'react-i18next';
import { LinkForm } from './link-form.client.tsx';
import { ToolbarButtons } from './toolbar-buttons.client.tsx';
import { toolbarGroups } from './toolbar-groups.client.tsx';
import { useToolbarState } from './use-toolbar-state.client.ts';

export interface EditorToolbarProps {
  /** Whether the editor accepts changes right now. */
  enabled: boolean;
  /** The id of the contenteditable the toolbar controls. */
  editorId: string;
}

/**
 * The formatting toolbar: one Tab stop, arrow keys move between buttons
 * (WAI-ARIA toolbar pattern). Alt+F10 or Escape in the text comes here and
 * Escape goes back, the selection kept. Ctrl/⌘+K opens the link form.
 */
export function EditorToolbar({ enabled, editorId }: EditorToolbarProps) {
  const { t } = useTranslation();
  const state = useToolbarState();
  return (
    <div>
      <ToolbarButtons groups={toolbarGroups(t, state)} enabled={enabled} editorId={editorId} />
      {state.link.isOpen ? <LinkForm link={state.link} /> : null}
    </div>
  );
}
