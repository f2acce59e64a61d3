import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuggestionPanelData } from '../../services/suggestions.server.ts';
import { formatDateTime } from '../../utils/format.ts';
import type { CapturedPassage, EditorSuggestions } from '../editor/suggestion-plugin.client.tsx';
import { SectorBadge } from '../sector-badge.tsx';

type Suggestion = SuggestionPanelData['suggestions'][number];

const REFRESH_MS = 5_000;

/**
 * Posts a panel form with fetch when JavaScript runs; without it the form
 * posts normally and the server redirects back to the suggestion.
 */
function usePanelSubmit(onDone: () => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>, key: string) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter instanceof HTMLButtonElement && submitter.name) data.set(submitter.name, submitter.value);
    setBusy(true);
    try {
      const response = await fetch(form.action, { method: 'POST', body: data, headers: { Accept: 'application/json', 'X-Requested-With': 'fetch' } });
      const result = (await response.json().catch(() => null)) as { ok?: boolean; errors?: Record<string, string>; outdated?: string[] } | null;
      if (!response.ok || !result?.ok) {
        setErrors((all) => ({ ...all, [key]: Object.values(result?.errors ?? {})[0] ?? 'suggestions.errors.notSavedShort' }));
        return;
      }
      setErrors((all) => ({ ...all, [key]: result.outdated && result.outdated.length > 0 ? 'suggestions.someOutdated' : '' }));
      form.reset();
      onDone();
    } catch {
      setErrors((all) => ({ ...all, [key]: 'suggestions.errors.offline' }));
    } finally {
      setBusy(false);
    }
  };
  return { errors, submit, busy };
}

/** The passage and the proposal, struck through and inserted: text and lines, never colour alone. */
function Change({ suggestion }: { suggestion: Suggestion }) {
  const { t } = useTranslation();
  return (
    <p className="mt-2 text-sm">
      <span className="sr-only">{t('suggestions.passage')} </span>
      <del className="bg-rose-50 decoration-rose-800 decoration-2" data-testid="suggestion-quote">
        {suggestion.quote}
      </del>{' '}
      {suggestion.proposedText === '' ? (
        <span className="text-xs font-semibold uppercase text-slate-700">{t('suggestions.deletion')}</span>
      ) : (
        <>
          <span className="sr-only">{t('suggestions.proposedText')} </span>
          <ins className="bg-emerald-50 text-emerald-900 decoration-emerald-700 decoration-2" data-testid="suggestion-proposal">
            {suggestion.proposedText}
          </ins>
        </>
      )}
    </p>
  );
}

/**
 * Moves an outdated suggestion to the passage selected in the text now. Needs
 * the editor, so it is offered only once the page runs JavaScript.
 */
function Reanchor({ suggestion, action, captureSelection, onDone }: { suggestion: Suggestion; action: string; captureSelection(): CapturedPassage | null; onDone(): void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  const reanchor = async () => {
    const passage = captureSelection();
    if (!passage) {
      setError('suggestions.selectFirst');
      return;
    }
    const data = new FormData();
    data.set('intent', 'reanchor');
    data.set('suggestionId', suggestion.id);
    data.set('quote', passage.quote);
    data.set('anchor', JSON.stringify({ start: passage.start, end: passage.end }));
    try {
      const response = await fetch(action, { method: 'POST', body: data, headers: { Accept: 'application/json', 'X-Requested-With': 'fetch' } });
      const result = (await response.json().catch(() => null)) as { ok?: boolean; errors?: Record<string, string> } | null;
      if (!response.ok || !result?.ok) {
        setError(Object.values(result?.errors ?? {})[0] ?? 'suggestions.errors.notSavedShort');
        return;
      }
      setError(null);
      onDone();
    } catch {
      setError('suggestions.errors.offline');
    }
  };
  return (
    <div className="mt-2">
      <button type="button" className="btn-secondary" onMouseDown={(event) => event.preventDefault()} onClick={() => void reanchor()} data-testid="suggestion-reanchor">
        {t('suggestions.reanchor')}
      </button>
      <p className="mt-1 text-xs text-slate-600">{t('suggestions.reanchorHelp')}</p>
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function SuggestionItem({
  suggestion,
  action,
  data,
  active,
  onShowInText,
  onOpenThread,
  onRefresh,
  captureSelection,
}: {
  suggestion: Suggestion;
  action: string;
  data: SuggestionPanelData & { canComment: boolean };
  active: boolean;
  onShowInText(id: string): void;
  onOpenThread(id: string): void;
  onRefresh(): void;
  captureSelection(): CapturedPassage | null;
}) {
  const { t, i18n } = useTranslation();
  const { errors, submit, busy } = usePanelSubmit(onRefresh);
  const headingId = `suggestion-${suggestion.id}-title`;
  const pending = suggestion.status === 'pending';
  const error = errors.accept || errors.part || errors.reject || errors.reply;
  return (
    <li
      id={`suggestion-${suggestion.id}`}
      tabIndex={-1}
      aria-labelledby={headingId}
      data-testid="suggestion"
      data-status={suggestion.status}
      aria-current={active ? 'true' : undefined}
      className={`rounded border bg-white p-3 shadow-sm focus:outline focus:outline-2 focus:outline-brand-500 ${active ? 'border-rose-600 ring-2 ring-rose-300' : 'border-slate-200'}`}
    >
      <h3 id={headingId} className="sr-only">
        {t('suggestions.by', { name: suggestion.authorName })}
      </h3>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-semibold text-slate-900" data-testid="suggestion-status">
          {t(`suggestions.status.${suggestion.status}`)}
        </span>
        {suggestion.outdated ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900" data-testid="suggestion-outdated">
            {t('suggestions.outdated')}
          </span>
        ) : null}
      </div>
      <p className="mt-1 text-xs text-slate-600">
        <span className="font-semibold text-slate-800">{suggestion.authorName}</span> · {suggestion.institutionName} <SectorBadge sector={suggestion.institutionSector} /> ·{' '}
        <time dateTime={suggestion.createdAt}>{formatDateTime(suggestion.createdAt, i18n.language)}</time>
      </p>
      <Change suggestion={suggestion} />
      {suggestion.rationale ? (
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">
          <span className="font-semibold">{t('suggestions.rationaleLabel')}</span> {suggestion.rationale}
        </p>
      ) : null}
      {suggestion.outdated ? <p className="mt-1 text-xs text-amber-900">{t('suggestions.outdatedHelp')}</p> : null}
      {suggestion.canReanchor ? <Reanchor suggestion={suggestion} action={action} captureSelection={captureSelection} onDone={onRefresh} /> : null}
      {!pending && suggestion.decidedAt ? (
        <div className="mt-2 border-t border-slate-100 pt-2 text-xs text-slate-700" data-testid="suggestion-decision">
          <p>{t('suggestions.decidedBy', { name: suggestion.deciderName ?? '', date: formatDateTime(suggestion.decidedAt, i18n.language) })}</p>
          {suggestion.status === 'accepted_in_part' && suggestion.appliedText !== null ? (
            <p>
              {t('suggestions.appliedText')} <q>{suggestion.appliedText}</q>
            </p>
          ) : null}
          {suggestion.decisionReason ? (
            <p>
              {t('suggestions.reasonLabel')} {suggestion.decisionReason}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {pending && !suggestion.outdated ? (
          <button type="button" className="text-brand-700 underline" onClick={() => onShowInText(suggestion.id)}>
            {t('suggestions.showInText')}
          </button>
        ) : null}
        {suggestion.threadId ? (
          <a href={`#thread-${suggestion.threadId}`} className="text-brand-700 underline" onClick={() => onOpenThread(suggestion.threadId!)}>
            {t('suggestions.openThread')}
          </a>
        ) : null}
      </div>
      {pending && data.canDecide ? (
        <div className="mt-2 space-y-2 border-t border-slate-100 pt-2">
          {!suggestion.outdated ? (
            <form method="post" action={action} onSubmit={(event) => submit(event, 'accept')}>
              <input type="hidden" name="intent" value="accept" />
              <input type="hidden" name="suggestionId" value={suggestion.id} />
              <button type="submit" className="btn-primary" disabled={busy} data-testid="suggestion-accept">
                {t('suggestions.accept')}
              </button>
            </form>
          ) : null}
          {!suggestion.outdated ? (
            <details>
              <summary className="cursor-pointer text-sm text-brand-700 underline">{t('suggestions.acceptInPart')}</summary>
              <form method="post" action={action} className="mt-2 space-y-2" onSubmit={(event) => submit(event, 'part')}>
                <input type="hidden" name="intent" value="accept_in_part" />
                <input type="hidden" name="suggestionId" value={suggestion.id} />
                <label className="block text-sm font-semibold text-slate-800">
                  {t('suggestions.editProposal')}
                  <textarea name="text" rows={3} maxLength={5000} defaultValue={suggestion.proposedText} className="field-input mt-1 font-normal" data-testid="suggestion-part-text" />
                </label>
                <button type="submit" className="btn-secondary" disabled={busy} data-testid="suggestion-accept-part">
                  {t('suggestions.applyEdited')}
                </button>
              </form>
            </details>
          ) : null}
          <details>
            <summary className="cursor-pointer text-sm text-brand-700 underline">{t('suggestions.reject')}</summary>
            <form method="post" action={action} className="mt-2 space-y-2" onSubmit={(event) => submit(event, 'reject')}>
              <input type="hidden" name="intent" value="reject" />
              <input type="hidden" name="suggestionId" value={suggestion.id} />
              <label className="block text-sm font-semibold text-slate-800">
                {t('suggestions.reason')}
                <textarea name="reason" rows={2} maxLength={2000} className="field-input mt-1 font-normal" data-testid="suggestion-reject-reason" />
              </label>
              <button type="submit" className="btn-secondary" disabled={busy} data-testid="suggestion-reject">
                {t('suggestions.rejectConfirm')}
              </button>
            </form>
          </details>
        </div>
      ) : null}
      {data.canComment && !suggestion.threadId ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-brand-700 underline">{t('suggestions.reply')}</summary>
          <form method="post" action={action} className="mt-2 space-y-2" onSubmit={(event) => submit(event, 'reply')}>
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="suggestionId" value={suggestion.id} />
            <label className="block text-sm font-semibold text-slate-800">
              {t('suggestions.replyLabel')}
              <textarea name="body" rows={2} required maxLength={5000} className="field-input mt-1 font-normal" />
            </label>
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t('suggestions.postReply')}
            </button>
          </form>
        </details>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </li>
  );
}

/** Accept or reject all pending suggestions, or one institution's. */
function DecideAll({ action, data, onRefresh }: { action: string; data: SuggestionPanelData; onRefresh(): void }) {
  const { t } = useTranslation();
  const { errors, submit, busy } = usePanelSubmit(onRefresh);
  const institutions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const suggestion of data.suggestions) if (suggestion.status === 'pending') seen.set(suggestion.institutionId, suggestion.institutionName);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1]));
  }, [data.suggestions]);
  if (institutions.length === 0) return null;
  return (
    <details className="rounded border border-slate-200 bg-white p-2 text-sm">
      <summary className="cursor-pointer font-semibold text-slate-800">{t('suggestions.decideAll')}</summary>
      <form method="post" action={action} className="mt-2 space-y-2" onSubmit={(event) => submit(event, 'all')}>
        <label className="grid gap-1">
          <span className="font-semibold text-slate-800">{t('suggestions.whose')}</span>
          <select name="institutionId" className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t('suggestions.everyone')}</option>
            {institutions.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="block font-semibold text-slate-800">
          {t('suggestions.reason')}
          <textarea name="reason" rows={2} maxLength={2000} className="field-input mt-1 font-normal" />
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="accept_all" className="btn-secondary" disabled={busy}>
            {t('suggestions.acceptAll')}
          </button>
          <button type="submit" name="intent" value="reject_all" className="btn-secondary" disabled={busy}>
            {t('suggestions.rejectAll')}
          </button>
        </div>
        {errors.all ? (
          <p role="alert" className="text-sm text-red-800">
            {t(errors.all)}
          </p>
        ) : null}
      </form>
    </details>
  );
}

export interface SuggestionPanelProps {
  documentId: string;
  data: SuggestionPanelData;
  canComment: boolean;
  activeId: string | null;
  onShowInText(id: string): void;
  onOpenThread(id: string): void;
  onRefresh(): void;
  /** The passage selected in the editor now, if any (re-anchoring). */
  captureSelection(): CapturedPassage | null;
}

/** The side panel of suggestions: pending ones first, each with its decision forms. */
export function SuggestionPanel({ documentId, data, canComment, activeId, onShowInText, onOpenThread, onRefresh, captureSelection }: SuggestionPanelProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const action = `/documents/${documentId}/suggestions`;
  const pending = data.suggestions.filter((suggestion) => suggestion.status === 'pending');
  const decided = data.suggestions.filter((suggestion) => suggestion.status !== 'pending');
  const withComment = { ...data, canComment };

  useEffect(() => {
    if (!activeId) return;
    list.current?.querySelector<HTMLElement>(`#suggestion-${CSS.escape(activeId)}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const item = (suggestion: Suggestion) => (
    <SuggestionItem
      key={suggestion.id}
      suggestion={suggestion}
      action={action}
      data={withComment}
      active={suggestion.id === activeId}
      onShowInText={onShowInText}
      onOpenThread={onOpenThread}
      onRefresh={onRefresh}
      captureSelection={captureSelection}
    />
  );

  return (
    <section id="suggestions" aria-labelledby="suggestions-title" className="space-y-3" data-testid="suggestion-panel">
      <h2 id="suggestions-title" className="font-semibold">
        {t('suggestions.panelTitle')}
      </h2>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="suggestion-count">
        {t('suggestions.pendingCount', { count: pending.length })}
      </p>
      {data.canSuggest ? <p className="text-xs text-slate-600">{t('suggestions.howTo')}</p> : null}
      {data.canDecide ? <DecideAll action={action} data={data} onRefresh={onRefresh} /> : null}
      {data.suggestions.length === 0 ? (
        <p className="text-sm text-slate-600">{t('suggestions.none')}</p>
      ) : (
        <ol ref={list} className="space-y-3">
          {pending.map(item)}
          {decided.map(item)}
        </ol>
      )}
    </section>
  );
}

/**
 * The suggestions of the document page: the panel's data (refreshed every
 * few seconds, on focus, and as soon as an unknown mark arrives in the text)
 * and what the editor needs for suggesting mode.
 */
export function useSuggestionWorkspace(input: {
  documentId: string;
  initial: SuggestionPanelData | undefined;
  canEdit: boolean;
  onChanged(): void;
}) {
  const { documentId, initial, canEdit, onChanged } = input;
  const [data, setData] = useState(initial);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(!canEdit);
  const latest = useRef(0);
  const selection = useRef<(() => CapturedPassage | null) | null>(null);
  const captureSelection = useCallback(() => selection.current?.() ?? null, []);

  useEffect(() => setData(initial), [initial]);
  useEffect(() => setSuggesting(!canEdit), [canEdit]);

  const refresh = useCallback(async () => {
    if (!initial) return;
    const ticket = ++latest.current;
    try {
      const response = await fetch(`/documents/${documentId}/suggestions`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const next = (await response.json()) as SuggestionPanelData;
      if (ticket === latest.current) setData(next);
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }, [documentId, initial]);

  useEffect(() => {
    if (!initial) return;
    const match = /^#suggestion-([0-9a-f-]{36})$/i.exec(window.location.hash);
    if (match) setActiveId(match[1]);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, REFRESH_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh, initial]);

  // A mark arrives through the shared text a moment before its row is readable: ask now and once more.
  const onUnknownMark = useCallback(() => {
    void refresh();
    setTimeout(() => void refresh(), 600);
    onChanged();
  }, [refresh, onChanged]);

  const afterChange = useCallback(() => {
    void refresh();
    onChanged();
  }, [refresh, onChanged]);

  const pending = useMemo(
    () =>
      (data?.suggestions ?? [])
        .filter((suggestion) => suggestion.status === 'pending')
        .map((suggestion) => ({
          id: suggestion.id,
          proposedText: suggestion.proposedText,
          authorName: suggestion.authorName,
          institutionName: suggestion.institutionName,
          outdated: suggestion.outdated,
        })),
    [data],
  );

  const editor: EditorSuggestions | undefined = useMemo(
    () =>
      data
        ? {
            actionUrl: `/documents/${documentId}/suggestions`,
            canSuggest: data.canSuggest,
            canEdit,
            suggesting: suggesting || !canEdit,
            onSuggestingChange: setSuggesting,
            pending,
            activeId,
            onOpen: setActiveId,
            onCreated: (id: string) => {
              setActiveId(id);
              afterChange();
            },
            onUnknownMark,
            selection,
          }
        : undefined,
    [data, documentId, canEdit, suggesting, pending, activeId, afterChange, onUnknownMark],
  );

  return { data, editor, activeId, setActiveId, refresh: afterChange, captureSelection };
}
