import { useTranslation } from 'react-i18next';

/** "Overdue" as an icon and a word, so it never depends on colour alone. */
export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <span className="ml-1 inline-flex items-center gap-1 rounded border border-red-700 px-1 text-xs font-semibold text-red-800">
      <span aria-hidden="true">⚠</span>
      {t('trackerViews.overdue')}
    </span>
  );
}
