import { z } from 'zod';
import type { Language } from '../utils/languages.ts';

/**
 * How /actions.csv and /actions.xlsx write a file (docs/languages.md,
 * "Exports"): in the reader's language by default, or `?format=machine` for
 * the English machine names and codes that scripts and the import template
 * use. `?sep=semicolon` or `?sep=comma` chooses the CSV separator; by default
 * it is `;` for a reader in bs, hr or sr, whose Excel (regional settings with a
 * decimal comma) splits a CSV on `;`, and `,` otherwise.
 */
export interface SpreadsheetFormat {
  /** null for the machine-readable variant. */
  language: Language | null;
  delimiter: ',' | ';';
}

export const MACHINE_FORMAT: SpreadsheetFormat = { language: null, delimiter: ',' };

const querySchema = z.object({
  format: z.enum(['machine', 'readable']).catch('readable'),
  sep: z.enum(['comma', 'semicolon', 'auto']).catch('auto'),
});

export function parseSpreadsheetFormat(params: URLSearchParams, readerLanguage: Language): SpreadsheetFormat {
  const { format, sep } = querySchema.parse({ format: params.get('format') ?? undefined, sep: params.get('sep') ?? undefined });
  const language = format === 'machine' ? null : readerLanguage;
  const delimiter = sep === 'semicolon' ? ';' : sep === 'comma' ? ',' : language && language !== 'en' ? ';' : ',';
  return { language, delimiter };
}
