import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Progress in percent as a bar with its number written out, so colour and
 * shape are never the only cue. With a label it is a labelled <progress>
 * that screen readers announce; without one it is a small bar beside the
 * number, for a table cell whose column header already says what it is.
 */
export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const id = useId();
  const { t } = useTranslation();
  const text = t('trackerViews.progressValue', { value });
  if (label === undefined) {
    return (
      <span className="inline-flex items-center gap-2 whitespace-nowrap">
        <span aria-hidden="true" className="inline-block h-2 w-14 overflow-hidden rounded bg-slate-200">
          <span className="block h-2 bg-brand-600" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
        </span>
        {text}
      </span>
    );
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}: {text}
      </label>
      <progress id={id} max={100} value={value} className="h-3 w-full max-w-sm accent-brand-700">
        {text}
      </progress>
    </div>
  );
}
