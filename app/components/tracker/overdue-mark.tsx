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

/** A progress percentage as a small bar with its number in text. */
export function ProgressValue({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-2 whitespace-nowrap">
      <span aria-hidden="true" className="inline-block h-2 w-14 overflow-hidden rounded bg-slate-200">
        <span className="block h-2 bg-brand-600" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </span>
      {t('trackerViews.progressValue', { value })}
    </span>
  );
}
