import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../../utils/format.ts';

export interface HistoryNames {
  institutions: Record<string, string>;
  plans: Record<string, string>;
}

/** The label of a field in the history; indicators are recorded as `indicator:<name>`. */
export function historyFieldLabel(t: TFunction, field: string): string {
  if (field.startsWith('indicator:')) return t('actions.fields.indicator', { name: field.slice('indicator:'.length) });
  const key = `actions.fields.${field}`;
  return t(key, { defaultValue: field });
}

interface IndicatorValue {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  current: number | null;
}

/** A recorded value as a reader understands it: names instead of ids, labels instead of codes. */
export function historyValue(t: TFunction, language: string, field: string, value: unknown, names: HistoryNames): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('actions.item.empty');
  switch (field) {
    case 'status':
      return t(`actions.statuses.${String(value)}`);
    case 'priority':
      return t(`actions.priorities.${String(value)}`);
    case 'fundingSource':
      return t(`actions.fundingSources.${String(value)}`);
    case 'tlp':
      return `TLP:${String(value)}`;
    case 'progress':
      return t('actions.item.progressValue', { value });
    case 'ownerInstitutionId':
      return names.institutions[String(value)] ?? String(value);
    case 'supporterIds':
      return (value as string[]).map((id) => names.institutions[id] ?? id).join(', ');
    case 'planId':
      return names.plans[String(value)] ?? String(value);
    case 'indicators':
      return (value as IndicatorValue[])
        .map((i) => `${i.name}${i.unit ? ` (${i.unit})` : ''}: ${formatNumber(i.baseline, language)} → ${formatNumber(i.target, language)} [${formatNumber(i.current, language)}]`)
        .join('; ');
    case 'budgetAmount':
      return formatNumber(Number(value), language);
    case 'startDate':
    case 'dueDate':
      return typeof value === 'string' ? formatDate(value, language) : String(value);
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'number') return formatNumber(value, language);
  return String(value);
}
