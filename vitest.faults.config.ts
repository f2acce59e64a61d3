import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`, issue #10 §4): real server processes
 * killed, databases and Redis restarted, fuzzed sockets. Kept apart from the
 * main suite (vitest.config.ts does not include tests/faults/) because it
 * spawns its own PostgreSQL and Redis and takes minutes, not seconds.
 */
export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Two files at a time: each starts portal processes, and starting several at once on a small machine is what costs.
    maxWorkers: 2,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
