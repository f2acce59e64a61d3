import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { filtersToSearchParams, type ActionFilters, type ActionSort } from '../../schemas/action-filters.ts';

/** The direction a column sorts in when first chosen: newest first for "updated", otherwise ascending. */
export function defaultDirection(sort: ActionSort): 'asc' | 'desc' {
  return sort === 'updated' ? 'desc' : 'asc';
}

export function currentSort(filters: ActionFilters): { sort: ActionSort; dir: 'asc' | 'desc' } {
  const sort = filters.sort ?? 'code';
  return { sort, dir: filters.dir ?? defaultDirection(sort) };
}

/** A column header that sorts by its column (a plain link), announcing the current order with aria-sort. */
export function SortHeader({ column, label, filters, path }: { column: ActionSort; label: string; filters: ActionFilters; path: string }) {
  const { t } = useTranslation();
  const { sort, dir } = currentSort(filters);
  const active = sort === column;
  const nextDir = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDirection(column);
  const href = `${path}?${filtersToSearchParams(filters, { sort: column, dir: nextDir, page: undefined, cursor: undefined })}`;
  return (
    <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={href} className="text-slate-800" title={t('trackerViews.sortBy', { column: label })}>
        {label}
        <span aria-hidden="true" className="ml-1 text-slate-500">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </Link>
    </th>
  );
}
