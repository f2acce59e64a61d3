import type { ReactNode } from 'react';
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES, SECTORS } from '../../../db/schema.ts';
import { OWN_INSTITUTION, type ActionFilters } from '../../schemas/action-filters.ts';
import { pillarName } from '../../utils/pillar-name.ts';
import { FilterSelect } from '../ui/filter-select.tsx';

export interface FilterOptions {
  institutions: { id: string; name: string }[];
  pillars: { code: string; name: string }[];
}

/**
 * The filters of /actions and the timeline as a plain GET form, so every view
 * is a URL that can be shared and works without JavaScript. Sorting (and the
 * timeline's grouping) travel as hidden fields. `audience="public"` is the
 * /progress variant: only the fields the public is shown (search over code
 * and title, CBM, pillar, owner, sector, status).
 */
export function ActionFilterForm({
  filters,
  options,
  action,
  hidden = {},
  extra,
  audience = 'members',
}: {
  filters: ActionFilters;
  options: FilterOptions;
  action: string;
  hidden?: Record<string, string | undefined>;
  /** More fields for this view (e.g. the timeline's grouping). */
  extra?: ReactNode;
  audience?: 'members' | 'public';
}) {
  const { t } = useTranslation();
  const members = audience === 'members';
  const select = (name: string, label: string, value: string | number | undefined, choices: { value: string; label: string }[]) => (
    <FilterSelect id={`filter-${name}`} name={name} label={label} value={value === undefined ? undefined : String(value)} options={choices} className="max-w-[16rem]" />
  );
  const checkbox = (name: 'overdue' | 'dueSoon' | 'stale') => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value="1" defaultChecked={filters[name]} className="h-4 w-4" />
      {t(`trackerViews.filters.${name}`)}
    </label>
  );
  return (
    <Form method="get" action={action} className="card mb-5 space-y-4" role="search" aria-label={t('trackerViews.filters.legend')}>
      {Object.entries(hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <div className="flex flex-wrap items-end gap-4">
        {extra}
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="filter-q" className="block text-sm font-semibold">
            {t(members ? 'trackerViews.filters.q' : 'trackerViews.progress.searchLabel')}
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ''} className="field-input" />
        </div>
        {select(
          'cbm',
          t('trackerViews.filters.cbm'),
          filters.cbm,
          Array.from({ length: 16 }, (_, i) => ({ value: String(i + 1), label: t('cbms.cbm', { number: i + 1 }) })),
        )}
        {select(
          'pillar',
          t('trackerViews.filters.pillar'),
          filters.pillar,
          options.pillars.map((p) => ({ value: p.code, label: `${p.code}: ${pillarName(t, p)}` })),
        )}
        {select(
          'owner',
          t('trackerViews.filters.owner'),
          filters.owner,
          [...(members ? [{ value: OWN_INSTITUTION, label: t('trackerViews.ownerMine') }] : []), ...options.institutions.map((i) => ({ value: i.id, label: i.name }))],
        )}
        {select(
          'sector',
          t('trackerViews.filters.sector'),
          filters.sector,
          SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) })),
        )}
        {members ? (
          <>
            {select(
              'priority',
              t('trackerViews.filters.priority'),
              filters.priority,
              ACTION_PRIORITIES.map((p) => ({ value: p, label: t(`trackerViews.priority.${p}`) })),
            )}
            {select(
              'funding',
              t('trackerViews.filters.funding'),
              filters.funding,
              FUNDING_SOURCES.map((f) => ({ value: f, label: t(`trackerViews.funding.${f}`) })),
            )}
            <div>
              <label htmlFor="filter-tag" className="block text-sm font-semibold">
                {t('trackerViews.filters.tag')}
              </label>
              <input id="filter-tag" name="tag" type="text" defaultValue={filters.tag ?? ''} className="field-input max-w-[10rem]" />
            </div>
          </>
        ) : null}
      </div>
      <div className="flex flex-wrap items-start gap-6">
        <fieldset>
          <legend className="text-sm font-semibold">{t('trackerViews.filters.status')}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {ACTION_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="status" value={s} defaultChecked={filters.status.includes(s)} className="h-4 w-4" />
                {t(`trackerViews.status.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {members ? (
          <div className="space-y-1">
            {checkbox('overdue')}
            {checkbox('dueSoon')}
            {checkbox('stale')}
          </div>
        ) : null}
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary">
          {t('trackerViews.filters.apply')}
        </button>
        <Link to={action} className="btn-secondary">
          {t('trackerViews.filters.clear')}
        </Link>
      </div>
    </Form>
  );
}
