import { $isMarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import { $createRangeSelectionFromDom, $getNearestNodeFromDOMNode, type LexicalEditor } from 'lexical';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { $normalizeTextRange, $textRange, $toTextPoint, type TextPoint } from '../../editor/text-points.ts';
import { MentionTextarea, type Mentionable } from '../comments/mention-textarea.tsx';
import { postAnchored, useEscapeToClose } from './anchored-post.client.ts';

/** What the editor needs to know about comments on the page around it. */
export interface EditorComments {
  /** Where threads are posted: /documents/<id>/comments. */
  actionUrl: string;
  canComment: boolean;
  people: Mentionable[];
  /** The thread whose text is highlighted and scrolled to. */
  activeThreadId: string | null;
  /** A highlighted text was clicked; `focus`: move the keyboard focus to the thread (not while the person is writing). */
  onOpenThread(threadId: string, options: { focus: boolean }): void;
  /** A new thread was stored. */
  onCreated(threadId: string): void;
}

interface CapturedSelection {
  start: TextPoint;
  end: TextPoint;
  quote: string;
}

const ACTIVE_CLASSES = ['bg-amber-300', 'outline', 'outline-2', 'outline-amber-600'];
const MAX_QUOTE = 5000;

/**
 * The DOM selection clipped to the editor: a triple click on the last
 * paragraph of a read-only editor can end outside it.
 */
function selectionInside(root: HTMLElement, dom: Selection): Pick<Selection, 'anchorNode' | 'anchorOffset' | 'focusNode' | 'focusOffset'> | null {
  const range = dom.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const clipped = range.cloneRange();
  if (!root.contains(clipped.startContainer)) clipped.setStart(root, 0);
  if (!root.contains(clipped.endContainer)) clipped.setEnd(root, root.childNodes.length);
  if (clipped.collapsed) return null;
  return { anchorNode: clipped.startContainer, anchorOffset: clipped.startOffset, focusNode: clipped.endContainer, focusOffset: clipped.endOffset };
}

/**
 * The browser's current selection in this editor as normalised text points
 * and the text between them, or null when there is nothing to comment on.
 * The server normalises the same way, so any selection (a triple click, one
 * across blocks, in a list or a table) is the same range on both sides.
 */
function captureSelection(editor: LexicalEditor): CapturedSelection | null {
  const root = editor.getRootElement();
  const dom = window.getSelection();
  if (!root || !dom || dom.rangeCount === 0 || dom.isCollapsed) return null;
  const points = selectionInside(root, dom);
  if (!points) return null;
  return editor.getEditorState().read(
    () => {
      // Lexical only reads these four fields of the DOM selection.
      const selection = $createRangeSelectionFromDom(points as Selection, editor);
      if (!selection || selection.isCollapsed()) return null;
      const [first, last] = selection.isBackward() ? [selection.focus, selection.anchor] : [selection.anchor, selection.focus];
      const start = $toTextPoint(first);
      const end = $toTextPoint(last);
      const range = start && end ? $normalizeTextRange(start, end) : null;
      const found = range ? $textRange(range.start, range.end) : null;
      if (!range || !found || found.text.trim() === '' || found.text.length > MAX_QUOTE) return null;
      return { start: range.start, end: range.end, quote: found.text };
    },
    { editor },
  );
}

function isCommentShortcut(event: KeyboardEvent): boolean {
  return event.ctrlKey && event.altKey && !event.metaKey && event.code === 'KeyM';
}

/**
 * The "Comment" button and the form for a new thread. Works for people who
 * may comment but not edit: the editor is read-only for them, so the browser
 * only sends where the selection is, and the server marks the text.
 */
export function CommentControls({ comments }: { comments: EditorComments }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [selection, setSelection] = useState<CapturedSelection | null>(null);
  const [draft, setDraft] = useState<CapturedSelection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onChange = () => setSelection(captureSelection(editor));
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [editor]);

  const open = useCallback(() => {
    const captured = captureSelection(editor) ?? selection;
    if (!captured || !comments.canComment) return;
    setDraft(captured);
    setError(null);
  }, [editor, selection, comments.canComment]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCommentShortcut(event) || captureSelection(editor) === null) return;
      event.preventDefault();
      open();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [editor, open]);

  const close = useCallback(() => {
    setDraft(null);
    setError(null);
    button.current?.focus();
  }, []);

  // Escape leaves the new-comment form (the mention list handles its own Escape first).
  useEscapeToClose(draft !== null, close);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft || busy) return;
    const threadId = crypto.randomUUID();
    setBusy(true);
    const result = await postAnchored(comments.actionUrl, event.currentTarget, { field: 'threadId', value: threadId }, draft);
    setBusy(false);
    if (!result.ok) {
      setError('offline' in result ? 'comments.errors.offline' : (result.error ?? 'comments.errors.notSavedShort'));
      return;
    }
    setDraft(null);
    setError(null);
    window.getSelection()?.removeAllRanges();
    comments.onCreated(threadId);
  };

  if (!comments.canComment) return null;
  return (
    <div className="flex flex-col gap-2">
      <button
        ref={button}
        type="button"
        className="btn-secondary"
        disabled={selection === null && draft === null}
        aria-keyshortcuts="Control+Alt+M"
        title={`${t('comments.addComment')} (Ctrl+Alt+M)`}
        // Keep the text selected: a click on a button would otherwise not move it, but a tap might.
        onMouseDown={(event) => event.preventDefault()}
        onClick={open}
        data-testid="add-comment"
      >
        {t('comments.addComment')}
      </button>
      {draft ? (
        <form
          id={formId}
          onSubmit={submit}
          aria-label={t('comments.newThread')}
          className="w-full max-w-xl space-y-2 rounded border border-slate-300 bg-white p-3 shadow"
        >
          <p className="text-sm text-slate-700">
            {t('comments.quoteLabel')} <q className="italic">{draft.quote.length > 200 ? `${draft.quote.slice(0, 200)}…` : draft.quote}</q>
          </p>
          <MentionTextarea name="body" label={t('comments.firstComment')} people={comments.people} focusOnMount />
          {error ? (
            <p role="alert" className="text-sm text-red-800">
              {t(error)}
            </p>
          ) : null}
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('comments.post')}
            </button>
            <button type="button" className="btn-secondary" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** Highlighted text opens its thread on click; the active thread's text is outlined and scrolled to. */
export function CommentMarks({ comments }: { comments: EditorComments }) {
  const [editor] = useLexicalComposerContext();
  const { onOpenThread, activeThreadId } = comments;

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const mark = (event.target as Element | null)?.closest?.('mark');
      if (!mark) return;
      const ids = editor.getEditorState().read(
        () => {
          const node = $getNearestNodeFromDOMNode(mark);
          return $isMarkNode(node) ? node.getIDs() : [];
        },
        { editor },
      );
      // The innermost thread is the last one added to this text.
      if (ids.length > 0) onOpenThread(ids[ids.length - 1], { focus: !editor.isEditable() });
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor, onOpenThread]);

  useEffect(() => {
    if (!activeThreadId) return;
    let elements: HTMLElement[] = [];
    const highlight = () => {
      for (const element of elements) element.classList.remove(...ACTIVE_CLASSES);
      const keys = editor.getEditorState().read(() =>
        $dfs()
          .map(({ node }) => node)
          .filter((node) => $isMarkNode(node) && node.hasID(activeThreadId))
          .map((node) => node.getKey()),
      );
      elements = keys.map((key) => editor.getElementByKey(key)).filter((element): element is HTMLElement => element !== null);
      for (const element of elements) element.classList.add(...ACTIVE_CLASSES);
      return elements;
    };
    let scrolled = false;
    const scrollOnce = (found: HTMLElement[]) => {
      if (scrolled || found.length === 0) return;
      scrolled = true;
      found[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    };
    scrollOnce(highlight());
    // Others keep editing (or the text is still arriving): keep the outline on the text as Lexical re-renders it.
    const remove = editor.registerUpdateListener(() => scrollOnce(highlight()));
    return () => {
      remove();
      for (const element of elements) element.classList.remove(...ACTIVE_CLASSES);
    };
  }, [editor, activeThreadId]);

  return null;
}
