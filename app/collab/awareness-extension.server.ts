import { OutgoingMessage, type Document, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';
import type { SocketContext } from './auth-extension.server.ts';

const MESSAGE_AWARENESS = 1;
/** A document's presence changes go out at most this often, all in one message. */
export const AWARENESS_BROADCAST_EVERY_MS = 50;

const SPACE = 0x20;
const ZERO = 0x30;
const NULL_BYTES = [0x6e, 0x75, 0x6c, 0x6c];
const utf8 = new TextDecoder();

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * The presence entries of a raw Hocuspocus awareness message that are news:
 * a clock higher than `knownClock` says the server has. The JSON of an entry
 * that is not news is never parsed. It is overwritten in place with `0` and
 * spaces (the same length), so that Hocuspocus, which reads this same buffer
 * next, skips it just as cheaply and applies nothing for it (y-protocols
 * ignores a state whose clock is not newer, unless it is a removal at the same
 * clock, which is left as it is). Returns null for any other message.
 */
export function readAwarenessStates(message: Uint8Array, knownClock: (clientId: number) => number | undefined = () => undefined): AwarenessEntry[] | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return null;
  const update = decoding.readVarUint8Array(decoder);
  const reader = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  const count = decoding.readVarUint(reader);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(reader);
    const clock = decoding.readVarUint(reader);
    const length = decoding.readVarUint(reader);
    const start = reader.pos;
    const json = decoding.readUint8Array(reader, length);
    const known = knownClock(clientId) ?? 0;
    const isNull = length === 4 && NULL_BYTES.every((byte, k) => json[k] === byte);
    if (clock < known || (clock === known && !isNull)) {
      // Stale (an echo of a state the server already has): blank it for Hocuspocus too.
      update.fill(SPACE, start, start + length);
      if (length > 0) update[start] = ZERO;
      continue;
    }
    entries.push({ clientId, clock, state: JSON.parse(utf8.decode(json)) });
  }
  return entries;
}

type Listener = (...args: unknown[]) => void;

/**
 * Replaces Hocuspocus's presence broadcast for one document: it encodes the
 * changed states once per connection, for every single change. Here the
 * changes of up to AWARENESS_BROADCAST_EVERY_MS are collected, encoded once,
 * and the same bytes go to every connection.
 */
export function coalesceAwareness(document: Document): () => void {
  const awareness = document.awareness as Awareness & { _observers: Map<string, Set<Listener>> };
  const original = [...(awareness._observers.get('update') ?? [])].find((listener) => listener.name === 'bound handleAwarenessUpdate');
  if (!original) throw new Error('Hocuspocus presence broadcast not found: check coalesceAwareness against this Hocuspocus version');
  awareness.off('update', original);

  const changed = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let lastSent = 0;

  const flush = () => {
    timer = null;
    if (document.isDestroyed || changed.size === 0) return;
    lastSent = Date.now();
    const clients = [...changed];
    changed.clear();
    const message = new OutgoingMessage(document.name).createAwarenessUpdateMessage(document.awareness, clients).toUint8Array();
    for (const connection of document.getConnections()) connection.send(message);
  };

  const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    // The bookkeeping Hocuspocus does here: which presence states a socket owns (removed when it leaves).
    const owner = origin ? document.connections.get(origin as Parameters<typeof document.connections.get>[0]) : undefined;
    if (owner) {
      for (const clientId of added) owner.clients.add(clientId);
      for (const clientId of removed) owner.clients.delete(clientId);
    }
    for (const list of [added, updated, removed]) for (const clientId of list) changed.add(clientId);
    if (timer) return;
    const wait = Math.max(0, lastSent + AWARENESS_BROADCAST_EVERY_MS - Date.now());
    // Even with no wait: after this turn, so that every message read in it shares one broadcast.
    timer = wait === 0 ? (setImmediate(flush) as unknown as NodeJS.Timeout) : setTimeout(flush, wait);
  };
  awareness.on('update', onUpdate);

  return () => {
    if (timer) {
      clearTimeout(timer);
      clearImmediate(timer as unknown as NodeJS.Immediate);
    }
    awareness.off('update', onUpdate);
  };
}

/**
 * Presence names come from the browser, so anyone could claim to be someone
 * else. A socket may only announce the name and institution of the person it
 * signed in as; a forged announcement closes the connection. Presence is also
 * where the traffic is: stale echoes are dropped unparsed, and changes are
 * broadcast in batches (coalesceAwareness).
 */
export function awarenessExtension(): Extension {
  const stops = new Map<string, () => void>();
  return {
    extensionName: 'portal-awareness',
    async afterLoadDocument({ document, documentName }) {
      stops.get(documentName)?.();
      stops.set(documentName, coalesceAwareness(document));
    },
    async afterUnloadDocument({ documentName }) {
      stops.get(documentName)?.();
      stops.delete(documentName);
    },
    async beforeHandleMessage({ context, update, document }) {
      const socket = (context as { socket?: SocketContext }).socket;
      if (!socket?.person) return;
      // Providers echo the states of others they received; only news (a higher clock) is someone's own claim.
      const entries = readAwarenessStates(update, (clientId) => document.awareness.meta.get(clientId)?.clock);
      if (!entries) return;
      for (const { state } of entries) {
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
