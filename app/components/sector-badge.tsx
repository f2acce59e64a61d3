import { useTranslation } from 'react-i18next';
import type { Sector } from '../../db/schema.ts';

const COLOURS: Record<Sector, string> = {
  public: 'border-sky-300 bg-sky-50 text-sky-900',
  private: 'border-amber-300 bg-amber-50 text-amber-900',
  academic: 'border-violet-300 bg-violet-50 text-violet-900',
  civil_society: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  international: 'border-slate-300 bg-slate-100 text-slate-800',
};

/** Sector as a labelled badge: the text carries the meaning, colour only helps. */
export function SectorBadge({ sector }: { sector: Sector }) {
  const { t } = useTranslation();
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${COLOURS[sector]}`}>{t(`sectors.${sector}`)}</span>;
}
