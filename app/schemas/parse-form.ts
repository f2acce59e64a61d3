import type { z } from 'zod';

/** Fields whose values are never sent back to the browser. */
const SECRET_FIELD = /password|confirm|token|secret/i;

/**
 * A message that is one of our i18n keys ("errors.required",
 * "actions.errors.invalidDate", "comments.errors.noSelection"). zod's own
 * messages are sentences, so they never match and become a generic key.
 */
const I18N_KEY = /^[a-z][\w-]*(\.[\w-]+)+$/i;

/** Field errors are i18n keys, so the same schema serves every language. */
export type FieldErrors = Partial<Record<string, string>>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

export interface FormFields {
  /** Each name's value; a name sent more than once (checkboxes, a multi-select) gives an array. */
  raw: Record<string, string | string[]>;
  /** Every value of each name, in the order sent. */
  values: Record<string, string[]>;
}

/** The text fields of a form (file parts are left to the upload handling). */
export function formFields(form: FormData): FormFields {
  const values: Record<string, string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    (values[key] ??= []).push(value);
  }
  const raw = Object.fromEntries(Object.entries(values).map(([key, v]) => [key, v.length === 1 ? v[0] : v]));
  return { raw, values };
}

/**
 * One error per field: the message of the first issue the schema raised when
 * it is one of our keys, otherwise of the first later one that is, otherwise a
 * generic "choose one". A nested issue (an indicator, `indicators.<id>`) is
 * also reported under `nestedField(path)` when given, so the form can mark the
 * input it came from.
 */
export function fieldErrorsOf(error: z.ZodError, nestedField?: (path: PropertyKey[]) => string | undefined): FieldErrors {
  const errors: FieldErrors = {};
  const generic = new Set<string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    const key = I18N_KEY.test(issue.message) ? issue.message : undefined;
    if (errors[field] === undefined) {
      errors[field] = key ?? 'errors.invalidChoice';
      if (key === undefined) generic.add(field);
    } else if (generic.has(field) && key !== undefined) {
      // A later issue that carries a key says more than the generic one.
      errors[field] = key;
      generic.delete(field);
    }
    const nested = issue.path.length > 1 ? nestedField?.(issue.path) : undefined;
    if (nested !== undefined) errors[nested] ??= issue.message;
  }
  return errors;
}

export interface FormShape {
  /** Builds the schema's input from the fields; by default each name's value (arrays for repeated names). */
  input?: (fields: FormFields) => unknown;
  /** The input a nested issue belongs to (see fieldErrorsOf). */
  nestedField?: (path: PropertyKey[]) => string | undefined;
  /** How a repeated field is shown again in the form; by default its last value. */
  joinRepeated?: string;
}

/**
 * The one form parser: reads the fields (repeated names as arrays, nested
 * inputs through `shape.input`), validates them with a zod schema, and answers
 * either the data or field errors as i18n keys, with what was typed (never a
 * password) so the form can be shown again.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, shape: FormShape = {}): FormResult<z.infer<S>> {
  const fields = formFields(formData);
  const result = schema.safeParse(shape.input ? shape.input(fields) : fields.raw);
  if (result.success) return { ok: true, data: result.data };
  const values: Record<string, string> = {};
  for (const [key, all] of Object.entries(fields.values)) {
    if (SECRET_FIELD.test(key)) continue;
    values[key] = shape.joinRepeated === undefined ? all[all.length - 1] : all.join(shape.joinRepeated);
  }
  return { ok: false, errors: fieldErrorsOf(result.error, shape.nestedField), values };
}
