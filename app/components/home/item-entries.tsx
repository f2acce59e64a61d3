import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { MemberHome } from '../../services/home-page.server.ts';
import { formatDate } from '../../utils/format.ts';
import { OverdueMark } from '../tracker/overdue-mark.tsx';
import { EmptyLine } from './home-section.tsx';

type ItemList = MemberHome['items']['overdue'];

/**
 * One of the institution's item lists. Each entry opens the item at its
 * progress update form, the one thing a member does with an item that is
 * late or quiet.
 */
export function ItemEntries({ id, title, list, seeAll, show }: { id: string; title: string; list: ItemList; seeAll: string; show: 'due' | 'lastUpdate' }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="min-w-0" aria-labelledby={`${id}-title`} role="group">
      <h3 id={`${id}-title`} className="font-semibold">
        {title} <span className="font-normal text-slate-600">({list.total})</span>
      </h3>
      {list.rows.length === 0 ? (
        <EmptyLine>{t('home.empty')}</EmptyLine>
      ) : (
        <ul className="mt-1 divide-y divide-slate-200 text-sm" id={id}>
          {list.rows.map((item) => (
            <li key={item.id} className="py-2">
              <Link to={`/actions/${item.id}#update-title`} className="break-words">
                <span className="font-mono">{item.code}</span> {item.title}
              </Link>
              <span className="block text-xs text-slate-600">
                {t(`trackerViews.status.${item.status}`)} ·{' '}
                {show === 'due'
                  ? item.dueDate
                    ? t('home.due', { date: formatDate(item.dueDate, i18n.language) })
                    : t('trackerViews.noDate')
                  : t('home.lastUpdate', { date: formatDate(item.lastUpdateAt, i18n.language) })}
                {item.overdue ? <OverdueMark /> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {list.total > list.rows.length ? (
        <p className="mt-1 text-sm">
          <Link to={seeAll}>{t('home.seeAll', { count: list.total })}</Link>
        </p>
      ) : null}
    </div>
  );
}
