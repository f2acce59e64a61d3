import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { MemberHome } from '../../services/home-page.server.ts';
import { formatDateTime } from '../../utils/format.ts';
import { notificationText } from '../../utils/notification-text.ts';
import { EmptyLine } from './home-section.tsx';

/**
 * Unread mentions and replies. "Open" posts to /notifications, which marks
 * the notification read and goes to the comment: one click, with or without
 * JavaScript.
 */
export function ConversationEntries({ rows }: { rows: MemberHome['conversations'] }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <EmptyLine>{t('home.conversationsNone')}</EmptyLine>;
  return (
    <ul className="divide-y divide-slate-200 text-sm" id="conversations">
      {rows.map((n) => (
        <li key={n.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
          <span className="min-w-0 break-words">
            {notificationText(t, i18n.language, n)}
            <span className="block text-xs text-slate-600">{formatDateTime(n.createdAt, i18n.language)}</span>
          </span>
          <Form method="post" action="/notifications">
            <input type="hidden" name="id" value={n.id} />
            <button type="submit" name="intent" value="open" className="btn-secondary text-sm">
              {t('home.open')}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
