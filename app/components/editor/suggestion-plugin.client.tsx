import { $isMarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import { $createRangeSelectionFromDom, $getNearestNodeFromDOMNode, type LexicalEditor } from 'lexical';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { $normalizeTextRange, $textRange, $toTextPoint, $wordAt, type TextPoint } from '../../editor/text-points.ts';
import { postAnchored, useEscapeToClose } from './anchored-post.client.ts';

/** A pending suggestion as the editor shows it in the text. */
export interface EditorSuggestion {
  id: string;
  proposedText: string;
  authorName: string;
  institutionName: string;
  outdated: boolean;
}

/** What the editor needs to know about suggestions on the page around it. */
export interface EditorSuggestions {
  /** Where suggestions are posted: /documents/<id>/suggestions. */
  actionUrl: string;
  canSuggest: boolean;
  /** Whether the person may also edit directly (then suggesting is a mode they switch on). */
  canEdit: boolean;
  suggesting: boolean;
  onSuggestingChange(on: boolean): void;
  pending: EditorSuggestion[];
  activeId: string | null;
  onOpen(id: string): void;
  onCreated(id: string): void;
  /** A mark id the page does not know yet arrived through the shared text: refresh the panels. */
  onUnknownMark(): void;
  /** Filled by the editor: the current selection as the server takes it (for re-anchoring from the panel). */
  selection: { current: (() => CapturedPassage | null) | null };
}

/** A passage of the text as the browser sends it: normalised text points and the text between them. */
export interface CapturedPassage {
  start: TextPoint;
  end: TextPoint;
  quote: string;
}

interface Draft {
  start: TextPoint;
  end: TextPoint;
  quote: string;
  proposed: string;
}

const MAX_QUOTE = 5000;

/** Classes of a marked passage: struck through (never colour alone), and the proposal after it. */
const MARK_CLASSES = ['suggestion-mark', '!bg-rose-50', 'line-through', '!decoration-rose-800', 'decoration-2'];
const INSERT_CLASSES = [
  'after:ml-1',
  'after:inline-block',
  'after:rounded-sm',
  'after:bg-emerald-50',
  'after:px-0.5',
  'after:text-emerald-900',
  'after:underline',
  'after:decoration-emerald-700',
  'after:decoration-2',
  'after:content-[attr(data-proposed)]',
];
const ACTIVE_CLASSES = ['outline', 'outline-2', 'outline-rose-700'];

/** The DOM selection (or caret) in the editor as normalised text points, or the word at the caret. */
function captureRange(editor: LexicalEditor): { start: TextPoint; end: TextPoint; quote: string; caret: number | null } | null {
  const root = editor.getRootElement();
  const dom = window.getSelection();
  if (!root || !dom || dom.rangeCount === 0) return null;
  const range = dom.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const points = { anchorNode: range.startContainer, anchorOffset: range.startOffset, focusNode: range.endContainer, focusOffset: range.endOffset };
  return editor.getEditorState().read(
    () => {
      const selection = $createRangeSelectionFromDom(points as unknown as Selection, editor);
      if (!selection) return null;
      const start = $toTextPoint(selection.anchor);
      const end = $toTextPoint(selection.focus);
      if (!start || !end) return null;
      let caret: number | null = null;
      let from = start;
      let to = end;
      if (selection.isCollapsed()) {
        const word = $wordAt(start);
        if (!word) return null;
        from = word.start;
        to = word.end;
        caret = word.offsetInWord;
      }
      const normal = $normalizeTextRange(from, to);
      const found = normal ? $textRange(normal.start, normal.end) : null;
      if (!normal || !found || found.text.trim() === '' || found.text.length > MAX_QUOTE) return null;
      return { start: normal.start, end: normal.end, quote: found.text, caret };
    },
    { editor },
  );
}

/** What a key pressed in suggesting mode proposes, or null for keys that do not change text. */
function proposalFor(event: KeyboardEvent, quote: string, caret: number | null): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const typed = event.key.length === 1 ? event.key : null;
  const erase = event.key === 'Backspace' || event.key === 'Delete';
  if (typed === null && !erase) return null;
  if (caret === null) return typed ?? '';
  if (typed !== null) return quote.slice(0, caret) + typed + quote.slice(caret);
  if (event.key === 'Backspace') return caret > 0 ? quote.slice(0, caret - 1) + quote.slice(caret) : quote;
  return quote.slice(0, caret) + quote.slice(caret + 1);
}

/**
 * The suggesting toggle (for editors), the "Suggest a change" button and the
 * composer. In suggesting mode the editor is read-only in this browser (and
 * for someone who may only suggest, on the server too): typing, deleting or
 * typing over a selection opens the composer instead of changing the text,
 * and the server marks the passage.
 */
export function SuggestionControls({ suggestions }: { suggestions: EditorSuggestions }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const formId = useId();
  const proposedId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const active = suggestions.canSuggest && suggestions.suggesting;
  const { selection: selectionRef } = suggestions;

  useEffect(() => {
    selectionRef.current = () => {
      const captured = captureRange(editor);
      return captured && captured.caret === null ? { start: captured.start, end: captured.end, quote: captured.quote } : null;
    };
    return () => {
      selectionRef.current = null;
    };
  }, [editor, selectionRef]);

  const open = useCallback(
    (proposed: (quote: string, caret: number | null) => string) => {
      const captured = captureRange(editor);
      if (!captured) {
        setHint('suggestions.selectFirst');
        return false;
      }
      setHint(null);
      setDraft({ start: captured.start, end: captured.end, quote: captured.quote, proposed: proposed(captured.quote, captured.caret) });
      setError(null);
      return true;
    },
    [editor],
  );

  // Keys that would change the text open the composer instead.
  useEffect(() => {
    if (!active || draft) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const root = editor.getRootElement();
      const dom = window.getSelection();
      if (!root || !dom || dom.rangeCount === 0 || !root.contains(dom.anchorNode)) return;
      // Keys meant for a control (a button's Space, a field's letters) stay with it.
      const target = event.target as HTMLElement | null;
      if (target && target !== root && !root.contains(target) && target.closest('input, textarea, select, button, a[href], [contenteditable="true"]')) return;
      const captured = captureRange(editor);
      const proposed = captured ? proposalFor(event, captured.quote, captured.caret) : event.key.length === 1 && !event.ctrlKey && !event.metaKey ? '' : null;
      if (proposed === null) return;
      event.preventDefault();
      open(() => proposed);
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [active, draft, editor, open]);

  useEffect(() => {
    if (!draft) return;
    const element = textarea.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, [draft]);

  const close = useCallback(() => {
    setDraft(null);
    setError(null);
    button.current?.focus();
  }, []);

  useEscapeToClose(draft !== null, close);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft || busy) return;
    const suggestionId = crypto.randomUUID();
    setBusy(true);
    const result = await postAnchored(suggestions.actionUrl, event.currentTarget, { field: 'suggestionId', value: suggestionId }, draft);
    setBusy(false);
    if (!result.ok) {
      setError('offline' in result ? 'suggestions.errors.offline' : (result.error ?? 'suggestions.errors.notSavedShort'));
      return;
    }
    setDraft(null);
    window.getSelection()?.removeAllRanges();
    suggestions.onCreated(suggestionId);
  };

  if (!suggestions.canSuggest) return null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {suggestions.canEdit ? (
          <button
            type="button"
            className="btn-secondary"
            aria-pressed={suggestions.suggesting}
            onClick={() => suggestions.onSuggestingChange(!suggestions.suggesting)}
            data-testid="suggesting-toggle"
          >
            {suggestions.suggesting ? t('suggestions.modeOn') : t('suggestions.modeOff')}
          </button>
        ) : (
          <p className="rounded border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-700" data-testid="suggesting-always">
            {t('suggestions.modeAlways')}
          </p>
        )}
        {active ? (
          <button
            ref={button}
            type="button"
            className="btn-secondary"
            // Keep the text selected: a click on a button would otherwise not move it, but a tap might.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => open((quote) => quote)}
            data-testid="add-suggestion"
          >
            {t('suggestions.suggestChange')}
          </button>
        ) : null}
      </div>
      {hint && !draft ? (
        <p role="status" className="text-sm text-slate-700">
          {t(hint)}
        </p>
      ) : null}
      {draft ? (
        <form id={formId} onSubmit={submit} aria-label={t('suggestions.newSuggestion')} className="w-full max-w-xl space-y-2 rounded border border-slate-300 bg-white p-3 shadow" data-testid="suggestion-form">
          <p className="text-sm text-slate-700">
            {t('suggestions.passage')} <del className="decoration-rose-800 decoration-2">{draft.quote.length > 200 ? `${draft.quote.slice(0, 200)}…` : draft.quote}</del>
          </p>
          <label htmlFor={proposedId} className="block text-sm font-semibold text-slate-800">
            {t('suggestions.proposedText')}
          </label>
          <textarea
            ref={textarea}
            id={proposedId}
            name="proposedText"
            defaultValue={draft.proposed}
            rows={3}
            maxLength={5000}
            aria-describedby={`${proposedId}-help`}
            className="field-input"
            data-testid="suggestion-proposed"
          />
          <p id={`${proposedId}-help`} className="text-xs text-slate-600">
            {t('suggestions.proposedHelp')}
          </p>
          <label className="block text-sm font-semibold text-slate-800">
            {t('suggestions.rationale')}
            <textarea name="rationale" rows={2} maxLength={2000} className="field-input mt-1 font-normal" data-testid="suggestion-rationale" />
          </label>
          {error ? (
            <p role="alert" className="text-sm text-red-800">
              {t(error)}
            </p>
          ) : null}
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy} data-testid="suggestion-submit">
              {t('suggestions.submit')}
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

/**
 * Pending suggestions in the text: the passage struck through, the proposal
 * shown after it (a decoration of this browser's DOM, never part of the
 * shared text), and a click opens the suggestion in the panel.
 */
export function SuggestionMarks({ suggestions }: { suggestions: EditorSuggestions }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const { pending, activeId, onOpen, onUnknownMark } = suggestions;
  // Mark ids already reported as unknown: each one asks for a refresh once (comment threads' ids too).
  const reported = useRef(new Set<string>());

  useEffect(() => {
    const byId = new Map(pending.map((suggestion) => [suggestion.id, suggestion]));
    let decorated: HTMLElement[] = [];
    const decorate = () => {
      for (const element of decorated) {
        element.classList.remove(...MARK_CLASSES, ...INSERT_CLASSES, ...ACTIVE_CLASSES);
        element.removeAttribute('data-proposed');
        element.removeAttribute('data-suggestion-id');
        element.removeAttribute('title');
      }
      decorated = [];
      const marks = editor.getEditorState().read(() =>
        $dfs()
          .map(({ node }) => node)
          .filter($isMarkNode)
          .map((node) => ({ key: node.getKey(), ids: node.getIDs() })),
      );
      const last = new Map<string, HTMLElement>();
      let unknown = false;
      for (const mark of marks) {
        const element = editor.getElementByKey(mark.key);
        for (const id of mark.ids) {
          if (byId.has(id) || reported.current.has(id)) continue;
          reported.current.add(id);
          unknown = true;
        }
        const suggestion = mark.ids.map((id) => byId.get(id)).findLast((found) => found !== undefined);
        if (!element || !suggestion) continue;
        element.classList.add(...MARK_CLASSES);
        if (suggestion.id === activeId) element.classList.add(...ACTIVE_CLASSES);
        element.dataset.suggestionId = suggestion.id;
        element.title = t('suggestions.inTextTitle', { author: suggestion.authorName, institution: suggestion.institutionName });
        decorated.push(element);
        last.set(suggestion.id, element);
      }
      for (const [id, element] of last) {
        const suggestion = byId.get(id)!;
        element.classList.add(...INSERT_CLASSES);
        element.dataset.proposed = suggestion.proposedText === '' ? t('suggestions.inTextDelete') : t('suggestions.inTextInsert', { text: suggestion.proposedText });
      }
      if (unknown) onUnknownMark();
    };
    decorate();
    return editor.registerUpdateListener(() => decorate());
  }, [editor, pending, activeId, onUnknownMark, t]);

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const mark = (event.target as Element | null)?.closest?.('mark[data-suggestion-id]');
      if (!(mark instanceof HTMLElement) || !mark.dataset.suggestionId) return;
      const id = editor.getEditorState().read(
        () => {
          const node = $getNearestNodeFromDOMNode(mark);
          return $isMarkNode(node) ? node.getIDs().find((candidate) => candidate === mark.dataset.suggestionId) : undefined;
        },
        { editor },
      );
      if (id) onOpen(id);
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor, onOpen]);

  return null;
}
