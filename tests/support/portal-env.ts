import fs from 'node:fs';
import path from 'node:path';
import type { TestDatabase } from './test-database.ts';
import { SERVER_BUILD_PATH } from '../../scripts/build-paths.js';

/** The demo password of every portal the integration tests start. */
export const DEMO_PASSWORD = 'correct-horse-battery';

/** The environment of a real portal on a test's fresh database, on plain local http. */
export function portalEnv(database: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: database.dir,
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Whatever the developer's shell says, these tests run on plain local http.
    PUBLIC_URL: '',
    TRUST_PROXY: '',
    SMTP_URL: '',
    // One instance per test: only the relay test connects to Redis.
    REDIS_URL: '',
    // Sign-ins in tests must not trip the limiter; the rate-limit test sets its own.
    SIGN_IN_RATE_LIMIT: '1000',
    // The hourly job's first run, a minute after start, would add notifications mid-test; reminders.test.ts runs it directly.
    REMINDERS: 'off',
    ...extra,
  };
}

/** startPortal serves the Remix build; without it every request would fail obscurely. */
export function requireServerBuild(): void {
  if (!fs.existsSync(path.resolve(SERVER_BUILD_PATH))) {
    throw new Error(`${SERVER_BUILD_PATH} is missing: run npx remix build before the HTTP tests (npm test does it for you).`);
  }
}
