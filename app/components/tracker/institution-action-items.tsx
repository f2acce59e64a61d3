import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../../db/schema.ts';
import { formatDate } from '../../utils/format.ts';
import { OverdueMark, ProgressValue } from './overdue-mark.tsx';

interface Item {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  dueDate: string | null;
  progress: number;
  role: 'owner' | 'supporter';
  overdue: boolean;
}

/** The institution page's section: items it owns or supports, overdue first. */
export function InstitutionActionItems({ name, items }: { name: string; items: Item[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card mt-4" aria-labelledby="institution-items-title">
      <h2 id="institution-items-title" className="text-lg font-bold">
        {t('trackerViews.institution.title')}
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('trackerViews.institution.none')}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="data-table" id="institution-items">
            <caption className="sr-only">{t('trackerViews.institution.caption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trackerViews.columns.code')}</th>
                <th scope="col">{t('trackerViews.columns.title')}</th>
                <th scope="col">{t('trackerViews.columns.role')}</th>
                <th scope="col">{t('trackerViews.columns.status')}</th>
                <th scope="col">{t('trackerViews.columns.due')}</th>
                <th scope="col">{t('trackerViews.columns.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="whitespace-nowrap font-mono">
                    <Link to={`/actions/${item.id}`}>{item.code}</Link>
                  </th>
                  <td>
                    <Link to={`/actions/${item.id}`} className="text-slate-900">
                      {item.title}
                    </Link>
                  </td>
                  <td>{t(item.role === 'owner' ? 'trackerViews.owner' : 'trackerViews.supporter')}</td>
                  <td>{t(`trackerViews.status.${item.status}`)}</td>
                  <td className="whitespace-nowrap">
                    {item.dueDate ? formatDate(item.dueDate, i18n.language) : <span className="text-slate-500">{t('trackerViews.noDate')}</span>}
                    {item.overdue ? <OverdueMark /> : null}
                  </td>
                  <td>
                    <ProgressValue value={item.progress} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
