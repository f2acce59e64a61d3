import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Db } from '../../db/client.server.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../../tests/support/test-database.ts';
import { runExclusively } from './job-lock.server.ts';

/** A promise and the function that settles it, to hold a job open until the test says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(dialects)('scheduled jobs run once across instances on %s', (dialect) => {
  let database: TestDatabase;
  // A second pool on the same database: what a second instance would hold.
  let other: Db;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    other = createDatabase({ url: database.url, poolSize: 2 }).db;
  });

  afterAll(async () => {
    await other?.destroy();
    await database?.cleanup();
  });

  test(dialect === 'postgres' ? 'while one instance runs a job, another that starts it steps aside; afterwards it runs' : 'on SQLite (one instance) the job always runs', async () => {
    const started = gate();
    const release = gate();
    const first = runExclusively(database.db, 'reminders', async () => {
      started.open();
      await release.opened;
      return 'first';
    });
    await started.opened;
    const second = await runExclusively(other, 'reminders', async () => 'second');
    // Another job name is never blocked by this one.
    expect(await runExclusively(other, 'other-job', async () => 'independent')).toEqual({ ran: true, value: 'independent' });
    release.open();
    expect(await first).toEqual({ ran: true, value: 'first' });
    if (dialect === 'postgres') expect(second).toEqual({ ran: false });
    else expect(second).toEqual({ ran: true, value: 'second' });
    // The lock is released when the job ends, and when it throws.
    await expect(runExclusively(other, 'reminders', async () => Promise.reject(new Error('job failed')))).rejects.toThrow('job failed');
    expect(await runExclusively(database.db, 'reminders', async () => 'again')).toEqual({ ran: true, value: 'again' });
  });
});
