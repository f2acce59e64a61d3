import { useTranslation } from 'react-i18next';
import { HiddenItemsNote } from './hidden-items-note.tsx';
import { ItemsTable, memberItemPath, type ItemsTableRow } from './items-table.tsx';

type Item = ItemsTableRow & { role: 'owner' | 'supporter'; progress: number };

/** The institution page's section: items it owns or supports, overdue first, and how many of its own the reader may not see. */
export function InstitutionActionItems({ name, items, hidden }: { name: string; items: Item[]; hidden: number }) {
  const { t } = useTranslation();
  return (
    <section className="card mt-4" aria-labelledby="institution-items-title">
      <h2 id="institution-items-title" className="text-lg font-bold">
        {t('trackerViews.institution.title')}
      </h2>
      <HiddenItemsNote count={hidden} scope="institution" />
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('trackerViews.institution.none')}</p>
      ) : (
        <ItemsTable id="institution-items" caption={t('trackerViews.institution.caption', { name })} rows={items} columns={['role', 'status', 'due', 'progress']} itemHref={memberItemPath} framed={false} />
      )}
    </section>
  );
}
