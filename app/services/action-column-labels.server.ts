import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES } from '../../db/schema.ts';
import { resources } from '../i18n.ts';
import { foldName } from '../utils/closest-names.ts';
import { foldForSearch } from '../utils/search-text.ts';
import { COLUMN_HEADERS, type ColumnHeader } from '../utils/action-columns.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../utils/languages.ts';

/**
 * The action spreadsheet in people's languages: column headers and the
 * values of the choice columns (status, priority, funding source) as the
 * locale files name them. The export writes one language; the import reads
 * all five, and the English machine names, so a file travels between people
 * who use the portal in different languages.
 */

export const CHOICE_COLUMNS = {
  status: { values: ACTION_STATUSES, labels: 'statuses' },
  priority: { values: ACTION_PRIORITIES, labels: 'priorities' },
  funding_source: { values: FUNDING_SOURCES, labels: 'fundingSources' },
} as const;

export type ChoiceColumn = keyof typeof CHOICE_COLUMNS;

function messages(language: Language) {
  return resources[language].translation;
}

/** Header labels of one language, by machine name. */
export function columnLabels(language: Language): Record<ColumnHeader, string> {
  return messages(language).trackerData.exportColumns;
}

/** A choice value's label in one language ("in_progress" → "U toku"). */
export function choiceLabel(language: Language, column: ChoiceColumn, value: string): string {
  const labels = messages(language).actions[CHOICE_COLUMNS[column].labels] as Record<string, string>;
  return labels[value] ?? value;
}

/** Case, diacritics, punctuation and script do not matter: "Napredak (%)", "НАПРЕДАК" and "napredak" are one header. */
function fold(text: string): string {
  return foldName(foldForSearch(text));
}

function buildIndex<T extends string>(entries: [string, T][]): Map<string, T> {
  const index = new Map<string, T>();
  for (const [text, value] of entries) {
    const key = fold(text);
    // Languages share words ("Status"); tests/integration/action-import.test.ts checks that no word means two things.
    if (key && !index.has(key)) index.set(key, value);
  }
  return index;
}

const HEADER_INDEX = buildIndex<ColumnHeader>([
  ...COLUMN_HEADERS.map((h) => [h, h] as [string, ColumnHeader]),
  ...COLUMN_HEADERS.map((h) => [h.replace(/_/g, ' '), h] as [string, ColumnHeader]),
  ...SUPPORTED_LANGUAGES.flatMap((language) => COLUMN_HEADERS.map((h) => [columnLabels(language)[h], h] as [string, ColumnHeader])),
]);

const CHOICE_INDEX = Object.fromEntries(
  (Object.keys(CHOICE_COLUMNS) as ChoiceColumn[]).map((column) => {
    const values: readonly string[] = CHOICE_COLUMNS[column].values;
    return [
      column,
      buildIndex<string>([
        ...values.map((v) => [v, v] as [string, string]),
        ...values.map((v) => [v.replace(/_/g, ' '), v] as [string, string]),
        ...SUPPORTED_LANGUAGES.flatMap((language) => values.map((v) => [choiceLabel(language, column, v), v] as [string, string])),
      ]),
    ];
  }),
) as Record<ChoiceColumn, Map<string, string>>;

/** The machine name of a header written in any of the five languages, or as the machine name itself; undefined for an unknown one. */
export function headerFor(text: string): ColumnHeader | undefined {
  return HEADER_INDEX.get(fold(text));
}

/** The machine value of a choice cell written in any language ("U toku", "У току", "in progress", "in_progress"); undefined if none. */
export function choiceFor(column: ChoiceColumn, text: string): string | undefined {
  return CHOICE_INDEX[column].get(fold(text));
}

/** Every folded spelling that the import reads as two different things; empty when the locale files are consistent. */
export function ambiguousSpellings(): string[] {
  const clashes: string[] = [];
  const check = (entries: [string, string][]) => {
    const seen = new Map<string, string>();
    for (const [text, value] of entries) {
      const key = fold(text);
      const before = seen.get(key);
      if (before !== undefined && before !== value) clashes.push(`${text}: ${before} / ${value}`);
      else seen.set(key, value);
    }
  };
  check(SUPPORTED_LANGUAGES.flatMap((language) => COLUMN_HEADERS.map((h) => [columnLabels(language)[h], h] as [string, string])));
  for (const column of Object.keys(CHOICE_COLUMNS) as ChoiceColumn[]) {
    const values: readonly string[] = CHOICE_COLUMNS[column].values;
    check(SUPPORTED_LANGUAGES.flatMap((language) => values.map((v) => [choiceLabel(language, column, v), v] as [string, string])));
  }
  return clashes;
}
