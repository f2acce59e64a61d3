import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../db/schema.ts';

const STYLES: Record<DocumentStatus, string> = {
  draft: 'border-slate-300 bg-slate-50 text-slate-800',
  consultation: 'border-sky-400 bg-sky-50 text-sky-900',
  published: 'border-emerald-500 bg-emerald-50 text-emerald-900',
  archived: 'border-slate-400 bg-slate-200 text-slate-700',
};

/** A document's workflow status as a labelled badge: the text carries the meaning, colour only helps. */
export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-semibold ${STYLES[status]}`}>{t(`documentStatuses.${status}`)}</span>;
}
