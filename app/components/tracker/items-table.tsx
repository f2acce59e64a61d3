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
  /** Written after the full name, e.g. "Ministry of Security … (MSB)"; optional, so the public page may leave it out. */
  ownerAcronym?: string | null;
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

/** Where a member opens an item. */
export function memberItemPath(row: { id: string }): string {
  return `/actions/${row.id}`;
}

/**
 * The one table of action items: code and title, then the chosen columns.
 * `itemHref` makes code and title links to where a reader opens the item
 * (the members' item page, or the public one); `titleNote` adds a remark after the title.
 */
export function ItemsTable<Row extends ItemsTableRow>({
  id,
  caption,
  rows,
  columns,
  itemHref,
  titleNote,
  framed = true,
}: {
  id?: string;
  caption: string;
  rows: Row[];
  columns: ItemsTableColumn[];
  itemHref?: (row: Row) => string;
  titleNote?: (row: Row) => ReactNode;
  /** A border of its own; off inside a card. */
  framed?: boolean;
}) {
  const { t } = useTranslation();
  const cell: Record<ItemsTableColumn, (row: Row) => ReactNode> = {
    owner: (row) => (
      <>
        {row.ownerName}
        {row.ownerAcronym && row.ownerAcronym !== row.ownerName ? <span className="text-slate-600"> ({row.ownerAcronym})</span> : null}
      </>
    ),
    role: (row) => t(row.role === 'owner' ? 'trackerViews.owner' : 'trackerViews.supporter'),
    status: (row) => t(`trackerViews.status.${row.status}`),
    due: (row) => <DueDate date={row.dueDate} overdue={row.overdue} />,
    progress: (row) => <ProgressBar value={row.progress ?? 0} />,
  };
  return (
    <div className={framed ? 'table-frame' : 'mt-2 max-w-full overflow-x-auto'}>
      <table className="data-table stack-table" id={id}>
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
              <th scope="row" className={itemHref ? 'whitespace-nowrap font-mono' : 'whitespace-nowrap font-mono font-normal'}>
                {itemHref ? <Link to={itemHref(row)}>{row.code}</Link> : row.code}
              </th>
              <td data-label={t('trackerViews.columns.title')}>
                {itemHref ? (
                  <Link to={itemHref(row)} className="text-slate-900">
                    {row.title}
                  </Link>
                ) : (
                  row.title
                )}
                {titleNote?.(row)}
              </td>
              {columns.map((column) => (
                <td key={column} data-label={t(`trackerViews.columns.${column}`)} className={column === 'due' ? 'whitespace-nowrap' : undefined}>
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
