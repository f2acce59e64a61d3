import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../../db/schema.ts';
import { formatDate } from '../../utils/format.ts';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { OverdueMark } from './overdue-mark.tsx';

export interface ItemsTableRow {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  dueDate: string | null;
  ownerName?: string;
  role?: 'owner' | 'supporter';
  progress?: number;
  overdue?: boolean;
}

export type ItemsTableColumn = 'owner' | 'role' | 'status' | 'due' | 'progress';

/** A due date, or "no date", followed by the overdue mark when it has passed. */
export function DueDate({ date, overdue }: { date: string | null; overdue?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {date ? formatDate(date, i18n.language) : <span className="text-slate-500">{t('trackerViews.noDate')}</span>}
      {overdue ? <OverdueMark /> : null}
    </>
  );
}

/**
 * The one table of action items: code and title, then the chosen columns.
 * `linked` makes code and title links to the item (not on the public page,
 * whose readers cannot open it); `titleNote` adds a remark after the title.
 */
export function ItemsTable<Row extends ItemsTableRow>({
  id,
  caption,
  rows,
  columns,
  linked,
  titleNote,
  framed = true,
}: {
  id?: string;
  caption: string;
  rows: Row[];
  columns: ItemsTableColumn[];
  linked: boolean;
  titleNote?: (row: Row) => ReactNode;
  /** A border of its own; off inside a card. */
  framed?: boolean;
}) {
  const { t } = useTranslation();
  const cell: Record<ItemsTableColumn, (row: Row) => ReactNode> = {
    owner: (row) => row.ownerName,
    role: (row) => t(row.role === 'owner' ? 'trackerViews.owner' : 'trackerViews.supporter'),
    status: (row) => t(`trackerViews.status.${row.status}`),
    due: (row) => <DueDate date={row.dueDate} overdue={row.overdue} />,
    progress: (row) => <ProgressBar value={row.progress ?? 0} />,
  };
  return (
    <div className={framed ? 'overflow-x-auto rounded-md border border-slate-200 bg-white' : 'mt-2 overflow-x-auto'}>
      <table className="data-table" id={id}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trackerViews.columns.code')}</th>
            <th scope="col">{t('trackerViews.columns.title')}</th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {t(`trackerViews.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className={linked ? 'whitespace-nowrap font-mono' : 'whitespace-nowrap font-mono font-normal'}>
                {linked ? <Link to={`/actions/${row.id}`}>{row.code}</Link> : row.code}
              </th>
              <td>
                {linked ? (
                  <Link to={`/actions/${row.id}`} className="text-slate-900">
                    {row.title}
                  </Link>
                ) : (
                  row.title
                )}
                {titleNote?.(row)}
              </td>
              {columns.map((column) => (
                <td key={column} className={column === 'due' ? 'whitespace-nowrap' : undefined}>
                  {cell[column](row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
