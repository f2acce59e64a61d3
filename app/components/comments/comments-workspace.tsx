import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CommentPanelData } from '../../services/comments.server.ts';
import type { SuggestionPanelData } from '../../services/suggestions.server.ts';
import { SuggestionPanel, useSuggestionWorkspace } from '../suggestions/suggestion-panel.tsx';
import { EditorShell, type EditorShellProps } from '../editor/editor-shell.tsx';
import { CommentPanel } from './comment-panel.tsx';

const REFRESH_MS = 5_000;

export interface CommentsWorkspaceProps {
  editor: Omit<EditorShellProps, 'comments'>;
  comments: CommentPanelData;
  /** The document's suggestions (docs/suggestions.md): their panel, and suggesting mode in the editor. */
  suggestions?: SuggestionPanelData;
  /** Shown above the comment panel in the side column (the participants). */
  children?: ReactNode;
}

function threadFromHash(): string | null {
  const match = /^#thread-([0-9a-f-]{36})$/i.exec(window.location.hash);
  return match ? match[1] : null;
}

/**
 * The editor and the comment panel side by side, sharing which thread is
 * active: clicking highlighted text opens its thread, "Show in text" scrolls
 * the editor to it. The panel refreshes every few seconds and when the window
 * gets focus, so others' comments appear without reloading.
 */
export function CommentsWorkspace({ editor, comments: initial, suggestions: initialSuggestions, children }: CommentsWorkspaceProps) {
  const documentId = editor.documentId;
  const [data, setData] = useState(initial);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const query = useRef(new URLSearchParams());
  const latest = useRef(0);

  // A new page load (another document, a no-JavaScript post) brings new data.
  useEffect(() => setData(initial), [initial]);

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const response = await fetch(`/documents/${documentId}/comments?${query.current}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const next = (await response.json()) as CommentPanelData;
      // An older answer must not overwrite a newer one.
      if (ticket === latest.current) setData(next);
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }, [documentId]);

  useEffect(() => {
    setActiveThreadId(threadFromHash());
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, REFRESH_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh]);

  // The thread to move the keyboard focus to once it is on screen: a new thread
  // appears only after a refresh, which a newer refresh may overtake.
  const [focusThreadId, setFocusThreadId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusThreadId) return;
    const element = document.getElementById(`thread-${focusThreadId}`);
    if (!element) return;
    element.focus();
    setFocusThreadId(null);
  }, [focusThreadId, data]);

  const openThread = useCallback((threadId: string, { focus }: { focus: boolean }) => {
    setActiveThreadId(threadId);
    // Readers land on the thread (keyboard and screen reader too); a writer's caret stays in the text.
    if (focus) setFocusThreadId(threadId);
  }, []);

  const onCreated = useCallback(
    (threadId: string) => {
      void refresh().then(() => openThread(threadId, { focus: true }));
    },
    [refresh, openThread],
  );

  const onFilter = useCallback(
    (params: URLSearchParams) => {
      query.current = params;
      void refresh();
    },
    [refresh],
  );

  const suggestions = useSuggestionWorkspace({ documentId, initial: initialSuggestions, canEdit: editor.canEdit, onChanged: refresh });

  const editorComments = useMemo(
    () => ({
      actionUrl: `/documents/${documentId}/comments`,
      canComment: data.canComment,
      people: data.mentionable,
      activeThreadId,
      onOpenThread: openThread,
      onCreated,
    }),
    [documentId, data.canComment, data.mentionable, activeThreadId, openThread, onCreated],
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <EditorShell {...editor} comments={editorComments} suggestions={suggestions.editor} />
      <aside className="space-y-6 lg:sticky lg:top-2 lg:max-h-[calc(100vh-1rem)] lg:self-start lg:overflow-y-auto">
        {children}
        {suggestions.data ? (
          <SuggestionPanel
            documentId={documentId}
            data={suggestions.data}
            canComment={data.canComment}
            activeId={suggestions.activeId}
            onShowInText={suggestions.setActiveId}
            onOpenThread={(threadId) => openThread(threadId, { focus: true })}
            onRefresh={suggestions.refresh}
            captureSelection={suggestions.captureSelection}
          />
        ) : null}
        <CommentPanel
          documentId={documentId}
          data={data}
          activeThreadId={activeThreadId}
          onShowInText={setActiveThreadId}
          onRefresh={() => void refresh()}
          onFilter={onFilter}
        />
      </aside>
    </div>
  );
}
