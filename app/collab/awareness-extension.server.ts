import type { Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { SocketContext } from './auth-extension.server.ts';

const MESSAGE_AWARENESS = 1;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** The presence entries a raw Hocuspocus awareness message announces. */
export function readAwarenessStates(message: Uint8Array): AwarenessEntry[] | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return null;
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const entries: AwarenessEntry[] = [];
  const count = decoding.readVarUint(update);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(update);
    const clock = decoding.readVarUint(update);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(update)) });
  }
  return entries;
}

/**
 * Presence names come from the browser, so anyone could claim to be someone
 * else. A socket may only announce the name and institution of the person it
 * signed in as; a forged announcement closes the connection.
 */
export function awarenessExtension(): Extension {
  return {
    extensionName: 'portal-awareness',
    async beforeHandleMessage({ context, update, document }) {
      const socket = (context as { socket?: SocketContext }).socket;
      const entries = readAwarenessStates(update);
      if (!entries || !socket?.person) return;
      for (const { clientId, clock, state } of entries) {
        // Providers echo the states of others they received; only news (a higher clock) is someone's own claim.
        const known = document.awareness.meta.get(clientId);
        if (known && clock <= known.clock) continue;
        // Lexical's presence state: { name, color, awarenessData: { institution }, anchorPos, ... }; null when leaving.
        if (state === null || typeof state !== 'object') continue;
        const { name, awarenessData } = state as { name?: unknown; awarenessData?: { institution?: unknown } };
        if (name !== undefined && name !== socket.person.name) throw new Error('presence name does not match the signed-in person');
        const institution = awarenessData?.institution;
        if (institution !== undefined && institution !== socket.person.institution) throw new Error('presence institution does not match the signed-in person');
      }
    },
  };
}
