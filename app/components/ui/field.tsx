import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from './notice.tsx';

/**
 * Whether a field must be filled, said before anyone submits: `true` marks it
 * required (and sets `required` on the control); a sentence such as
 * "required for public institutions" marks a condition the server checks, so
 * the control itself stays optional.
 */
export type Requirement = boolean | string;

interface BaseProps {
  label: string;
  name: string;
  /** An i18n key from the server's validation. */
  error?: string;
  help?: string;
  required?: Requirement;
}

/** The one marker of a required field, after its label or legend. */
export function RequiredMark({ required }: { required?: Requirement }) {
  const { t } = useTranslation();
  if (!required) return null;
  // The space is text, so the accessible name reads "Title (required)", not "Title(required)".
  return (
    <>
      {' '}
      <span className="font-normal text-slate-600">({required === true ? t('common.required') : required})</span>
    </>
  );
}

/** A control's label with its required marker. */
export function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required?: Requirement }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-semibold text-slate-800">
      {label}
      <RequiredMark required={required} />
    </label>
  );
}

function FieldShell({ id, label, error, help, required, children }: BaseProps & { id: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <FieldLabel htmlFor={id} label={label} required={required} />
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
        required={props.required === true}
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
        required={props.required === true}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.help, props.error)}
        className="field-input"
      />
    </FieldShell>
  );
}

export function SelectField(
  props: BaseProps & {
    options: { value: string; label: string }[];
    defaultValue?: string | null;
    emptyLabel?: string;
    onChange?: (value: string) => void;
  },
) {
  const id = useId();
  return (
    <FieldShell id={id} {...props}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ''}
        required={props.required === true}
        onChange={props.onChange ? (event) => props.onChange?.(event.currentTarget.value) : undefined}
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

/**
 * One choice of a few, each explained in a line: a fieldset whose legend is
 * the label, and radios whose explanation is their accessible description.
 */
export function RadioGroupField(
  props: BaseProps & { options: { value: string; label: string; description?: string }[]; defaultValue?: string | null },
) {
  const id = useId();
  return (
    <fieldset className="space-y-2" aria-describedby={describedBy(id, props.help, props.error)}>
      <legend className="text-sm font-semibold text-slate-800">
        {props.label}
        <RequiredMark required={props.required} />
      </legend>
      {props.help ? (
        <p id={`${id}-help`} className="text-xs text-slate-600">
          {props.help}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={props.error} />
      <div className="space-y-2">
        {props.options.map((option, index) => {
          const optionId = `${id}-${index}`;
          return (
            <div key={option.value} className="flex items-start gap-2">
              <input
                id={optionId}
                type="radio"
                name={props.name}
                value={option.value}
                defaultChecked={option.value === props.defaultValue}
                required={props.required === true}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
                className="mt-1 h-4 w-4 shrink-0"
              />
              <div className="min-w-0">
                <label htmlFor={optionId} className="text-sm font-medium text-slate-900">
                  {option.label}
                </label>
                {option.description ? (
                  <p id={`${optionId}-description`} className="text-xs text-slate-600">
                    {option.description}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A summary at the top of a form that failed, so screen-reader users hear about it at once. */
export function FormErrorSummary({ errors }: { errors?: Partial<Record<string, string>> }) {
  const { t } = useTranslation();
  if (!errors || Object.keys(errors).length === 0) return null;
  return <Banner tone="error">{errors._form ? t(errors._form) : t('errors.formHasErrors')}</Banner>;
}
