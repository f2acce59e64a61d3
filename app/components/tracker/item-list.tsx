import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../../db/schema.ts';
import { formatDate } from '../../utils/format.ts';
import { OverdueMark } from './overdue-mark.tsx';

interface Item {
  id: string;
  code: string;
  title: string;
  ownerName: string;
  status: ActionStatus;
  dueDate: string | null;
  updatedAt: string;
  lastUpdateAt: string;
  overdue: boolean;
}

/** A short list of items for the dashboard, with a link to the full filtered list. */
export function ItemList({ id, title, items, total, seeAll, show }: { id: string; title: string; items: Item[]; total: number; seeAll: string; show: 'due' | 'updated' | 'lastUpdate' }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="text-lg font-bold">
        {title} <span className="text-base font-normal text-slate-600">({total})</span>
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('trackerViews.dashboard.emptyList')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 text-sm" id={id}>
          {items.map((item) => (
            <li key={item.id} className="py-2">
              <Link to={`/actions/${item.id}`}>
                <span className="font-mono">{item.code}</span> {item.title}
              </Link>
              <span className="block text-xs text-slate-600">
                {item.ownerName} · {t(`trackerViews.status.${item.status}`)} ·{' '}
                {show === 'due'
                  ? `${t('trackerViews.columns.due')}: ${item.dueDate ? formatDate(item.dueDate, i18n.language) : t('trackerViews.noDate')}`
                  : show === 'lastUpdate'
                    ? `${t('trackerViews.lastUpdate')}: ${formatDate(item.lastUpdateAt, i18n.language)}`
                    : `${t('trackerViews.columns.updated')}: ${formatDate(item.updatedAt, i18n.language)}`}
                {item.overdue ? <OverdueMark /> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm">
        <Link to={seeAll}>{t('trackerViews.dashboard.seeAll')}</Link>
      </p>
    </section>
  );
}
