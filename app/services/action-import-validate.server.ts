import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES, TLP_LABELS } from '../../db/schema.ts';
import { ACTION_COLUMNS, IMPORT_COLUMNS, splitList, type ColumnHeader } from '../utils/action-columns.ts';
import { actionItemSchema, type ActionItemInput } from '../schemas/action-item.ts';
import { IMPORT_YIELD_EVERY_ROWS, yieldToEventLoop, type RawRow } from './action-import.server.ts';
import { parseCalendarDate } from '../utils/calendar.ts';
import { nameIndex } from '../utils/closest-names.ts';
import type { ImportReference } from '../models/tracker-data.server.ts';
import { choiceFor, type ChoiceColumn } from './action-column-labels.server.ts';

/**
 * Checks the rows of an import against the portal's rules and reference data,
 * before anything is written. Pure: the reference lists come from
 * `loadImportReference` (app/models/tracker-data.server.ts).
 */


export interface ImportError {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: ColumnHeader | null;
  /** An i18n key under trackerData.import.errors. */
  message: string;
  params?: Record<string, string | number>;
}

export interface ValidatedRow {
  row: number;
  input: ActionItemInput;
}

export interface ValidationResult {
  items: ValidatedRow[];
  errors: ImportError[];
}

const ERR = 'trackerData.import.errors';

/** zod paths of ActionItemInput, as the columns a person can fix. */
const FIELD_COLUMNS: Record<string, ColumnHeader> = {
  code: 'code',
  title: 'title',
  description: 'description',
  sectionRef: 'section_ref',
  pillarCode: 'pillar',
  cbms: 'cbms',
  primaryCbm: 'primary_cbm',
  ownerInstitutionId: 'owner',
  supporterIds: 'supporters',
  status: 'status',
  priority: 'priority',
  startDate: 'start_date',
  dueDate: 'due_date',
  progress: 'progress',
  budgetAmount: 'budget_amount',
  budgetCurrency: 'budget_currency',
  fundingSource: 'funding_source',
  tlp: 'tlp',
  tags: 'tags',
};

/** "In progress", "IN-PROGRESS", "in_progress", "U toku" and "У току" all mean the machine value. */
function choice<T extends string>(column: ChoiceColumn, text: string, allowed: readonly T[]): T | undefined {
  const value = choiceFor(column, text);
  return allowed.find((a) => a === value);
}

function tlpChoice(text: string) {
  const value = text.trim().toUpperCase().replace(/^TLP:\s*/, '').replace(/\s*\+\s*/, '+');
  return TLP_LABELS.find((t) => t === value);
}

/** A number as people type it: "50000", "50 000", "50.000,50" or "50000.50". */
function parseAmount(text: string): number | null {
  let value = text.replace(/[\s\u00a0']/g, '');
  if (value === '') return null;
  if (value.includes(',') && value.includes('.')) {
    // Whichever comes last is the decimal separator.
    value = value.lastIndexOf(',') > value.lastIndexOf('.') ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (value.includes(',')) {
    value = value.replace(',', '.');
  }
  if (!/^-?\d+(\.\d+)?$/.test(value)) return Number.NaN;
  return Number(value);
}

/**
 * Validates every row; returns the items only if there is not a single error.
 * Pauses every few hundred rows, so 5,000 rows never hold the event loop for long.
 */
export async function validateImportRows(headers: string[], rows: RawRow[], reference: ImportReference, planId: string): Promise<ValidationResult> {
  const errors: ImportError[] = [];
  const missing = ACTION_COLUMNS.filter((c) => c.required && !headers.includes(c.header));
  for (const column of missing) errors.push({ row: 1, column: column.header, message: `${ERR}.missingColumn`, params: { column: column.header } });
  if (missing.length > 0) return { items: [], errors };

  const institutions = nameIndex(reference.institutions);
  // Names in the other languages (institutionName): a file exported in Bosnian names its owners in Bosnian.
  const byId = new Map(reference.institutions.map((i) => [i.id, i]));
  const spellings = nameIndex(
    (reference.institutionNames ?? []).flatMap((n) => {
      const institution = byId.get(n.institutionId);
      return institution ? [{ ...institution, name: n.name, localName: null, acronym: null }] : [];
    }),
  );
  const findInstitution = (text: string) => institutions.find(text) ?? spellings.find(text);
  const pillars = new Map(reference.pillarCodes.map((code) => [code.toLowerCase(), code]));
  const existing = new Set(reference.existingCodes);
  const seen = new Map<string, number>();
  const items: ValidatedRow[] = [];

  let checked = 0;
  for (const { row, cells } of rows) {
    if (++checked % IMPORT_YIELD_EVERY_ROWS === 0) await yieldToEventLoop();
    const rowErrors: ImportError[] = [];
    const fail = (column: ColumnHeader, message: string, params?: Record<string, string | number>) =>
      rowErrors.push({ row, column, message: `${ERR}.${message}`, params });
    const cell = (column: ColumnHeader) => (cells[column] ?? '').trim();

    for (const column of IMPORT_COLUMNS) {
      if (column.required && cell(column.header) === '') fail(column.header, 'required');
    }

    const code = cell('code');
    if (code) {
      const firstRow = seen.get(code);
      if (firstRow !== undefined) fail('code', 'duplicateInFile', { code, row: firstRow });
      else seen.set(code, row);
      if (existing.has(code)) fail('code', 'duplicateInPlan', { code });
    }

    let pillarCode: string | null = null;
    if (cell('pillar')) {
      pillarCode = pillars.get(cell('pillar').toLowerCase()) ?? null;
      if (!pillarCode) fail('pillar', 'unknownPillar', { value: cell('pillar'), allowed: reference.pillarCodes.join(', ') });
    }

    const cbms: number[] = [];
    for (const text of splitList(cell('cbms'), true)) {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > 16) fail('cbms', 'cbmOutOfRange', { value: text });
      else if (!cbms.includes(n)) cbms.push(n);
    }
    let primaryCbm = cbms[0] ?? 0;
    if (cell('primary_cbm')) {
      const n = Number(cell('primary_cbm'));
      if (!Number.isInteger(n) || n < 1 || n > 16) fail('primary_cbm', 'cbmOutOfRange', { value: cell('primary_cbm') });
      else if (cbms.length > 0 && !cbms.includes(n)) fail('primary_cbm', 'primaryNotListed', { value: n });
      else primaryCbm = n;
    }

    let ownerInstitutionId = '';
    if (cell('owner')) {
      const owner = findInstitution(cell('owner'));
      if (owner) ownerInstitutionId = owner.id;
      else unknownInstitution('owner', cell('owner'));
    }
    const supporterIds: string[] = [];
    for (const name of splitList(cell('supporters'))) {
      const supporter = findInstitution(name);
      if (!supporter) unknownInstitution('supporters', name);
      else if (supporter.id !== ownerInstitutionId && !supporterIds.includes(supporter.id)) supporterIds.push(supporter.id);
    }

    const status = cell('status') ? choice('status', cell('status'), ACTION_STATUSES) : undefined;
    if (cell('status') && !status) fail('status', 'invalidChoice', { value: cell('status'), allowed: ACTION_STATUSES.join(', ') });
    // Completion needs evidence, and a file carries none: finish the item on its page.
    if (status === 'completed') fail('status', 'completedNeedsEvidence');
    const priority = cell('priority') ? choice('priority', cell('priority'), ACTION_PRIORITIES) : undefined;
    if (cell('priority') && !priority) fail('priority', 'invalidChoice', { value: cell('priority'), allowed: ACTION_PRIORITIES.join(', ') });
    const fundingSource = cell('funding_source') ? choice('funding_source', cell('funding_source'), FUNDING_SOURCES) : undefined;
    if (cell('funding_source') && !fundingSource) fail('funding_source', 'invalidChoice', { value: cell('funding_source'), allowed: FUNDING_SOURCES.join(', ') });
    const tlp = cell('tlp') ? tlpChoice(cell('tlp')) : undefined;
    if (cell('tlp') && !tlp) fail('tlp', 'invalidChoice', { value: cell('tlp'), allowed: TLP_LABELS.join(', ') });

    const date = (column: 'start_date' | 'due_date'): string | null => {
      if (!cell(column)) return null;
      const parsed = parseCalendarDate(cell(column));
      if (!parsed) fail(column, 'badDate', { value: cell(column) });
      return parsed;
    };
    const startDate = date('start_date');
    const dueDate = date('due_date');
    if (startDate && dueDate && dueDate < startDate) fail('due_date', 'dueBeforeStart');

    let progress = 0;
    if (cell('progress')) {
      const n = Number(cell('progress').replace(/\s*%$/, ''));
      if (!Number.isInteger(n) || n < 0 || n > 100) fail('progress', 'progressRange', { value: cell('progress') });
      else progress = n;
    }
    const budgetAmount = parseAmount(cell('budget_amount'));
    if (budgetAmount !== null && (Number.isNaN(budgetAmount) || budgetAmount < 0)) fail('budget_amount', 'badAmount', { value: cell('budget_amount') });
    const budgetCurrency = cell('budget_currency').toUpperCase() || null;
    if (budgetCurrency && !/^[A-Z]{3}$/.test(budgetCurrency)) fail('budget_currency', 'badCurrency', { value: cell('budget_currency') });

    const candidate = {
      planId,
      code,
      title: cell('title'),
      description: cell('description'),
      sectionRef: cell('section_ref') || null,
      pillarCode,
      cbms,
      primaryCbm,
      ownerInstitutionId,
      supporterIds,
      status: status ?? 'not_started',
      priority: priority ?? 'medium',
      startDate,
      dueDate,
      progress,
      budgetAmount: budgetAmount === null || Number.isNaN(budgetAmount) ? null : budgetAmount,
      budgetCurrency,
      fundingSource: fundingSource ?? null,
      tlp: tlp ?? 'GREEN',
      tags: [...new Set(splitList(cell('tags')))],
      indicators: [],
    };

    // The portal's own rules for an item (lengths, currency with an amount…), on rows that passed the checks above.
    if (rowErrors.length === 0) {
      const parsed = actionItemSchema.safeParse(candidate);
      if (parsed.success) items.push({ row, input: parsed.data });
      else {
        for (const issue of parsed.error.issues) {
          const column = FIELD_COLUMNS[String(issue.path[0])] ?? null;
          rowErrors.push({ row, column, message: issue.message.startsWith('errors.') || issue.message.startsWith('actions.') ? issue.message : 'errors.invalidChoice' });
        }
      }
    }
    errors.push(...rowErrors);

    function unknownInstitution(column: ColumnHeader, value: string) {
      const suggestions = institutions.closest(value);
      if (suggestions.length > 0) fail(column, 'unknownInstitutionSuggest', { value, suggestions: suggestions.join('; ') });
      else fail(column, 'unknownInstitution', { value });
    }
  }
  return errors.length > 0 ? { items: [], errors } : { items, errors };
}
