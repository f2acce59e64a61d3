import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = `tests/.tmp/e2e-${PORT}`;
/**
 * SQLite (a fresh file) by default. E2E_DATABASE_URL=postgres://…/e2e runs on PostgreSQL instead: that
 * database is dropped and recreated first (tests/support/e2e-database.ts). E2E_REDIS_URL puts the
 * Redis relay in the path of every edit, as on a multi-instance deployment.
 */
const POSTGRES_URL = process.env.E2E_DATABASE_URL?.trim() || undefined;
const REDIS_URL = process.env.E2E_REDIS_URL?.trim() ?? '';
const FRESH_POSTGRES = POSTGRES_URL ? 'node --import tsx tests/support/e2e-database.ts && ' : '';

export const E2E_PASSWORD = 'e2e-demo-password';

export default defineConfig({
  testDir: 'tests/e2e',
  // The every-page axe sweep takes about six minutes: CI runs it after npm test with E2E_A11Y=1 (.ci/run, docs/testing.md).
  testIgnore: process.env.E2E_A11Y ? [] : ['**/accessibility.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
  webServer: {
    // The production build on a fresh database with the demo data.
    command: `rm -rf ${DATA_DIR} && ${FRESH_POSTGRES}node --import tsx server.ts`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    // Migrating and seeding a fresh database on a busy CI host: a limit about the host, not the portal.
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      DATABASE_URL: POSTGRES_URL ?? `file:${DATA_DIR}/portal.sqlite`,
      E2E_DATABASE_URL: POSTGRES_URL ?? '',
      DATA_DIR,
      DEMO_PASSWORD: E2E_PASSWORD,
      SIGN_IN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
      // Off unless E2E_REDIS_URL: two instances relaying are covered by tests/integration/collab-redis.test.ts.
      REDIS_URL,
    },
  },
});
