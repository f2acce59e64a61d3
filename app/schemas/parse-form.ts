import type { z } from 'zod';

/** Fields whose values are never sent back to the browser. */
const SECRET_FIELD = /password|confirm|token|secret/i;

/** Field errors are i18n keys, so the same schema serves every language. */
export type FieldErrors = Partial<Record<string, string>>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Parses form fields with a zod schema, keeping what was typed so the form can be shown again. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const values: Record<string, string> = {};
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string') continue;
    if (key in raw) {
      raw[key] = ([] as unknown[]).concat(raw[key], value);
    } else {
      raw[key] = value;
    }
    if (!SECRET_FIELD.test(key)) values[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalidChoice';
  }
  return { ok: false, errors, values };
}
