/**
 * The client side of the collaboration benchmark, run as a child process so
 * that the editors do not share an event loop with the server they measure.
 * It holds real HocuspocusProviders (one WebSocket each, `ws` underneath),
 * types into a Y.Text, moves a cursor in awareness with every keystroke, and
 * measures how long each keystroke takes to show up in every other editor's
 * document. All clocks are this process's `performance.now()`, so sender and
 * receiver times compare directly.
 *
 * Driven over IPC (advanced serialization) by bench/support/load-client.ts; see `Command` below.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
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
  | { type: 'open'; url: string; documents: DocumentSpec[]; prefill?: string; timeoutMs: number }
  | { type: 'type'; updatesPerSecond: number }
  | { type: 'stop-typing' }
  | { type: 'measure' }
  | { type: 'report'; graceMs: number }
  | { type: 'close' }
  | { type: 'exit' };

export interface LoadReport {
  /**
   * Update-to-arrival latency in ms, one sample per (keystroke, receiving editor).
   * A keystroke some editor never received counts with the time it had waited
   * when the report was made, so overload shows up instead of dropping out.
   */
  latencies: Float64Array;
  keystrokes: number;
  seconds: number;
  /** CPU time of this client process over the measurement, as a share of one core. */
  clientCpu: number;
  /** p99 event-loop delay of this process during the measurement, in ms. */
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
interface Sent {
  time: number;
  /** How many other editors have it so far (counted only inside the window). */
  received: number;
  inWindow: boolean;
}

/** clientID -> (clock of the keystroke's character -> when and how far it went). */
const sentAt = new Map<number, Map<number, Sent>>();
let measuring = false;
let measureStart = 0;
let latencies: number[] = [];
let windowKeystrokes: Sent[] = [];
let cpuStart = process.cpuUsage();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

function onTransaction(transaction: Y.Transaction): void {
  if (transaction.local) return;
  const now = performance.now();
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const sent = sentAt.get(client);
    if (!sent) return;
    for (let clock = before; clock < after; clock++) {
      const keystroke = sent.get(clock);
      if (!keystroke?.inWindow) continue;
      latencies.push(now - keystroke.time);
      keystroke.received++;
    }
  });
}

async function open(url: string, documents: DocumentSpec[], prefill: Uint8Array | null, timeoutMs: number): Promise<{ ms: number }> {
  const started = performance.now();
  const ready: Promise<void>[] = [];
  let index = 0;
  for (const spec of documents) {
    for (const editorSpec of spec.editors) {
      const doc = new Y.Doc();
      // Against the bare server, the editors bring the document's content themselves.
      if (prefill) Y.applyUpdate(doc, prefill);
      // One socket per editor, as each browser tab has its own.
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: socketClass(editorSpec.cookie) });
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: spec.name, document: doc });
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
  const clock = Y.getState(doc.store, doc.clientID);
  let sent = sentAt.get(doc.clientID);
  if (!sent) sentAt.set(doc.clientID, (sent = new Map()));
  const record: Sent = { time: performance.now(), received: 0, inWindow: measuring };
  sent.set(clock, record);
  if (measuring) windowKeystrokes.push(record);
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
  latencies = [];
  windowKeystrokes = [];
  measuring = true;
  measureStart = performance.now();
  cpuStart = process.cpuUsage();
  loopDelay.reset();
  loopDelay.enable();
}

/** Ends the window (keystrokes after it are not sampled), waits for stragglers, summarises. */
async function report(graceMs: number): Promise<LoadReport> {
  measuring = false;
  const seconds = (performance.now() - measureStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  loopDelay.disable();
  const receivers = editorsPerDocument() - 1;
  const deadline = performance.now() + graceMs;
  const outstanding = () => windowKeystrokes.reduce((sum, k) => sum + Math.max(0, receivers - k.received), 0);
  while (outstanding() > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const now = performance.now();
  let missing = 0;
  for (const keystroke of windowKeystrokes) {
    keystroke.inWindow = false;
    for (let i = keystroke.received; i < receivers; i++) {
      latencies.push(now - keystroke.time);
      missing++;
    }
  }
  const result = Float64Array.from(latencies);
  latencies = [];
  return {
    latencies: result,
    keystrokes: windowKeystrokes.length,
    seconds,
    clientCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    clientLoopDelayP99: loopDelay.percentile(99) / 1e6,
    missing,
  };
}

function editorsPerDocument(): number {
  const counts = new Map<string, number>();
  for (const editor of editors) counts.set(editor.provider.configuration.name, (counts.get(editor.provider.configuration.name) ?? 0) + 1);
  return Math.max(0, ...counts.values());
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
  sentAt.clear();
  latencies = [];
  // Let the close frames go out before the next command.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function handle(command: Command): Promise<unknown> {
  switch (command.type) {
    case 'open':
      return open(command.url, command.documents, command.prefill ? Buffer.from(command.prefill, 'base64') : null, command.timeoutMs);
    case 'type':
      return startTyping(command.updatesPerSecond);
    case 'stop-typing':
      return stopTyping();
    case 'measure':
      return startMeasuring();
    case 'report':
      return report(command.graceMs);
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
