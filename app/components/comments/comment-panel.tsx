import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentPanelData } from '../../services/comments.server.ts';
import { formatDateTime } from '../../utils/format.ts';
import { splitMentions } from '../../utils/mentions.ts';
import { MentionTextarea } from './mention-textarea.tsx';

type Thread = CommentPanelData['threads'][number];

export interface CommentPanelProps {
  documentId: string;
  data: CommentPanelData;
  activeThreadId: string | null;
  /** "Show in text": highlight and scroll to the thread's anchor. */
  onShowInText(threadId: string): void;
  /** Refetch the panel (after a change here, or on a timer). */
  onRefresh(): void;
  /** Filters changed (with JavaScript the panel refetches instead of reloading the page). */
  onFilter(params: URLSearchParams): void;
}

/** A comment body: plain text with mentions shown as names. */
function CommentBody({ body }: { body: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="comment-body">
      {splitMentions(body).map((part, index) =>
        'mention' in part ? (
          <span key={index} className="font-semibold text-brand-700" data-testid="mention">
            @{part.mention.name}
          </span>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * Posts a panel form with fetch when JavaScript runs (the page and the editor
 * stay as they are); without it the form posts normally and the server
 * redirects back to the thread.
 */
function usePanelSubmit(onDone: () => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent<HTMLFormElement>, key: string) => {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      const response = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json', 'X-Requested-With': 'fetch' } });
      const result = (await response.json().catch(() => null)) as { ok?: boolean; errors?: Record<string, string> } | null;
      if (!response.ok || !result?.ok) {
        setErrors((all) => ({ ...all, [key]: Object.values(result?.errors ?? {})[0] ?? 'comments.errors.notSavedShort' }));
        return;
      }
      setErrors((all) => ({ ...all, [key]: '' }));
      form.reset();
      onDone();
    } catch {
      setErrors((all) => ({ ...all, [key]: 'comments.errors.offline' }));
    }
  };
  return { errors, submit };
}

type PanelComment = Thread['comments'][number];

/**
 * Edit and Delete for the author, Hide (with a reason) for the secretariat:
 * disclosures with plain forms, so they work without JavaScript as well.
 */
function CommentActions({ comment, action, people, onDone }: { comment: PanelComment; action: string; people: CommentPanelData['mentionable']; onDone(): void }) {
  const { t } = useTranslation();
  const { errors, submit } = usePanelSubmit(onDone);
  if (!comment.canChange && !comment.canHide) return null;
  const error = errors.edit || errors.delete || errors.hide;
  return (
    <div className="mt-1 flex flex-wrap items-start gap-x-3 gap-y-1 text-sm">
      {comment.canChange ? (
        <>
          <details className="w-full">
            <summary className="cursor-pointer text-brand-700 underline">{t('comments.edit')}</summary>
            <form method="post" action={action} className="mt-2 space-y-2" onSubmit={(event) => submit(event, 'edit')}>
              <input type="hidden" name="intent" value="edit" />
              <input type="hidden" name="commentId" value={comment.id} />
              <MentionTextarea key={comment.body} name="body" label={t('comments.editComment')} people={people} defaultValue={comment.body} />
              <button type="submit" className="btn-secondary">
                {t('comments.save')}
              </button>
            </form>
          </details>
          <form method="post" action={action} onSubmit={(event) => submit(event, 'delete')}>
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="text-red-800 underline">
              {t('comments.deleteComment')}
            </button>
          </form>
        </>
      ) : null}
      {comment.canHide ? (
        <details className="w-full">
          <summary className="cursor-pointer text-brand-700 underline">{t('comments.hide')}</summary>
          <form method="post" action={action} className="mt-2 space-y-2" onSubmit={(event) => submit(event, 'hide')}>
            <input type="hidden" name="intent" value="hide" />
            <input type="hidden" name="commentId" value={comment.id} />
            <label className="block text-sm font-semibold text-slate-800">
              {t('comments.hideReason')}
              <input name="reason" required maxLength={500} className="field-input mt-1 font-normal" />
            </label>
            <button type="submit" className="btn-secondary">
              {t('comments.hideConfirm')}
            </button>
          </form>
        </details>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function ThreadItem({
  thread,
  documentId,
  data,
  active,
  onShowInText,
  onRefresh,
}: {
  thread: Thread;
  documentId: string;
  data: CommentPanelData;
  active: boolean;
  onShowInText(threadId: string): void;
  onRefresh(): void;
}) {
  const { t, i18n } = useTranslation();
  const { errors, submit } = usePanelSubmit(onRefresh);
  const action = `/documents/${documentId}/comments`;
  const headingId = `thread-${thread.id}-title`;
  const removed = thread.anchorRemovedAt !== null;
  return (
    <li
      id={`thread-${thread.id}`}
      tabIndex={-1}
      aria-labelledby={headingId}
      data-testid="comment-thread"
      data-status={thread.status}
      aria-current={active ? 'true' : undefined}
      className={`rounded border bg-white p-3 shadow-sm focus:outline focus:outline-2 focus:outline-brand-500 ${active ? 'border-amber-500 ring-2 ring-amber-300' : 'border-slate-200'}`}
    >
      <h3 id={headingId} className="sr-only">
        {t('comments.threadBy', { name: thread.authorName })}
      </h3>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className={`rounded px-1.5 py-0.5 font-semibold ${thread.status === 'open' ? 'bg-amber-100 text-amber-900' : 'bg-emerald-100 text-emerald-900'}`}>
          {t(`comments.status.${thread.status}`)}
        </span>
        {removed ? (
          <span className="rounded bg-slate-200 px-1.5 py-0.5 font-semibold text-slate-800" data-testid="text-removed">
            {t('comments.textRemoved')}
          </span>
        ) : null}
      </div>
      <blockquote className={`mt-2 border-l-4 pl-2 text-sm italic ${removed ? 'border-slate-300 text-slate-500 line-through' : 'border-amber-400 text-slate-700'}`}>
        {thread.quote}
      </blockquote>
      {!removed ? (
        <button type="button" className="mt-1 text-sm text-brand-700 underline" onClick={() => onShowInText(thread.id)}>
          {t('comments.showInText')}
        </button>
      ) : null}
      <ol className="mt-2 space-y-2" aria-label={t('comments.commentsInThread')}>
        {thread.comments.map((comment) => (
          <li key={comment.id} className="border-t border-slate-100 pt-2">
            <p className="text-xs text-slate-600">
              <span className="font-semibold text-slate-800">{comment.authorName}</span>
              {comment.id === thread.comments[0]?.id ? ` · ${thread.institutionName}` : ''} ·{' '}
              <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, i18n.language)}</time>
              {comment.editedAt && !comment.deletedAt ? ` · ${t('comments.edited')}` : ''}
            </p>
            {comment.deletedAt ? (
              <p className="text-sm italic text-slate-600">{t('comments.deleted')}</p>
            ) : comment.hiddenAt ? (
              <div data-testid="comment-hidden">
                <p className="text-sm italic text-slate-700">{t('comments.hiddenBy', { reason: comment.hiddenReason ?? '' })}</p>
                {comment.body ? (
                  <div className="mt-1 border-l-2 border-slate-300 pl-2">
                    <p className="text-xs text-slate-600">{t('comments.hiddenForYou')}</p>
                    <CommentBody body={comment.body} />
                  </div>
                ) : null}
              </div>
            ) : (
              <CommentBody body={comment.body} />
            )}
            <CommentActions comment={comment} action={action} people={data.mentionable} onDone={onRefresh} />
          </li>
        ))}
      </ol>
      {thread.status === 'resolved' && thread.resolverName && thread.resolvedAt ? (
        <p className="mt-2 text-xs text-slate-600">
          {t('comments.resolvedBy', { name: thread.resolverName, date: formatDateTime(thread.resolvedAt, i18n.language) })}
        </p>
      ) : null}
      {data.canComment ? (
        <form method="post" action={action} className="mt-3 space-y-2" onSubmit={(event) => submit(event, 'reply')}>
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="threadId" value={thread.id} />
          <MentionTextarea name="body" label={t('comments.reply')} people={data.mentionable} error={errors.reply || undefined} />
          <button type="submit" className="btn-secondary">
            {t('comments.postReply')}
          </button>
        </form>
      ) : null}
      {thread.canResolve ? (
        <form method="post" action={action} className="mt-2" onSubmit={(event) => submit(event, 'status')}>
          <input type="hidden" name="intent" value={thread.status === 'open' ? 'resolve' : 'reopen'} />
          <input type="hidden" name="threadId" value={thread.id} />
          <button type="submit" className="btn-secondary">
            {thread.status === 'open' ? t('comments.resolve') : t('comments.reopen')}
          </button>
          {errors.status ? (
            <p role="alert" className="mt-1 text-sm text-red-800">
              {t(errors.status)}
            </p>
          ) : null}
        </form>
      ) : null}
    </li>
  );
}

/** The side panel of comment threads: filters, threads with their replies, reply and resolve forms. */
export function CommentPanel({ documentId, data, activeThreadId, onShowInText, onRefresh, onFilter }: CommentPanelProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const open = data.threads.filter((thread) => thread.status === 'open').length;

  useEffect(() => {
    if (!activeThreadId) return;
    const item = list.current?.querySelector<HTMLElement>(`#thread-${CSS.escape(activeThreadId)}`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [activeThreadId]);

  return (
    <section aria-labelledby="comments-title" className="space-y-3" data-testid="comment-panel">
      <h2 id="comments-title" className="font-semibold">
        {t('comments.panelTitle')}
      </h2>
      <form
        method="get"
        action={`/documents/${documentId}`}
        className="grid gap-2 text-sm"
        onChange={(event) => onFilter(new URLSearchParams(new FormData(event.currentTarget) as unknown as Record<string, string>))}
        onSubmit={(event) => {
          event.preventDefault();
          onFilter(new URLSearchParams(new FormData(event.currentTarget) as unknown as Record<string, string>));
        }}
      >
        <label className="grid gap-1">
          <span className="font-semibold text-slate-800">{t('comments.filterStatus')}</span>
          <select name="status" defaultValue={data.filter.status ?? ''} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t('comments.allThreads')}</option>
            <option value="open">{t('comments.status.open')}</option>
            <option value="resolved">{t('comments.status.resolved')}</option>
          </select>
        </label>
        <label className="grid gap-1">
          <span className="font-semibold text-slate-800">{t('comments.filterAuthor')}</span>
          <select name="author" defaultValue={data.filter.authorId ?? ''} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t('comments.anyone')}</option>
            {data.authors.map((author) => (
              <option key={author.id} value={author.id}>
                {author.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1">
          <span className="font-semibold text-slate-800">{t('comments.filterInstitution')}</span>
          <select name="institution" defaultValue={data.filter.institutionId ?? ''} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t('comments.anyInstitution')}</option>
            {data.institutions.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.name}
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit" className="btn-secondary">
            {t('comments.applyFilters')}
          </button>
        </noscript>
      </form>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="comment-count">
        {t('comments.openCount', { count: open })}
      </p>
      {data.canComment ? <p className="text-xs text-slate-600">{t('comments.howToComment')}</p> : null}
      {data.threads.length === 0 ? (
        <p className="text-sm text-slate-600">{t('comments.none')}</p>
      ) : (
        <ol ref={list} className="space-y-3">
          {data.threads.map((thread) => (
            <ThreadItem
              key={thread.id}
              thread={thread}
              documentId={documentId}
              data={data}
              active={thread.id === activeThreadId}
              onShowInText={onShowInText}
              onRefresh={onRefresh}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
