/**
 * `node --import tsx tests/support/wait-for-url.ts <url>`: exits once
 * <url> answers 200. The second instance of playwright.instances.config.ts
 * starts behind it, so that it never starts while the first is still dropping
 * and recreating the shared database, whatever order Playwright launches
 * its web servers in.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const url = process.argv[2];
if (!url) throw new Error('usage: wait-for-url.ts <url>');

// The first instance's own start-up limit in the config is 120 s; waiting longer would only hide its failure.
const deadline = Date.now() + 120_000;
for (;;) {
  const status = await fetch(url).then(
    (response) => response.status,
    () => 0,
  );
  if (status === 200) break;
  if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within 120 s (last status: ${status || 'no answer'})`);
  await sleep(250);
}
