/**
 * vitest globalSetup: the PostgreSQL and Redis tests are declared only when
 * TEST_DATABASE_URL / REDIS_URL are set (tests/support/test-database.ts,
 * tests/integration/collab-redis.test.ts), so without them they would vanish
 * without a word. In CI that is an error; on a developer's machine it is one
 * line at the start of the run saying what was left out and how to turn it on.
 */

const POSTGRES_ENABLE = 'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test';
const REDIS_ENABLE = 'REDIS_URL=redis://127.0.0.1:6379';

/** process.env, or any made-up environment. */
export type Environment = Record<string, string | undefined>;

export interface SkippedSuite {
  what: string;
  enable: string;
}

/** What this environment leaves out of the run. */
export function skippedSuites(env: Environment): SkippedSuite[] {
  const postgres = Boolean(env.TEST_DATABASE_URL?.trim());
  const redis = Boolean(env.REDIS_URL?.trim());
  const skipped: SkippedSuite[] = [];
  if (!postgres) skipped.push({ what: 'every PostgreSQL run', enable: POSTGRES_ENABLE });
  // The relay test needs both: its two instances share one PostgreSQL database.
  if (!redis || !postgres) skipped.push({ what: 'the Redis relay tests', enable: redis ? POSTGRES_ENABLE : REDIS_ENABLE });
  return skipped;
}

export function isCi(env: Environment): boolean {
  const value = env.CI?.trim().toLowerCase();
  return Boolean(value) && value !== 'false' && value !== '0';
}

/** The one line for a local run, or null when nothing is left out. */
export function skipNotice(skipped: SkippedSuite[]): string | null {
  if (skipped.length === 0) return null;
  const enable = [...new Set(skipped.map((s) => s.enable))].join(' ');
  return `SKIPPED: ${skipped.map((s) => s.what).join(' and ')} (set ${enable}; see docs/testing.md)`;
}

export default function setup(): void {
  const skipped = skippedSuites(process.env);
  if (skipped.length === 0) return;
  if (isCi(process.env)) {
    const enable = [...new Set(skipped.map((s) => s.enable))].join(' ');
    throw new Error(`CI is set, but this run would leave out ${skipped.map((s) => s.what).join(' and ')}: set ${enable}.`);
  }
  process.stderr.write(`\n${skipNotice(skipped)}\n\n`);
}
