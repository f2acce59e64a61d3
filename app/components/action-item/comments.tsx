import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../ui/field.tsx';
import { formatDateTime } from '../../utils/format.ts';
import type { ActionItemFormResult, ActionItemPageData } from '../../services/action-item-page.server.ts';

export function Comments({ comments, canComment, result }: { comments: ActionItemPageData['comments']; canComment: boolean; result?: ActionItemFormResult }) {
  const { t, i18n } = useTranslation();
  const errors = result?.intent === 'comment' ? result.errors : undefined;
  return (
    <section id="comments" aria-labelledby="comments-title" className="space-y-3">
      <h2 id="comments-title" className="text-lg font-semibold">
        {t('actions.item.comments')}
      </h2>
      {comments.length === 0 ? (
        <p className="text-sm text-slate-600">{t('actions.item.noComments')}</p>
      ) : (
        <ul className="space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="rounded border border-slate-200 p-3">
              <p className="text-sm text-slate-600">
                {t('actions.item.commentBy', { name: c.authorName, institution: c.institutionName })} · {formatDateTime(c.createdAt, i18n.language)}
              </p>
              <p className="whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment ? (
        <Form method="post" className="space-y-2" noValidate>
          <input type="hidden" name="intent" value="comment" />
          <TextAreaField label={t('actions.item.commentLabel')} name="body" required rows={3} defaultValue={result?.intent === 'comment' ? result.values.body?.[0] : ''} error={errors?.body} maxLength={4000} />
          <button type="submit" className="btn-secondary">
            {t('actions.item.postComment')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
