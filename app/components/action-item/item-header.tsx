import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TlpBadge } from '../tlp-badge.tsx';
import { formatDate } from '../../utils/format.ts';
import type { ActionItemPageData } from '../../services/action-item-page.server.ts';

/** The item's code and title with its TLP, status and priority, and the edit link for those who may. */
export function ActionItemHeader({ item, canEdit }: { item: ActionItemPageData['item']; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="flex flex-col gap-3 border-b border-slate-200 pb-4 lg:flex-row lg:items-start lg:justify-between">
      <div>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <TlpBadge tlp={item.tlp} />
          <span data-testid="item-status">{t(`actions.statuses.${item.status}`)}</span>
          <span aria-hidden="true">·</span>
          <span>
            {t('actions.fields.priority')}: {t(`actions.priorities.${item.priority}`)}
          </span>
        </p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight">
          <span className="mr-2 font-mono text-slate-600">{item.code}</span>
          {item.title}
        </h1>
        <p className="mt-1 text-xs text-slate-600">
          {t('actions.item.created', { name: item.createdByName ?? t('actions.item.system'), date: formatDate(item.createdAt, i18n.language) })}{' '}
          {t('actions.item.lastUpdate', { date: formatDate(item.lastUpdateAt, i18n.language) })}
        </p>
      </div>
      {canEdit ? (
        <Link to={`/actions/${item.id}/edit`} className="btn-secondary">
          {t('actions.item.edit')}
        </Link>
      ) : null}
    </div>
  );
}
