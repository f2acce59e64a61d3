/**
 * Server-side timing, the same on the portal and on bare Hocuspocus: it wraps
 * `hocuspocus.handleConnection`, so every socket either server accepts gets a
 * listener in front of Hocuspocus's own (the arrival of each message) and a
 * wrapped `send` (each message going out). For every document update that
 * arrives, it records
 *
 *   - fan-out: arrival -> the last send of that update to the other editors;
 *   - ack: arrival -> the acknowledgement (SyncStatus) sent back to its author.
 *
 * Updates are matched by their first (client, clock) read with
 * Y.parseUpdateMeta; an outgoing message with the same bytes as the previous
 * one (Hocuspocus encodes a broadcast once per connection) is matched without
 * decoding again. The probe's own time is summed, so that it can be taken out
 * of the server's CPU.
 */
import { performance } from 'node:perf_hooks';
import type { Hocuspocus } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_STATUS = 8;
const SYNC_UPDATE = 2;

interface InFlight {
  arrived: number;
  sender: WebSocket;
  /** Other editors still to be sent this update. */
  remaining: number;
  lastSend: number;
}

/** The document name and first (client, clock) of a sync update message, or the message type otherwise. */
function readMessage(message: Uint8Array): { document: string; type: number; key?: string } {
  const decoder = decoding.createDecoder(message);
  const document = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== SYNC_UPDATE) return { document, type };
  const meta = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
  const [first] = meta.from;
  return { document, type, key: first ? `${document}|${first[0]}|${first[1]}` : undefined };
}

export interface FanoutSamples {
  fanout: number[];
  ack: number[];
  /** Updates that arrived in the window. */
  updates: number;
  /** Milliseconds the probe itself spent (to subtract from the server's CPU). */
  probeMs: number;
}

export class FanoutProbe {
  private measuring = false;
  private inFlight = new Map<string, InFlight>();
  /** Per author socket, the updates whose acknowledgement is still to go out, in order. */
  private awaitingAck = new Map<WebSocket, number[]>();
  private samples: FanoutSamples = { fanout: [], ack: [], updates: 0, probeMs: 0 };
  /** The last message sent and what it said: a broadcast sends the same bytes to every socket in a row. */
  private lastBytes: Uint8Array | null = null;
  private lastRead: ReturnType<typeof readMessage> | null = null;

  constructor(private readonly hocuspocus: Hocuspocus) {
    const original = hocuspocus.handleConnection.bind(hocuspocus);
    hocuspocus.handleConnection = (incoming: WebSocket, request, context) => {
      this.watch(incoming);
      return original(incoming, request, context);
    };
  }

  start(): void {
    this.inFlight.clear();
    this.awaitingAck.clear();
    this.samples = { fanout: [], ack: [], updates: 0, probeMs: 0 };
    this.measuring = true;
  }

  stop(): FanoutSamples {
    this.measuring = false;
    return this.samples;
  }

  private watch(ws: WebSocket): void {
    ws.prependListener('message', (data: Buffer) => {
      if (!this.measuring) return;
      const t0 = performance.now();
      try {
        const { document, key } = readMessage(data);
        if (!key) return;
        const others = (this.hocuspocus.documents.get(document)?.getConnectionsCount() ?? 1) - 1;
        this.inFlight.set(key, { arrived: t0, sender: ws, remaining: others, lastSend: t0 });
        const queue = this.awaitingAck.get(ws) ?? [];
        queue.push(t0);
        this.awaitingAck.set(ws, queue);
        this.samples.updates++;
      } catch {
        // Not a message this probe understands; Hocuspocus deals with it.
      } finally {
        this.samples.probeMs += performance.now() - t0;
      }
    });
    const send = ws.send.bind(ws) as (data: Uint8Array, ...rest: unknown[]) => void;
    (ws as unknown as { send: typeof send }).send = (data: Uint8Array, ...rest: unknown[]) => {
      send(data, ...rest);
      if (!this.measuring) return;
      const t1 = performance.now();
      try {
        const read = this.lastBytes && this.lastRead && Buffer.compare(this.lastBytes, data) === 0 ? this.lastRead : readMessage(data);
        this.lastBytes = data;
        this.lastRead = read;
        if (read.type === MESSAGE_SYNC_STATUS) {
          const arrived = this.awaitingAck.get(ws)?.shift();
          if (arrived !== undefined) this.samples.ack.push(t1 - arrived);
          return;
        }
        if (!read.key) return;
        const flight = this.inFlight.get(read.key);
        if (!flight || flight.sender === ws) return;
        flight.lastSend = t1;
        if (--flight.remaining <= 0) {
          this.samples.fanout.push(t1 - flight.arrived);
          this.inFlight.delete(read.key);
        }
      } catch {
        // As above.
      } finally {
        this.samples.probeMs += performance.now() - t1;
      }
    };
  }
}
