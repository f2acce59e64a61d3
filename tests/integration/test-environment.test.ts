import { describe, expect, test } from 'vitest';
import setup, { isCi, skipNotice, skippedSuites } from '../support/global-setup.ts';

/** The guard against silent skips (tests/support/global-setup.ts), on made-up environments. */

const PG = 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = 'redis://127.0.0.1:6379';

describe('which database and Redis runs an environment leaves out', () => {
  test('with both set nothing is left out and nothing is printed', () => {
    expect(skippedSuites({ TEST_DATABASE_URL: PG, REDIS_URL: REDIS })).toEqual([]);
    expect(skipNotice([])).toBeNull();
  });

  test('without either, one line names both and how to turn them on', () => {
    const notice = skipNotice(skippedSuites({ TEST_DATABASE_URL: ' ', REDIS_URL: '' }));
    expect(notice).toBe(`SKIPPED: every PostgreSQL run and the Redis relay tests (set TEST_DATABASE_URL=${PG} REDIS_URL=${REDIS}; see docs/testing.md)`);
  });

  test('Redis without PostgreSQL still leaves out the relay, which needs both', () => {
    expect(skippedSuites({ REDIS_URL: REDIS }).map((s) => s.what)).toEqual(['every PostgreSQL run', 'the Redis relay tests']);
    expect(skipNotice(skippedSuites({ REDIS_URL: REDIS }))).toBe(`SKIPPED: every PostgreSQL run and the Redis relay tests (set TEST_DATABASE_URL=${PG}; see docs/testing.md)`);
    expect(skippedSuites({ TEST_DATABASE_URL: PG }).map((s) => s.what)).toEqual(['the Redis relay tests']);
  });

  test('CI counts as set unless it is empty, "false" or "0"', () => {
    expect(['1', 'true', 'yes'].map((CI) => isCi({ CI }))).toEqual([true, true, true]);
    expect(['', 'false', 'FALSE', '0', undefined].map((CI) => isCi({ CI }))).toEqual([false, false, false, false, false]);
  });

  test('under CI a missing server fails the run before any test', () => {
    const saved = { ...process.env };
    try {
      process.env.CI = '1';
      process.env.TEST_DATABASE_URL = PG;
      delete process.env.REDIS_URL;
      expect(() => setup()).toThrow(/CI is set, but this run would leave out the Redis relay tests: set REDIS_URL=/);
    } finally {
      process.env = saved;
    }
  });
});
