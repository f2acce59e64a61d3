/**
 * The client side of the collaboration benchmark, run as a child process so
 * that the editors do not share an event loop with the server they measure.
 * It holds real HocuspocusProviders (one WebSocket each, `ws` underneath),
 * types into a Y.Text, moves a cursor in awareness with every keystroke, and
 * records when each keystroke was typed and when each remote character
 * arrived. Several of these processes share the editors of one document; the
 * parent (load-client.ts) joins keystrokes and arrivals on wall-clock time.
 *
 * Driven over IPC (advanced serialization) by bench/support/load-client.ts; see `Command` below.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { HocuspocusProviderWebsocket, type HocuspocusProvider } from '@hocuspocus/provider';
import { OwnPresenceProvider } from '../../app/components/editor/own-presence-provider.ts';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface EditorSpec {
  /** The Cookie header for the WebSocket upgrade, or null (bare server). */
  cookie: string | null;
}

export interface DocumentSpec {
  name: string;
  editors: EditorSpec[];
}

export type Command =
  | { type: 'open'; url: string; documents: DocumentSpec[]; prefill?: string; timeoutMs: number; firstIndex: number }
  | { type: 'type'; updatesPerSecond: number }
  | { type: 'stop-typing' }
  | { type: 'measure' }
  | { type: 'end' }
  | { type: 'progress' }
  | { type: 'report' }
  | { type: 'close' }
  | { type: 'exit' };

/**
 * What one editors' process saw in a window. Times are wall-clock milliseconds
 * (performance.timeOrigin + performance.now()), so that the parent can join
 * the keystrokes of one process with their arrivals in another.
 */
export interface ProcessReport {
  /** (clientID, clock, time) for each keystroke typed in the window, flattened. */
  sent: Float64Array;
  /** (clientID, clock, time) for each remote character integrated since the window opened, flattened. */
  arrivals: Float64Array;
  seconds: number;
  /** CPU time of this client process over the measurement, as a share of one core. */
  clientCpu: number;
  /** p99 event-loop delay of this process during the measurement, in ms. */
  clientLoopDelayP99: number;
}

export interface LoadReport {
  /**
   * Update-to-arrival latency in ms, one sample per (keystroke, receiving editor).
   * A keystroke some editor never received counts with the time it had waited
   * when the report was made, so overload shows up instead of dropping out.
   */
  latencies: Float64Array;
  keystrokes: number;
  seconds: number;
  /** CPU time of all the editors' processes over the measurement, as a share of one core. */
  clientCpu: number;
  /** The highest p99 event-loop delay of the editors' processes during the measurement, in ms. */
  clientLoopDelayP99: number;
  /** Arrivals still missing when the report was made (after a grace period). */
  missing: number;
}

export type Reply = { id: number; ok: true; data?: unknown } | { id: number; ok: false; error: string };

interface Editor {
  doc: Y.Doc;
  text: Y.Text;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  cursor: number;
  keystrokes: number;
  timers: NodeJS.Timeout[];
}

const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0'];

/** ws, with the session cookie on the upgrade request (the provider passes only the URL). */
function socketClass(cookie: string | null) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  };
}

let editors: Editor[] = [];

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes. */
const now = () => performance.timeOrigin + performance.now();

/** Keystrokes are recorded while measuring; arrivals from the window's start until the report. */
let measuring = false;
let recording = false;
let measureStart = 0;
let measureEnd = 0;
let sent: number[] = [];
let arrivals: number[] = [];
let cpuStart = process.cpuUsage();
let cpuEnd = process.cpuUsage();
/** Sampled every millisecond; a sample is the whole interval, so the resolution is taken off to get the lag. */
const LOOP_RESOLUTION_MS = 1;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

function onTransaction(transaction: Y.Transaction): void {
  if (transaction.local || !recording) return;
  const time = now();
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0;
    for (let clock = before; clock < after; clock++) arrivals.push(client, clock, time);
  });
}

async function open(url: string, documents: DocumentSpec[], prefill: Uint8Array | null, timeoutMs: number, firstIndex: number): Promise<{ ms: number }> {
  const started = performance.now();
  const ready: Promise<void>[] = [];
  let index = firstIndex;
  for (const spec of documents) {
    for (const editorSpec of spec.editors) {
      const doc = new Y.Doc();
      // Against the bare server, the editors bring the document's content themselves.
      if (prefill) Y.applyUpdate(doc, prefill);
      // One socket per editor, as each browser tab has its own.
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: socketClass(editorSpec.cookie) });
      const provider = new OwnPresenceProvider({ websocketProvider: socket, name: spec.name, document: doc });
      provider.attach();
      const n = index++;
      provider.awareness?.setLocalState({ user: { name: `Editor ${n}`, color: COLORS[n % COLORS.length] }, cursor: null });
      doc.on('afterTransaction', onTransaction);
      const editor: Editor = { doc, text: doc.getText('bench'), provider, socket, cursor: 0, keystrokes: 0, timers: [] };
      editors.push(editor);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`editor ${n} on ${spec.name} did not sync within ${timeoutMs} ms`)), timeoutMs);
          provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`editor ${n} refused: ${reason}`)));
          provider.on('authenticated', ({ scope }: { scope: string }) => {
            if (scope === 'readonly') reject(new Error(`editor ${n} on ${spec.name} was opened read-only`));
          });
          provider.on('synced', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
      );
    }
  }
  await Promise.all(ready);
  return { ms: performance.now() - started };
}

function keystroke(editor: Editor): void {
  const { doc, text } = editor;
  // Mostly typing on at the cursor; now and then the cursor jumps elsewhere.
  if (editor.keystrokes % 40 === 0) editor.cursor = Math.floor(Math.random() * (text.length + 1));
  const position = Math.min(editor.cursor, text.length);
  if (measuring) sent.push(doc.clientID, Y.getState(doc.store, doc.clientID), now());
  text.insert(position, String.fromCharCode(97 + (editor.keystrokes % 26)));
  editor.cursor = position + 1;
  editor.keystrokes++;
  const cursor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, editor.cursor));
  editor.provider.awareness?.setLocalStateField('cursor', { anchor: cursor, head: cursor });
}

function startTyping(updatesPerSecond: number): void {
  const interval = 1000 / updatesPerSecond;
  for (const editor of editors) {
    // Editors start at random phases, as people do.
    const start = setTimeout(() => {
      keystroke(editor);
      editor.timers.push(setInterval(() => keystroke(editor), interval));
    }, Math.random() * interval);
    editor.timers.push(start);
  }
}

function stopTyping(): void {
  for (const editor of editors) {
    for (const timer of editor.timers) clearTimeout(timer);
    editor.timers = [];
  }
}

function startMeasuring(): void {
  sent = [];
  arrivals = [];
  measuring = true;
  recording = true;
  measureStart = performance.now();
  cpuStart = process.cpuUsage();
  loopDelay.reset();
  loopDelay.enable();
}

/** Ends the window: keystrokes after it are not sampled; arrivals are still recorded until the report. */
function endMeasuring(): void {
  measuring = false;
  measureEnd = performance.now();
  cpuEnd = process.cpuUsage(cpuStart);
  loopDelay.disable();
}

function report(): ProcessReport {
  recording = false;
  const seconds = (measureEnd - measureStart) / 1000;
  const result: ProcessReport = {
    sent: Float64Array.from(sent),
    arrivals: Float64Array.from(arrivals),
    seconds,
    clientCpu: (cpuEnd.user + cpuEnd.system) / 1e6 / seconds,
    clientLoopDelayP99: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
  };
  sent = [];
  arrivals = [];
  return result;
}

async function close(): Promise<void> {
  stopTyping();
  for (const editor of editors) {
    editor.doc.off('afterTransaction', onTransaction);
    editor.provider.destroy();
    editor.socket.destroy();
    editor.doc.destroy();
  }
  editors = [];
  sent = [];
  arrivals = [];
  measuring = false;
  recording = false;
  // Let the close frames go out before the next command.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'open':
      return open(command.url, command.documents, command.prefill ? Buffer.from(command.prefill, 'base64') : null, command.timeoutMs, command.firstIndex);
    case 'type':
      return startTyping(command.updatesPerSecond);
    case 'stop-typing':
      return stopTyping();
    case 'measure':
      return startMeasuring();
    case 'end':
      return endMeasuring();
    case 'progress':
      return [sent.length / 3, arrivals.length / 3];
    case 'report':
      return report();
    case 'close':
      return close();
    case 'exit':
      await close();
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  handle(message.command).then(
    (data) => process.send?.({ id: message.id, ok: true, data } satisfies Reply),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
  );
});

// The parent going away (it crashed, or was stopped) must not leave this process behind.
process.on('disconnect', () => process.exit(0));
