import type { Migration } from 'kysely';
import * as foundation from './2026-11-23-01-foundation.ts';
import * as documents from './2026-11-23-02-documents.ts';

/**
 * Every migration, by name. A static list (rather than reading the folder)
 * keeps migrations working from the bundled server and from tests alike.
 * Names sort in the order they must run.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23-01-foundation': foundation,
  '2026-11-23-02-documents': documents,
};
