import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import { $insertNodeToNearestRoot } from '@lexical/utils';
import type { Provider } from '@lexical/yjs';
import { useBlocker } from '@remix-run/react';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_EDITOR } from 'lexical';
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { isSafeUrl } from '../../editor/link-policy.ts';
import {
  $createHorizontalRuleNode,
  EDITOR_NAMESPACE,
  EDITOR_NODES,
  INSERT_HORIZONTAL_RULE_COMMAND,
  MARKDOWN_TRANSFORMERS,
} from '../../editor/nodes.ts';
import { CollabProvider, READ_ONLY_REFUSALS, type CollabSnapshot, type Refusal } from './collab-provider.client.ts';
import { deviceCopyName } from './device-copy.ts';
import { deleteDatabase } from './device-copy-storage.client.ts';
import { IndexedDbDeviceStore } from './offline-store.client.ts';
import { CommentControls, CommentMarks, type EditorComments } from './comment-plugin.client.tsx';
import { SuggestionControls, SuggestionMarks, type EditorSuggestions } from './suggestion-plugin.client.tsx';
import { EditorToolbar } from './editor-toolbar.client.tsx';
import { ListTabPlugin } from './list-tab-plugin.client.tsx';
import { editorTheme } from './editor-theme.ts';
import { PresenceList } from './presence-list.client.tsx';

export interface CollaborativeEditorProps {
  /** Also the Hocuspocus document name. */
  documentId: string;
  /** The collaboration WebSocket, e.g. `wss://portal.example/collab`. */
  collabUrl: string;
  /** Shown to the others next to your cursor and in their presence list (the server may overwrite it). */
  user: { name: string; institution: string; color: string };
  canEdit: boolean;
  /** The document title, for the accessible name of the text area. */
  label?: string;
  /** The document's language (a BCP 47 tag), the `lang` of the text area: screen readers and spell checkers read it so (WCAG 3.1.2). */
  language?: string;
  /** Comment threads on this page: the Comment button and the highlighted anchors. */
  comments?: EditorComments;
  /** Suggestions on this page: suggesting mode, the composer and the proposals shown in the text. */
  suggestions?: EditorSuggestions;
  /**
   * The signed-in person, and whether this document may be kept on the device (`mayKeepOnDevice`)
   * so that unsent changes survive closing the tab. Without it, changes live in the tab only.
   */
  device?: { personId: string; keep: boolean };
}

const INITIAL_CONFIG: InitialConfigType = {
  namespace: EDITOR_NAMESPACE,
  nodes: EDITOR_NODES,
  theme: editorTheme,
  // Null, not empty: the collaboration plugin fills the editor from the shared document.
  editorState: null,
  // Editable only once the document has arrived (see EditableState).
  editable: false,
  onError: (error) => {
    // Lexical drops the failed update and the editor carries on; do not take the page down.
    console.error(error);
  },
};

const INITIAL_SNAPSHOT: CollabSnapshot = {
  phase: 'connecting',
  loaded: false,
  unsyncedChanges: 0,
  hasLocalEdits: false,
  serverReadOnly: false,
  refusal: null,
  keptChanges: 0,
  keptOnDevice: false,
};
const noSubscription = () => () => {};
const initialSnapshot = () => INITIAL_SNAPSHOT;

const REFUSAL_MESSAGES: Record<Refusal, string> = {
  unauthorized: 'editor.errors.unauthorized',
  forbidden: 'editor.errors.forbidden',
  'access-revoked': 'editor.errors.accessRevoked',
  'too-many-connections': 'editor.errors.tooManyConnections',
  'too-many-documents': 'editor.errors.tooManyDocuments',
  'message-too-big': 'editor.errors.messageTooBig',
  other: 'editor.errors.generic',
};

type StatusKey =
  | 'connecting'
  | 'unreachable'
  | 'saving'
  | 'saved'
  | 'offline'
  | 'offlineKept'
  | 'offlineInTab'
  | 'live'
  | 'offlineReadOnly'
  | 'notConnected';

/** Statuses whose message says how many changes wait (plural forms by `count`). */
const COUNTED_STATUSES: ReadonlySet<StatusKey> = new Set<StatusKey>(['offlineKept', 'offlineInTab']);

function statusKey(snapshot: CollabSnapshot, readOnly: boolean): StatusKey {
  if (snapshot.refusal) return 'notConnected';
  if (!snapshot.loaded) return snapshot.phase === 'offline' ? 'unreachable' : 'connecting';
  // Only before the first connection: a copy restored from the device must not flash "Offline" on every page load.
  if (snapshot.phase === 'connecting') return 'connecting';
  if (snapshot.phase !== 'connected') {
    if (readOnly) return 'offlineReadOnly';
    if (snapshot.keptChanges === 0) return 'offline';
    return snapshot.keptOnDevice ? 'offlineKept' : 'offlineInTab';
  }
  if (readOnly) return 'live';
  return snapshot.unsyncedChanges > 0 ? 'saving' : 'saved';
}

const STATUS_DOT: Record<StatusKey, string> = {
  connecting: 'bg-slate-400',
  unreachable: 'bg-amber-500',
  saving: 'bg-brand-500',
  saved: 'bg-emerald-600',
  offline: 'bg-amber-500',
  offlineKept: 'bg-amber-500',
  offlineInTab: 'bg-amber-500',
  live: 'bg-emerald-600',
  offlineReadOnly: 'bg-amber-500',
  notConnected: 'bg-red-700',
};

/**
 * "Saving…" only when saving takes a moment: every keystroke is acknowledged
 * within milliseconds, and a status that flickers (and is announced) on each
 * one helps nobody.
 */
function useShownStatus(key: StatusKey): StatusKey {
  const [shown, setShown] = useState(key);
  useEffect(() => {
    if (key !== 'saving') {
      setShown(key);
      return;
    }
    const timer = setTimeout(() => setShown('saving'), 400);
    return () => clearTimeout(timer);
  }, [key]);
  return shown;
}

/** Leaving would lose changes: some are not on the server, and the device keeps no copy of them. */
function mayLoseEdits(snapshot: CollabSnapshot): boolean {
  return snapshot.hasLocalEdits && !snapshot.keptOnDevice;
}

/**
 * Asks before leaving while changes made here have not reached the server (and are not kept on the device).
 * `presence` is put back if the person stays: the collaboration plugin clears
 * the awareness state on every beforeunload, which would hide them from the others.
 */
function useLeaveGuard(provider: CollabProvider | null, message: string, presence: { name: string; color: string; awarenessData: object }) {
  const presenceRef = useRef(presence);
  presenceRef.current = presence;
  useEffect(() => {
    if (!provider) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!mayLoseEdits(provider.getSnapshot())) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
      // Runs only if the page is still here after the prompt.
      setTimeout(() => {
        if (provider.awareness.getLocalState() !== null) return;
        const { name, color, awarenessData } = presenceRef.current;
        provider.awareness.setLocalState({ anchorPos: null, focusPos: null, focusing: false, name, color, awarenessData });
      }, 0);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [provider]);

  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        provider !== null && mayLoseEdits(provider.getSnapshot()) && currentLocation.pathname !== nextLocation.pathname,
      [provider],
    ),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
}

/**
 * The sticky bar (tools, Comment button, status) must not hide the lines the
 * caret or a thread's text is scrolled to: the page's scroll padding follows
 * its height, and Lexical and the browser both honour it.
 */
function useScrollPaddingFor(bar: RefObject<HTMLElement>) {
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const html = document.documentElement;
    const apply = () => {
      html.style.scrollPaddingTop = `${Math.ceil(element.getBoundingClientRect().height) + 8}px`;
    };
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(element);
    return () => {
      observer.disconnect();
      html.style.scrollPaddingTop = '';
    };
  }, [bar]);
}

/** Follows the editable state the session allows. */
function EditableState({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);
  return null;
}

/**
 * INSERT_HORIZONTAL_RULE_COMMAND for the framework-free HorizontalRuleNode in
 * the shared node list (HorizontalRulePlugin would create the React one).
 */
function HorizontalRuleCommand() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        INSERT_HORIZONTAL_RULE_COMMAND,
        () => {
          if (!$isRangeSelection($getSelection())) return false;
          $insertNodeToNearestRoot($createHorizontalRuleNode());
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor],
  );
  return null;
}

/**
 * The live, shared editor of one document: rich text, Yjs over Hocuspocus,
 * others' cursors, who is here, and whether changes are saved. Browser only.
 */
export function CollaborativeEditor(props: CollaborativeEditorProps) {
  // A Yjs binding cannot be moved to another document: another document is another editor.
  return <EditorSession key={`${props.collabUrl}\n${props.documentId}`} {...props} />;
}

export default CollaborativeEditor;

function EditorSession({ documentId, collabUrl, user, canEdit, label, language, comments, suggestions, device }: CollaborativeEditorProps) {
  const { t } = useTranslation();
  const editorId = useId();
  const helpId = useId();
  const cursorsContainerRef = useRef<HTMLDivElement>(null);
  const stickyBar = useRef<HTMLDivElement>(null);
  useScrollPaddingFor(stickyBar);
  const [provider, setProvider] = useState<CollabProvider | null>(null);
  const providerRef = useRef<CollabProvider | null>(null);
  const mounted = useRef(false);
  // Primitives, not the object: a new `device` object on every render must not rebuild the provider.
  const devicePerson = device?.personId;
  const keepOnDevice = device?.keep ?? false;

  // Stable, or the plugin would build a new provider (and reconnect) on every render.
  const providerFactory = useCallback(
    (id: string, yjsDocMap: Map<string, Y.Doc>): Provider => {
      const doc = new Y.Doc();
      yjsDocMap.set(id, doc);
      const copyName = devicePerson ? deviceCopyName(devicePerson, id) : null;
      // A copy left from when the document was allowed on the device (before it became RED, say) goes now.
      if (copyName && !keepOnDevice) deleteDatabase(copyName).catch((error: unknown) => console.error(error));
      const deviceStore = copyName && keepOnDevice ? new IndexedDbDeviceStore(copyName, doc) : undefined;
      const next = new CollabProvider({ url: collabUrl, name: id, doc, deviceStore });
      providerRef.current?.destroy();
      providerRef.current = next;
      setProvider(next);
      return next;
    },
    [collabUrl, devicePerson, keepOnDevice],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // The plugin only disconnects; timers and listeners go here. Deferred, because
      // React StrictMode unmounts and remounts once in development and the plugin
      // keeps its provider across that.
      setTimeout(() => {
        if (!mounted.current) providerRef.current?.destroy();
      }, 0);
    };
  }, []);

  const snapshot = useSyncExternalStore(
    provider ? provider.subscribe : noSubscription,
    provider ? provider.getSnapshot : initialSnapshot,
    initialSnapshot,
  );
  // Memoised: a new object would make the plugin re-initialise its awareness state.
  const awarenessData = useMemo(() => ({ institution: user.institution }), [user.institution]);

  const { refusal } = snapshot;
  const refusedEditing = refusal !== null && READ_ONLY_REFUSALS.has(refusal);
  const readOnly = !canEdit || snapshot.serverReadOnly || refusedEditing;
  // Editing goes on offline; it only waits for the document to arrive the first time.
  // In suggesting mode keys open the suggestion composer instead of changing the text.
  const suggesting = suggestions !== undefined && suggestions.canSuggest && suggestions.suggesting;
  const editable = !readOnly && snapshot.loaded && !suggesting;
  const unsavedLost = canEdit && (snapshot.hasLocalEdits || snapshot.keptChanges > 0) && (snapshot.serverReadOnly || refusedEditing);
  const status = useShownStatus(statusKey(snapshot, readOnly));
  useLeaveGuard(provider, t('editor.leaveUnsaved'), { name: user.name, color: user.color, awarenessData });

  const placeholderText = !snapshot.loaded ? t('editor.loadingDocument') : editable ? t('editor.placeholder') : '';
  const canRetry = refusal !== null && !READ_ONLY_REFUSALS.has(refusal);

  return (
    <div className="space-y-3" data-testid="collaborative-editor">
      <LexicalCollaboration>
        <LexicalComposer initialConfig={INITIAL_CONFIG}>
          {/* Sticky, so the tools, the save state and any problem stay in view in a long document. */}
          <div ref={stickyBar} className="sticky top-0 z-20 space-y-2 border-b border-slate-200 bg-slate-50/95 py-2 backdrop-blur">
            {refusal ? (
              <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
                <p>{t(REFUSAL_MESSAGES[refusal])}</p>
                {unsavedLost ? <p className="mt-1 font-semibold">{t('editor.errors.unsaved')}</p> : null}
                {canRetry ? (
                  <div className="mt-2 flex flex-wrap gap-2">
                    {refusal === 'unauthorized' ? (
                      <a href="/login" target="_blank" rel="noopener noreferrer" className="btn-secondary">
                        {t('editor.errors.signIn')}
                      </a>
                    ) : null}
                    <button type="button" className="btn-secondary" onClick={() => provider?.retry()}>
                      {t('editor.errors.retry')}
                    </button>
                  </div>
                ) : null}
              </div>
            ) : unsavedLost ? (
              <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm font-semibold text-red-900">
                {t('editor.errors.unsaved')}
              </div>
            ) : null}
            <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
              {readOnly ? (
                refusedEditing ? null : (
                  <p className="rounded border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-700">{t('editor.readOnly')}</p>
                )
              ) : (
                <EditorToolbar enabled={editable} editorId={editorId} />
              )}
              {comments && snapshot.loaded ? <CommentControls comments={comments} /> : null}
              {suggestions && snapshot.loaded ? <SuggestionControls suggestions={suggestions} /> : null}
              <div
                aria-live="polite"
                aria-atomic="true"
                data-testid="save-status"
                data-status={status}
                className="ml-auto flex items-center gap-2 py-1.5 text-sm text-slate-700"
              >
                <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${STATUS_DOT[status]}`} />
                {COUNTED_STATUSES.has(status) ? t(`editor.status.${status}`, { count: snapshot.keptChanges }) : t(`editor.status.${status}`)}
              </div>
            </div>
          </div>

          <PresenceList provider={provider} />
          {/* Visible, not only read out: sighted keyboard users need the keys too (WCAG 3.3.2). */}
          {editable ? (
            <p id={helpId} className="text-xs text-slate-600" data-testid="editor-keyboard-help">
              {t('editor.keyboardHelp')}
            </p>
          ) : null}
          <div ref={cursorsContainerRef} className="relative rounded-md border border-slate-200 bg-white shadow-sm">
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  id={editorId}
                  lang={language}
                  aria-label={label ? t('editor.documentLabelNamed', { title: label }) : t('editor.documentLabel')}
                  aria-describedby={editable ? helpId : undefined}
                  aria-placeholder={placeholderText}
                  placeholder={
                    <div className="pointer-events-none absolute left-6 top-7 select-none text-slate-400">{placeholderText}</div>
                  }
                  className="min-h-[24rem] rounded-md px-6 py-5 leading-relaxed text-slate-900"
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
          </div>

          <CollaborationPlugin
            id={documentId}
            providerFactory={providerFactory}
            // New documents get their first content on the server; clients never seed.
            shouldBootstrap={false}
            username={user.name}
            cursorColor={user.color}
            awarenessData={awarenessData}
            cursorsContainerRef={cursorsContainerRef}
          />
          <EditableState editable={editable} />
          <ListPlugin />
          <ListTabPlugin />
          <LinkPlugin validateUrl={isSafeUrl} />
          <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasHorizontalScroll />
          <HorizontalRuleCommand />
          {comments ? <CommentMarks comments={comments} /> : null}
          {suggestions ? <SuggestionMarks suggestions={suggestions} /> : null}
          <MarkdownShortcutPlugin transformers={MARKDOWN_TRANSFORMERS} />
        </LexicalComposer>
      </LexicalCollaboration>
    </div>
  );
}
