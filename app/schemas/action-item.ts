import { z } from 'zod';
import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES, TLP_LABELS, type ActionPriority, type ActionStatus, type FundingSource, type Tlp } from '../../db/schema.ts';
import { parseForm, type FormFields, type FormResult } from './parse-form.ts';

/**
 * The input rules of an action item, shared by the item form, the progress
 * update form and the CSV/XLSX import. Values may arrive typed (numbers,
 * arrays) or as the strings a form or a spreadsheet cell gives, so every field
 * accepts both. Messages are i18n keys.
 */

export const MAX_INDICATORS = 20;
const MAX_TAGS = 20;

export interface IndicatorInput {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  current: number | null;
}

/** One action item as the model writes it (see tracker rules). */
export interface ActionItemInput {
  planId: string;
  code: string;
  title: string;
  description: string;
  sectionRef?: string | null;
  pillarCode: string | null;
  cbms: number[];
  primaryCbm: number;
  ownerInstitutionId: string;
  supporterIds: string[];
  status: ActionStatus;
  priority: ActionPriority;
  startDate: string | null;
  dueDate: string | null;
  progress: number;
  budgetAmount: number | null;
  budgetCurrency: string | null;
  fundingSource: FundingSource | null;
  tlp: Tlp;
  tags: string[];
  indicators: IndicatorInput[];
}

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const requiredText = (max: number) => z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.tooLong');
const plainText = (max: number) =>
  z.preprocess((v) => (v === null || v === undefined ? '' : v), z.string({ error: 'errors.invalidChoice' }).trim().max(max, 'errors.tooLong'));
const nullableText = (max: number) =>
  z.preprocess(blankToUndefined, z.string({ error: 'errors.invalidChoice' }).trim().max(max, 'errors.tooLong').optional()).transform((v) => v ?? null);

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isoDate = z.string().trim().refine(isIsoDate, 'actions.errors.invalidDate');
const nullableDate = z.preprocess(blankToUndefined, isoDate.optional()).transform((v) => v ?? null);

/** Numbers as typed by people: "1500", "1500.5" or "1500,5"; spaces ignored. */
function toNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const cleaned = v.replace(/\s/g, '');
  const normalised = /^-?\d+,\d+$/.test(cleaned) ? cleaned.replace(',', '.') : cleaned;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : v;
}

const numberValue = z.number({ error: 'actions.errors.invalidNumber' }).finite('actions.errors.invalidNumber');
const nullableNumber = z.preprocess((v) => toNumber(blankToUndefined(v)), numberValue.optional()).transform((v) => v ?? null);

const progressValue = z.preprocess(
  (v) => toNumber(blankToUndefined(v) ?? 0),
  z.number({ error: 'actions.errors.invalidProgress' }).int('actions.errors.invalidProgress').min(0, 'actions.errors.invalidProgress').max(100, 'actions.errors.invalidProgress'),
);

const cbmNumber = z.preprocess(toNumber, z.number({ error: 'actions.errors.invalidCbm' }).int('actions.errors.invalidCbm').min(1, 'actions.errors.invalidCbm').max(16, 'actions.errors.invalidCbm'));

/** A value or several (repeated form fields, or a list separated by `sep`), without blanks or repeats. */
function list<T extends z.ZodType>(item: T, sep?: RegExp) {
  return z.preprocess((v) => {
    const values = v === undefined || v === null ? [] : Array.isArray(v) ? v : typeof v === 'string' && sep ? v.split(sep) : [v];
    return values.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '');
  }, z.array(item)).transform((values) => [...new Set(values)] as z.output<T>[]);
}

const indicatorSchema = z.object({
  name: requiredText(200),
  unit: plainText(40),
  baseline: nullableNumber,
  target: nullableNumber,
  current: nullableNumber,
});

export const actionItemSchema = z
  .object({
    planId: requiredText(64),
    code: requiredText(20).regex(/^[\p{L}\p{N}][\p{L}\p{N}.\-/]*$/u, 'actions.errors.invalidCode'),
    title: requiredText(300),
    description: plainText(5000),
    sectionRef: nullableText(300),
    pillarCode: nullableText(8),
    cbms: list(cbmNumber, /[;,\s]+/).pipe(z.array(z.number()).min(1, 'actions.errors.cbmsRequired')),
    primaryCbm: z.preprocess(blankToUndefined, cbmNumber.optional()),
    ownerInstitutionId: requiredText(64),
    supporterIds: list(z.string().max(64, 'errors.invalidChoice')),
    status: z.preprocess(blankToUndefined, z.enum(ACTION_STATUSES, { error: 'errors.invalidChoice' }).default('not_started')),
    priority: z.preprocess(blankToUndefined, z.enum(ACTION_PRIORITIES, { error: 'errors.invalidChoice' }).default('medium')),
    startDate: nullableDate,
    dueDate: nullableDate,
    progress: progressValue,
    budgetAmount: nullableNumber.refine((v) => v === null || v >= 0, 'actions.errors.invalidNumber'),
    budgetCurrency: z
      .preprocess(blankToUndefined, z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'actions.errors.invalidCurrency').optional())
      .transform((v) => v ?? null),
    fundingSource: z.preprocess(blankToUndefined, z.enum(FUNDING_SOURCES, { error: 'errors.invalidChoice' }).optional()).transform((v) => v ?? null),
    tlp: z.preprocess(blankToUndefined, z.enum(TLP_LABELS, { error: 'errors.invalidChoice' }).default('GREEN')),
    tags: list(z.string().max(40, 'actions.errors.tagTooLong').transform((t) => t.toLowerCase()), /[,;]/).pipe(z.array(z.string()).max(MAX_TAGS, 'actions.errors.tooManyTags')),
    indicators: z.array(indicatorSchema).max(MAX_INDICATORS, 'errors.tooLong').default([]),
  })
  .transform((v, ctx) => {
    // With one CBM, it is the primary one; otherwise the primary must be named and be one of them.
    const primaryCbm = v.primaryCbm ?? (v.cbms.length === 1 ? v.cbms[0] : undefined);
    if (primaryCbm === undefined || !v.cbms.includes(primaryCbm)) {
      ctx.addIssue({ code: 'custom', path: ['primaryCbm'], message: 'actions.errors.primaryCbm' });
      return z.NEVER;
    }
    if (v.startDate && v.dueDate && v.dueDate < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'actions.errors.dueBeforeStart' });
      return z.NEVER;
    }
    if (v.budgetAmount !== null && v.budgetCurrency === null) {
      ctx.addIssue({ code: 'custom', path: ['budgetCurrency'], message: 'actions.errors.currencyRequired' });
      return z.NEVER;
    }
    return { ...v, primaryCbm, supporterIds: v.supporterIds.filter((id) => id !== v.ownerInstitutionId) } satisfies ActionItemInput;
  });

export const INDICATOR_FIELDS = ['indicatorName', 'indicatorUnit', 'indicatorBaseline', 'indicatorTarget', 'indicatorCurrent'] as const;

/** Indicator rows from the form's parallel columns; rows left entirely empty are dropped. */
function indicatorRows(values: Record<string, string[]>) {
  const length = Math.max(0, ...INDICATOR_FIELDS.map((f) => values[f]?.length ?? 0));
  const rows = [];
  for (let i = 0; i < length; i++) {
    const [name, unit, baseline, target, current] = INDICATOR_FIELDS.map((f) => values[f]?.[i] ?? '');
    if ([name, unit, baseline, target, current].every((v) => v.trim() === '')) continue;
    rows.push({ name, unit, baseline, target, current });
  }
  return rows;
}

/** Parses the item form (new and edit) into an ActionItemInput. */
export function parseActionItemForm(form: FormData): FormResult<ActionItemInput> {
  return parseForm(actionItemSchema, form, {
    input: ({ raw, values }: FormFields) => ({ ...raw, cbms: values.cbms ?? [], supporterIds: values.supporterIds ?? [], indicators: indicatorRows(values) }),
    joinRepeated: ',',
  });
}

export const MAX_EVIDENCE_LINKS = 3;

/** A progress update as the owner institution posts it. */
const progressUpdateSchema = z.object({
  date: z.preprocess(blankToUndefined, z.string({ error: 'errors.required' }).trim().refine(isIsoDate, 'actions.errors.invalidDate')),
  body: requiredText(5000),
  status: z.enum(ACTION_STATUSES, { error: 'errors.invalidChoice' }),
  progress: progressValue,
  evidenceUrls: list(
    z
      .string()
      .max(1000, 'errors.tooLong')
      .refine((v) => {
        try {
          const url = new URL(v);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
        } catch {
          return false;
        }
      }, 'errors.invalidUrl'),
  ).pipe(z.array(z.string()).max(MAX_EVIDENCE_LINKS, 'errors.tooLong')),
  evidenceDescription: plainText(300),
  /** Indicator id → new current value (null clears it). */
  indicators: z.record(z.string(), nullableNumber).default({}),
});
export type ProgressUpdateInput = z.output<typeof progressUpdateSchema>;

/** Parses the progress update form; indicator values arrive as `indicator.<id>` fields. */
export function parseProgressUpdateForm(form: FormData): FormResult<ProgressUpdateInput> {
  return parseForm(progressUpdateSchema, form, {
    input: ({ raw, values }: FormFields) => {
      const indicators: Record<string, string> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (key.startsWith('indicator.') && typeof value === 'string') indicators[key.slice('indicator.'.length)] = value;
      }
      return { ...raw, evidenceUrls: values.evidenceUrl ?? [], indicators };
    },
    // An indicator error points at its own input, `indicator.<id>`.
    nestedField: (path) => (path[0] === 'indicators' ? `indicator.${String(path[1])}` : undefined),
    joinRepeated: '\n',
  });
}

export const commentSchema = z.object({ body: requiredText(4000) });
