import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from './notice.tsx';

interface BaseProps {
  label: string;
  name: string;
  /** An i18n key from the server's validation. */
  error?: string;
  help?: string;
  required?: boolean;
}

function FieldShell({ id, label, error, help, required, children }: BaseProps & { id: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
        {required ? (
          <span className="ml-1 font-normal text-slate-500">({t('common.required')})</span>
        ) : null}
      </label>
      {children}
      {help ? (
        <p id={`${id}-help`} className="text-xs text-slate-600">
          {help}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A validation message under a control; `error` is an i18n key. Point the control's aria-describedby at `id`. */
export function FieldError({ id, error }: { id?: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-800" role="alert">
      {t(error)}
    </p>
  );
}

function describedBy(id: string, help?: string, error?: string): string | undefined {
  const ids = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(props: BaseProps & { type?: string; defaultValue?: string | null; autoComplete?: string; maxLength?: number; readOnly?: boolean; accept?: string }) {
  const id = useId();
  return (
    <FieldShell id={id} {...props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue ?? undefined}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        required={props.required}
        readOnly={props.readOnly}
        accept={props.accept}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
        className="field-input"
      />
    </FieldShell>
  );
}

export function TextAreaField(props: BaseProps & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <FieldShell id={id} {...props}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={props.defaultValue ?? undefined}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
        className="field-input"
      />
    </FieldShell>
  );
}

export function SelectField(
  props: BaseProps & { options: { value: string; label: string }[]; defaultValue?: string | null; emptyLabel?: string },
) {
  const id = useId();
  return (
    <FieldShell id={id} {...props}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ''}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
        className="field-input"
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A summary at the top of a form that failed, so screen-reader users hear about it at once. */
export function FormErrorSummary({ errors }: { errors?: Partial<Record<string, string>> }) {
  const { t } = useTranslation();
  if (!errors || Object.keys(errors).length === 0) return null;
  return <Banner tone="error">{errors._form ? t(errors._form) : t('errors.formHasErrors')}</Banner>;
}
