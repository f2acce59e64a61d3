/**
 * Worker thread for the search re-index of large documents (search-refresh.server.ts):
 * the headless Lexical render of a long text takes tens of milliseconds, which
 * would otherwise stall every live document on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { renderPlainText } from '../content/render.server.ts';

export interface SearchTextRequest {
  id: number;
  state: Uint8Array;
}

export type SearchTextReply = { id: number; text: string } | { id: number; error: string };

parentPort?.on('message', ({ id, state }: SearchTextRequest) => {
  let reply: SearchTextReply;
  try {
    reply = { id, text: renderPlainText(state) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
