import type { Dialect } from '../../../db/client.server.ts';
import { TEST_DATABASE_URL } from '../../support/test-database.ts';

export const STRATEGY_TITLE = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';

/**
 * How long the crash test types on each dialect. Issue #10 asks for 60 s; the
 * suite's 4-minute budget in CI allows about 24 s per dialect (FAULT_TYPING_MS
 * makes a longer soak).
 */
export const TYPING_MS = Number(process.env.FAULT_TYPING_MS ?? 24_000);

/** SQLite always; PostgreSQL with TEST_DATABASE_URL. In CI a missing PostgreSQL fails instead of vanishing. */
export function faultDialects(): Dialect[] {
  if (TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('CI is set but TEST_DATABASE_URL is not: the fault suite must run on PostgreSQL too');
  console.warn('[faults] TEST_DATABASE_URL is not set: PostgreSQL fault cases skipped (set TEST_DATABASE_URL=postgres://… to run them)');
  return ['sqlite'];
}
