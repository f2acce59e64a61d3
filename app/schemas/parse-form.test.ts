import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseForm } from './parse-form.ts';
import { parseActionItemForm, parseProgressUpdateForm } from './action-item.ts';
import { CreateThreadSchema } from './comment.ts';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe('parseForm', () => {
  test('a repeated name arrives as an array, a single one as a string', () => {
    const schema = z.object({ tags: z.array(z.string()), name: z.string() });
    expect(parseForm(schema, form([['tags', 'a'], ['tags', 'b'], ['name', 'x']]))).toEqual({ ok: true, data: { tags: ['a', 'b'], name: 'x' } });
  });

  test('field errors are our i18n keys of any area; zod sentences become the generic key', () => {
    const schema = z.object({ a: z.string().min(3, 'errors.tooShort'), b: z.string().min(3, 'comments.errors.bodyRequired'), c: z.number() });
    const parsed = parseForm(schema, form([['a', 'x'], ['b', 'y'], ['c', 'z']]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual({ a: 'errors.tooShort', b: 'comments.errors.bodyRequired', c: 'errors.invalidChoice' });
  });

  test('the values typed are given back, never a password, repeated names as the shape joins them', () => {
    const schema = z.object({ password: z.string().min(20, 'errors.tooShort'), tags: z.array(z.string()).max(1, 'errors.tooLong') });
    const data = form([['password', 'hunter2'], ['tags', 'a'], ['tags', 'b']]);
    const last = parseForm(schema, data);
    const joined = parseForm(schema, data, { joinRepeated: ',' });
    expect(last.ok || last.values).toEqual({ tags: 'b' });
    expect(joined.ok || joined.values).toEqual({ tags: 'a,b' });
  });

  test('a comment thread without a selection names the selection error (one parse, no second pass)', () => {
    const parsed = parseForm(CreateThreadSchema, form([['intent', 'create'], ['threadId', crypto.randomUUID()], ['quote', ''], ['body', 'text']]));
    expect(parsed.ok || parsed.errors).toEqual({ quote: 'comments.errors.noSelection', anchor: 'comments.errors.noSelection' });
  });

  test('the item form: repeated CBMs, parallel indicator columns as nested rows, action keys kept', () => {
    const base: [string, string][] = [['planId', 'p'], ['code', '1.1'], ['title', 'T'], ['ownerInstitutionId', 'i'], ['cbms', '3'], ['cbms', '5'], ['primaryCbm', '5']];
    const ok = parseActionItemForm(form([...base, ['indicatorName', 'Trained'], ['indicatorName', ''], ['indicatorTarget', '10'], ['indicatorTarget', '']]));
    expect(ok.ok && { cbms: ok.data.cbms, indicators: ok.data.indicators }).toEqual({ cbms: [3, 5], indicators: [{ name: 'Trained', unit: '', baseline: null, target: 10, current: null }] });
    const bad = parseActionItemForm(form([...base, ['dueDate', '2026-02-30']]));
    expect(bad.ok || { errors: bad.errors, cbms: bad.values.cbms }).toEqual({ errors: { dueDate: 'actions.errors.invalidDate' }, cbms: '3,5' });
  });

  test('the progress form: an indicator error is also reported on its own input', () => {
    const parsed = parseProgressUpdateForm(form([['date', '2026-01-05'], ['body', 'Done'], ['status', 'in_progress'], ['progress', '50'], ['indicator.abc', 'many']]));
    expect(parsed.ok || parsed.errors).toEqual({ indicators: 'actions.errors.invalidNumber', 'indicator.abc': 'actions.errors.invalidNumber' });
  });
});
