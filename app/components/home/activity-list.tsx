import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry } from '../../services/home-page.server.ts';
import { auditActionKey } from '../../utils/audit-labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { EmptyLine } from './home-section.tsx';

/** Recent events on documents and items the reader may read, each linking to where it happened. */
export function ActivityList({ id, entries }: { id: string; entries: ActivityEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <EmptyLine>{t('home.changesNone')}</EmptyLine>;
  return (
    <ul className="divide-y divide-slate-200 text-sm" id={id}>
      {entries.map((entry) => {
        const action = t(auditActionKey(entry.action), { defaultValue: entry.action });
        return (
          <li key={entry.id} className="py-2">
            <Link to={entry.link} className="break-words font-medium">
              {entry.title}
            </Link>
            <span className="block text-xs text-slate-600">
              {entry.actorName ? t('home.changedBy', { action, actor: entry.actorName }) : action} · {formatDateTime(entry.createdAt, i18n.language)}
              {entry.more > 0 ? ` · ${t('home.moreEvents', { count: entry.more })}` : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
