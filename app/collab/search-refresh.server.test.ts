import pino from 'pino';
import { expect, test } from 'vitest';
import { stateFromMarkdown } from '../content/render.server.ts';
import { createRenderWorker } from './search-refresh.server.ts';

// The worker runs TypeScript under tsx; if its loader is missing it falls back to the main thread with a warning.
test('the search re-index worker starts and renders a document’s plain text off the main thread', async () => {
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  const worker = createRenderWorker(logger);
  try {
    const rendered = worker.render(stateFromMarkdown('# Kritična infrastruktura\n\nBezbjednost mreža.'));
    expect(rendered, 'a worker was started').not.toBeNull();
    expect(await rendered).toContain('Bezbjednost mreža.');
    expect(warnings).toEqual([]);
  } finally {
    await worker.close();
  }
});
