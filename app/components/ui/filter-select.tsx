import { useTranslation } from 'react-i18next';

export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled <select> for a GET filter form; the empty choice ("Any") clears the filter. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  anyLabel,
  className = '',
}: {
  id: string;
  name: string;
  label: string;
  value: string | null | undefined;
  options: readonly FilterOption[];
  /** Text of the empty choice; "Any" by default. */
  anyLabel?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={`field-input ${className}`.trim()}>
        <option value="">{anyLabel ?? t('common.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
