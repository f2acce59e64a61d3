import type { Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { SocketContext } from './auth-extension.server.ts';

const MESSAGE_AWARENESS = 1;

/** The presence states a raw Hocuspocus awareness message announces. */
export function readAwarenessStates(message: Uint8Array): unknown[] | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return null;
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const states: unknown[] = [];
  const count = decoding.readVarUint(update);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(update); // client id
    decoding.readVarUint(update); // clock
    states.push(JSON.parse(decoding.readVarString(update)));
  }
  return states;
}

/**
 * Presence names come from the browser, so anyone could claim to be someone
 * else. A socket may only announce the name and institution of the person it
 * signed in as; a forged announcement closes the connection.
 */
export function awarenessExtension(): Extension {
  return {
    extensionName: 'portal-awareness',
    async beforeHandleMessage({ context, update }) {
      const socket = (context as { socket?: SocketContext }).socket;
      const states = readAwarenessStates(update);
      if (!states || !socket?.person) return;
      for (const state of states) {
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
