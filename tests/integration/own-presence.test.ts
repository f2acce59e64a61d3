import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Server } from '@hocuspocus/server';
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readAwarenessStates } from '../../app/collab/awareness-extension.server.ts';
import { OwnPresenceProvider } from '../../app/components/editor/own-presence-provider.ts';
import { waitFor } from '../support/collab-client.ts';

/**
 * The editor's provider sends only its own presence (issue 14 §2). A bare
 * Hocuspocus server records, per socket, whose presence states arrive on it;
 * the providers are real ones over real sockets.
 */

type ProviderClass = typeof HocuspocusProvider | typeof OwnPresenceProvider;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startRecordingServer() {
  // socket -> every client id whose presence arrived on it
  const senders = new Map<unknown, Set<number>>();
  const server = new Server({
    quiet: true,
    stopOnSignals: false,
    address: '127.0.0.1',
    port: 0,
    async beforeHandleMessage({ update, socketId }) {
      const entries = readAwarenessStates(update);
      if (!entries) return;
      const seen = senders.get(socketId) ?? new Set<number>();
      for (const entry of entries) seen.add(entry.clientId);
      senders.set(socketId, seen);
    },
  });
  await server.listen();
  cleanups.push(() => server.destroy());
  return { url: `ws://127.0.0.1:${server.address.port}`, senders };
}

function openEditor(Provider: ProviderClass, url: string, name: string) {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new Provider({ websocketProvider: socket, name: 'presence', document: doc });
  provider.attach();
  provider.awareness?.setLocalState({ name, cursor: 0 });
  cleanups.push(() => {
    provider.destroy();
    socket.destroy();
    doc.destroy();
  });
  return provider;
}

/** Three editors; the first moves its cursor 20 times; returns what each socket sent. */
async function moveCursors(Provider: ProviderClass) {
  const { url, senders } = await startRecordingServer();
  const editors = ['A', 'B', 'C'].map((name) => openEditor(Provider, url, name));
  await waitFor(() => editors.every((editor) => editor.awareness!.getStates().size === 3), 'every editor sees the other two', 10_000);
  const [author, ...others] = editors;
  for (let position = 1; position <= 20; position++) {
    author.awareness!.setLocalStateField('cursor', position);
    await waitFor(() => others.every((editor) => (editor.awareness!.getStates().get(author.awareness!.clientID) as { cursor?: number } | undefined)?.cursor === position), `cursor ${position} arrives`, 10_000);
  }
  const ownIds = new Set(editors.map((editor) => editor.awareness!.clientID));
  const foreignPerSocket = [...senders.values()].map((ids) => [...ids].filter((id) => ownIds.has(id)).length);
  return { senders, foreignPerSocket };
}

describe('presence sent by the editor provider', () => {
  test('each socket carries exactly one client’s presence, while every editor still sees every cursor', async () => {
    const { senders, foreignPerSocket } = await moveCursors(OwnPresenceProvider);
    expect(senders.size).toBe(3);
    expect(foreignPerSocket).toEqual([1, 1, 1]);
  });

  test('the upstream provider echoes the others’ presence (why OwnPresenceProvider exists)', async () => {
    const { foreignPerSocket } = await moveCursors(HocuspocusProvider);
    // If this ever fails, Hocuspocus stopped echoing and the wrapper can go.
    expect(Math.max(...foreignPerSocket)).toBeGreaterThan(1);
  });
});
