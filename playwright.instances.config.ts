import crypto from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { E2E_PASSWORD } from './playwright.config.ts';

/**
 * `npm run test:instances`: the browser side of two portal instances behind one
 * imaginary load balancer (issue 10 §5, docs/several-instances.md). Two
 * `server.ts` processes share one PostgreSQL database, one Redis and the auth
 * secret, and nothing else: each has its own DATA_DIR, so anything kept on one
 * instance's disk would be missing on the other.
 *
 * The database is dropped and recreated before the first instance starts
 * (tests/support/e2e-database.ts); the second starts only once the first
 * answers /healthz, i.e. after the first has migrated and seeded, so it never
 * connects to a database that is about to be dropped.
 */
const FIRST_PORT = Number(process.env.E2E_INSTANCES_PORT ?? 3400);
const DATABASE_URL = process.env.E2E_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/e2e_instances';
const REDIS_URL = process.env.E2E_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
// Replicas of one deployment share the secret that signs session cookies: one made up for each run, so none lives in the repo.
const AUTH_SECRET = process.env.E2E_INSTANCES_AUTH_SECRET ?? crypto.randomBytes(32).toString('hex');

/** Where the spec finds the two instances. */
export const INSTANCES = [0, 1].map((index) => `http://localhost:${FIRST_PORT + index}`) as [string, string];

function instance(index: 0 | 1, prepare: string) {
  const port = FIRST_PORT + index;
  const dataDir = `tests/.tmp/e2e-instance-${port}`;
  return {
    command: `rm -rf ${dataDir} && ${prepare} && node --import tsx server.ts`,
    url: `${INSTANCES[index]}/healthz`,
    reuseExistingServer: false,
    // Migrating and seeding a fresh database on a busy CI host: a limit about the host, not the portal.
    timeout: 120_000,
    env: {
      PORT: String(port),
      DATABASE_URL,
      E2E_DATABASE_URL: DATABASE_URL,
      DATA_DIR: dataDir,
      BETTER_AUTH_SECRET: AUTH_SECRET,
      REDIS_URL,
      DEMO_PASSWORD: E2E_PASSWORD,
      SIGN_IN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
  };
}

export default defineConfig({
  testDir: 'tests/e2e-instances',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // Two servers, two browsers and a relay through Redis per test: more steps than a single-instance spec.
  timeout: 60_000,
  // Two servers and two browsers share the host: a locator may take longer to settle than on one.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: INSTANCES[0],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
  webServer: [
    instance(0, 'node --import tsx tests/support/e2e-database.ts'),
    instance(1, `node --import tsx tests/support/wait-for-url.ts ${INSTANCES[0]}/healthz`),
  ],
});
