import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLAB_PATH } from '../../editor/close-reasons.ts';
import type { CollaborativeEditorProps } from './collaborative-editor.client.tsx';

export type { CollaborativeEditorProps };

export type EditorShellProps = Omit<CollaborativeEditorProps, 'collabUrl'> & {
  /** Defaults to the collaboration path on the page's own host (ws:, or wss: on https:). */
  collabUrl?: string;
};

function defaultCollabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${COLLAB_PATH}`;
}

// Browser only: Remix replaces *.client modules with empty ones in the server
// build, and this import runs only after hydration. It also keeps Lexical and
// Yjs out of the page's first JavaScript.
const CollaborativeEditor = lazy(() => import('./collaborative-editor.client.tsx'));

function EditorPlaceholder() {
  const { t } = useTranslation();
  return (
    <div className="space-y-3" data-testid="editor-placeholder">
      <div aria-hidden="true" className="h-11 animate-pulse rounded bg-slate-200" />
      <div className="min-h-[24rem] rounded-md border border-slate-200 bg-white px-6 py-5 shadow-sm">
        <p role="status" className="text-slate-600">
          {t('editor.loadingEditor')}
        </p>
        <div aria-hidden="true" className="mt-6 space-y-3">
          <div className="h-4 w-3/4 animate-pulse rounded bg-slate-100" />
          <div className="h-4 w-full animate-pulse rounded bg-slate-100" />
          <div className="h-4 w-5/6 animate-pulse rounded bg-slate-100" />
        </div>
      </div>
      <noscript>
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t('editor.noscript')}</p>
      </noscript>
    </div>
  );
}

function EditorLoadFailed() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <p>{t('editor.loadFailed')}</p>
      <button type="button" className="btn-secondary mt-3" onClick={() => window.location.reload()}>
        {t('editor.reload')}
      </button>
    </div>
  );
}

/** Shows a message instead of a blank page when the editor's code cannot load or crashes. */
class EditorErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.error(error);
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * The collaborative editor as a page can render it on the server: a
 * placeholder there (and a note for browsers without JavaScript), the live
 * editor once the page has hydrated.
 */
export function EditorShell({ collabUrl, ...props }: EditorShellProps) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <EditorPlaceholder />;
  return (
    <EditorErrorBoundary fallback={<EditorLoadFailed />}>
      <Suspense fallback={<EditorPlaceholder />}>
        <CollaborativeEditor {...props} collabUrl={collabUrl ?? defaultCollabUrl()} />
      </Suspense>
    </EditorErrorBoundary>
  );
}
