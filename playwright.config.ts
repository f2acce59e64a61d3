import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = `tests/.tmp/e2e-${PORT}`;

export const E2E_PASSWORD = 'e2e-demo-password';

export default defineConfig({
  testDir: 'tests/e2e',
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
    // The production build on a fresh SQLite database with the demo data.
    command: `rm -rf ${DATA_DIR} && node --import tsx server.ts`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:${DATA_DIR}/portal.sqlite`,
      DATA_DIR,
      DEMO_PASSWORD: E2E_PASSWORD,
      SIGN_IN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
      // A single instance: the Redis relay is covered by tests/integration/collab-redis.test.ts.
      REDIS_URL: '',
    },
  },
});
