/**
 * Collaboration benchmark: the portal's live co-drafting against a bare
 * Hocuspocus server measured in the same run, on loopback.
 *
 *   1. Keystroke latency between editors of one document (2, 10, 50 editors,
 *      2 keystrokes/s each, cursor in awareness with every keystroke), and the
 *      number of editors at which p99 passes 50 ms.
 *   2. Time to open a document after 1,000 and 100,000 stored updates, as the
 *      server loads it (snapshot + tail), against a bare SELECT of one blob.
 *   3. Server memory per open document with three editors.
 *   4. Rooms of three typing editors on one process, stepped up until the
 *      server-side fan-out p99 passes 50 ms.
 *
 * Run with `npm run bench` (which adds --expose-gc). Prints tables and
 * PASS/FAIL per target; a missed target is a result, not an error.
 * Results and method: docs/performance.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Server, type Hocuspocus, type onLoadDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Db, Dialect } from '../db/client.server.ts';
import { createDocument } from '../app/models/document.server.ts';
import { appendDocumentUpdate, compactDocument, loadDocumentState, replaceDocumentSnapshot } from '../app/models/document-state.server.ts';
import { persistenceExtension } from '../app/collab/persistence-extension.server.ts';
import { stateFromMarkdown } from '../app/content/render.server.ts';
import { createLogger } from '../app/utils/logger.server.ts';
import { makeInstitution, makePerson } from '../tests/support/factories.ts';
import { createTestDatabase, testDialects } from '../tests/support/test-database.ts';
import type { DocumentSpec, LoadReport } from './support/collab-load.ts';
import { FanoutProbe } from './support/fanout-probe.ts';
import { LoadClient } from './support/load-client.ts';
import { startBenchPortal, type BenchPortal } from './support/portal.ts';
import { checkTarget, distribution, fmt, fmtRatio, log, median, mib, printTable, printTargetSummary, ratio, type Distribution } from './support/report.ts';

// --- Parameters ----------------------------------------------------------------

const KEYSTROKES_PER_SECOND = 2;
const LATENCY_EDITORS = [2, 10, 50];
/** After 50: more editors until p99 passes the threshold, or the cap. */
const STEP_UP_EDITORS = [75, 100, 150];
const P99_THRESHOLD_MS = 50;
/** Editors' processes: the clients need most of a core at 50 editors, so they must not share one event loop. */
const CLIENT_PROCESSES = Number(process.env.BENCH_COLLAB_CLIENT_PROCESSES ?? 2);
/** The validity gate: a window whose clients lagged more than this, or ran on a machine loaded past cores - 1, proves nothing. */
const CLIENT_LAG_LIMIT_MS = 5;
const LOAD_LIMIT = Math.max(1, os.cpus().length - 1);
const WARMUP_SECONDS = 2;
/** Measured seconds per server and load (BENCH_COLLAB_SECONDS); longer for two editors, which produce few samples. */
const measureSeconds = (editors: number) => Number(process.env.BENCH_COLLAB_SECONDS ?? 10) * (editors <= 2 ? 1.6 : 1);

/** Scenario 4: documents of three typing editors each on one process, stepped up until the server's fan-out p99 passes P99_THRESHOLD_MS. */
const ROOM_STEPS = (process.env.BENCH_COLLAB_ROOMS ?? '100,250,500,750').split(',').map(Number);
const ROOM_EDITORS = 3;
/**
 * Opening hundreds of documents at once (every load, every first sync) keeps the server busy for
 * seconds, and appends queue behind it: measured from 2 s in, the first window reads that backlog
 * (p50 90 ms at 100 rooms) rather than steady typing (p50 3.5 ms). Opening is scenario 2's subject.
 */
const ROOM_WARMUP_SECONDS = (rooms: number) => WARMUP_SECONDS + Math.ceil(rooms / 50);
/** After the warm-up, a window starts once one second of the server's event loop has a lag p99 under this (or after ROOM_SETTLE_MAX_SECONDS). */
const SETTLED_LAG_MS = 20;
const ROOM_SETTLE_MAX_SECONDS = 30;

/**
 * Waits, a second at a time, until this process's event loop keeps up again
 * (lag p99 under SETTLED_LAG_MS): the first sync of hundreds of editors sends
 * each the whole document, and that storm is not what the window measures.
 * Returns the seconds waited, or null when the loop never settled.
 */
async function settle(): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < ROOM_SETTLE_MAX_SECONDS * 1000) {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    await sleep(1000);
    loop.disable();
    if (loop.percentile(99) / 1e6 - 1 < SETTLED_LAG_MS) return (performance.now() - started) / 1000;
  }
  return null;
}

const MEMORY_DOCUMENTS = 20;
const MEMORY_EDITORS_PER_DOCUMENT = 3;

/** The server's default (COLLAB_COMPACT_EVERY). */
const COMPACT_EVERY = 500;
const HISTORY_SMALL = 1_000;
const HISTORY_LARGE = 100_000;
const TAIL = COMPACT_EVERY - 1;

/** BENCH_COLLAB_ONLY=latency,rooms,memory,load runs only those scenarios (all by default). */
const ONLY = new Set((process.env.BENCH_COLLAB_ONLY ?? 'latency,rooms,memory,load').split(',').map((s) => s.trim()));

const STRATEGY_MARKDOWN = new URL('../db/seeds/content/strategy-working-draft.md', import.meta.url);

// --- Shared helpers -------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const gc = (globalThis as { gc?: () => void }).gc;

async function collectGarbage(): Promise<void> {
  if (!gc) return;
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(50);
  }
}

async function waitUntilUnloaded(hocuspocus: Hocuspocus): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) await sleep(25);
  if (hocuspocus.getDocumentsCount() > 0) throw new Error('documents were not unloaded after the editors left');
}

/** What a scenario needs to know about the server under test. */
interface Target {
  label: string;
  url: string;
  hocuspocus: Hocuspocus;
  /** Server-side timing on this server's sockets. */
  probe: FanoutProbe;
  /** Session cookies to spread over the editors, or null for the bare server (no auth). */
  cookies: string[] | null;
  /** The bare server has no storage: editors bring the document content with them. */
  prefill?: Uint8Array;
  newDocument(): Promise<string>;
}

function editorsFor(target: Target, count: number): DocumentSpec['editors'] {
  return Array.from({ length: count }, (_, i) => ({ cookie: target.cookies ? target.cookies[i % target.cookies.length] : null }));
}

async function startBareServer(prefill: Uint8Array): Promise<{ target: Target; close(): Promise<void> }> {
  const server = new Server({ quiet: true, stopOnSignals: false, address: '127.0.0.1', port: 0 });
  await server.listen();
  let counter = 0;
  return {
    target: {
      label: 'bare Hocuspocus',
      url: `ws://127.0.0.1:${server.address.port}`,
      hocuspocus: server.hocuspocus,
      probe: new FanoutProbe(server.hocuspocus),
      cookies: null,
      prefill,
      newDocument: async () => `bench-${++counter}`,
    },
    close: () => server.destroy(),
  };
}

function portalTarget(bench: BenchPortal, dialect: Dialect): Target {
  let counter = 0;
  return {
    label: `portal (${dialect})`,
    url: bench.collabUrl,
    hocuspocus: bench.hocuspocus,
    probe: new FanoutProbe(bench.hocuspocus),
    cookies: bench.cookies,
    newDocument: () => bench.copyStrategy(`Strategy draft, benchmark copy ${++counter}`),
  };
}

// --- Scenario 1: latency ----------------------------------------------------------

/** One measured window of one server at one load. */
interface Window extends LoadReport {
  /** The machine's 1-minute load average when the window closed: other work competes for the 2 cores. */
  loadAverage: number;
  /** This process's CPU (the server) over the window, as a share of one core. */
  serverCpu: number;
  serverLoopDelayP99: number;
  fanout: number[];
  ack: number[];
  /** Updates that reached the server in the window. */
  updates: number;
  /** Server CPU ms (the probe's own time taken out) per update received. */
  cpuPerKeystrokeMs: number;
  /** Why the end-to-end numbers of this window cannot be claimed, or null. */
  rejected: string | null;
}

interface LatencyResult {
  editors: number;
  latency: Distribution;
  fanout: Distribution;
  ack: Distribution;
  cpuPerKeystrokeMs: number;
  /** Rejected windows (the validity gate), of all measured. */
  rejected: string[];
  windows: number;
  missing: number;
  serverCpu: number;
  serverLoopDelayP99: number;
  clientCpu: number;
  clientLoopDelayP99: number;
  loadAverage: number;
}

/** One window of `rooms` documents with `editors` editors each (one document unless said). */
interface WindowOptions {
  rooms?: number;
  warmupSeconds?: number;
  /** Wait for the server's loop to settle after the warm-up (scenario 4). */
  settle?: boolean;
}

async function latencyWindow(load: LoadClient, target: Target, editors: number, seconds: number, { rooms = 1, warmupSeconds = WARMUP_SECONDS, settle: settleFirst = false }: WindowOptions = {}): Promise<Window> {
  const names: string[] = [];
  for (let i = 0; i < rooms; i++) names.push(await target.newDocument());
  await load.open(
    target.url,
    names.map((name) => ({ name, editors: editorsFor(target, editors) })),
    target.prefill,
  );
  try {
    await load.type(KEYSTROKES_PER_SECOND);
    await sleep(warmupSeconds * 1000);
    const settledAfter = settleFirst ? await settle() : 0;
    if (settleFirst) log(`    ${target.label}, ${rooms} rooms: ${settledAfter === null ? `the server's loop did not settle within ${ROOM_SETTLE_MAX_SECONDS} s; measuring anyway` : `loop settled ${fmt(settledAfter, 0)} s after the warm-up`}`);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await load.measure();
    target.probe.start();
    await sleep(seconds * 1000);
    const server = target.probe.stop();
    const cpu = process.cpuUsage(cpuStart);
    const elapsed = (performance.now() - started) / 1000;
    loop.disable();
    const report = await load.report();
    const loadAverage = os.loadavg()[0];
    const cpuMs = (cpu.user + cpu.system) / 1000 - server.probeMs;
    const reasons: string[] = [];
    if (report.clientLoopDelayP99 > CLIENT_LAG_LIMIT_MS) reasons.push(`client lag p99 ${fmt(report.clientLoopDelayP99, 1)} ms > ${CLIENT_LAG_LIMIT_MS} ms`);
    if (loadAverage > LOAD_LIMIT) reasons.push(`load average ${fmt(loadAverage, 1)} > ${LOAD_LIMIT}`);
    return {
      ...report,
      loadAverage,
      serverCpu: cpuMs / 1000 / elapsed,
      // A sample is the whole interval: the 1 ms resolution is taken off to get the lag.
      serverLoopDelayP99: Math.max(0, loop.percentile(99) / 1e6 - 1),
      fanout: server.fanout,
      ack: server.ack,
      updates: server.updates,
      cpuPerKeystrokeMs: server.updates > 0 ? cpuMs / server.updates : Number.NaN,
      rejected: reasons.length > 0 ? reasons.join(', ') : null,
    };
  } finally {
    await load.close();
    await waitUntilUnloaded(target.hocuspocus);
  }
}

function combine(editors: number, windows: Window[]): LatencyResult {
  const seconds = windows.reduce((sum, w) => sum + w.seconds, 0);
  const weighted = (pick: (w: Window) => number) => windows.reduce((sum, w) => sum + pick(w) * w.seconds, 0) / seconds;
  const samples = new Float64Array(windows.reduce((sum, w) => sum + w.latencies.length, 0));
  let offset = 0;
  for (const w of windows) {
    samples.set(w.latencies, offset);
    offset += w.latencies.length;
  }
  const updates = windows.reduce((sum, w) => sum + w.updates, 0);
  return {
    editors,
    latency: distribution(samples),
    fanout: distribution(windows.flatMap((w) => w.fanout)),
    ack: distribution(windows.flatMap((w) => w.ack)),
    cpuPerKeystrokeMs: updates > 0 ? windows.reduce((sum, w) => sum + w.cpuPerKeystrokeMs * w.updates, 0) / updates : Number.NaN,
    rejected: windows.flatMap((w) => (w.rejected ? [w.rejected] : [])),
    windows: windows.length,
    missing: windows.reduce((sum, w) => sum + w.missing, 0),
    serverCpu: weighted((w) => w.serverCpu),
    serverLoopDelayP99: Math.max(...windows.map((w) => w.serverLoopDelayP99)),
    clientCpu: weighted((w) => w.clientCpu),
    clientLoopDelayP99: Math.max(...windows.map((w) => w.clientLoopDelayP99)),
    loadAverage: Math.max(...windows.map((w) => w.loadAverage)),
  };
}

/**
 * The baseline and the portal at the same load, in the order bare, portal, portal, bare (half the
 * measuring time each), so that drift in the machine's load falls on both alike.
 */
async function latencyPair(load: LoadClient, bare: Target, portal: Target, editors: number): Promise<{ bare: LatencyResult; portal: LatencyResult }> {
  const half = measureSeconds(editors) / 2;
  const b1 = await latencyWindow(load, bare, editors, half);
  const p1 = await latencyWindow(load, portal, editors, half);
  const p2 = await latencyWindow(load, portal, editors, half);
  const b2 = await latencyWindow(load, bare, editors, half);
  const pair = { bare: combine(editors, [b1, b2]), portal: combine(editors, [p1, p2]) };
  log(
    `  ${editors} editors: server fan-out p99 bare ${fmt(pair.bare.fanout.p99)} ms, portal ${fmt(pair.portal.fanout.p99)} ms; ` +
      `end-to-end p99 bare ${fmt(pair.bare.latency.p99)} ms, portal ${fmt(pair.portal.latency.p99)} ms` +
      (pair.bare.rejected.length + pair.portal.rejected.length > 0 ? ` (rejected windows: ${[...pair.bare.rejected, ...pair.portal.rejected].join('; ')})` : ''),
  );
  return pair;
}

const validity = (r: LatencyResult) => (r.rejected.length === 0 ? 'valid' : `rejected ${r.rejected.length}/${r.windows}`);

function serverRows(pairs: { bare: LatencyResult; portal: LatencyResult }[]): string[][] {
  const header = ['Editors', 'Server', 'Updates', 'Fan-out p50', 'p95', 'p99', 'max', 'p99 ratio', 'Ack p50', 'Ack p99', 'CPU/keystroke', 'CPU ratio', 'Server CPU', 'Server lag p99'];
  const row = (label: string, r: LatencyResult, bare?: LatencyResult) => [
    String(r.editors),
    label,
    String(r.fanout.count),
    fmt(r.fanout.p50, 3),
    fmt(r.fanout.p95, 3),
    fmt(r.fanout.p99, 3),
    fmt(r.fanout.max, 2),
    bare ? fmtRatio(ratio(r.fanout.p99, bare.fanout.p99)) : '',
    fmt(r.ack.p50, 3),
    fmt(r.ack.p99, 3),
    `${fmt(r.cpuPerKeystrokeMs, 3)} ms`,
    bare ? fmtRatio(ratio(r.cpuPerKeystrokeMs, bare.cpuPerKeystrokeMs)) : '',
    `${Math.round(r.serverCpu * 100)}%`,
    `${fmt(r.serverLoopDelayP99, 1)} ms`,
  ];
  return [header, ...pairs.flatMap(({ bare, portal }) => [row('bare', bare), row('portal', portal, bare)])];
}

function latencyRows(pairs: { bare: LatencyResult; portal: LatencyResult }[]): string[][] {
  const header = ['Editors', 'Server', 'Samples', 'Median ms', 'p95 ms', 'p99 ms', 'Max ms', 'p99 ratio', 'Lost', 'Client CPU', 'Client lag p99', 'Load avg', 'Gate'];
  const row = (label: string, r: LatencyResult, bare?: LatencyResult) => [
    String(r.editors),
    label,
    String(r.latency.count),
    fmt(r.latency.p50),
    fmt(r.latency.p95),
    fmt(r.latency.p99),
    fmt(r.latency.max),
    bare ? fmtRatio(ratio(r.latency.p99, bare.latency.p99)) : '',
    String(r.missing),
    `${Math.round(r.clientCpu * 100)}%`,
    `${fmt(r.clientLoopDelayP99, 1)} ms`,
    fmt(r.loadAverage, 1),
    validity(r),
  ];
  return [header, ...pairs.flatMap(({ bare, portal }) => [row('bare', bare), row('portal', portal, bare)])];
}

async function latencyScenario(load: LoadClient, bare: Target, portal: Target): Promise<void> {
  log(`\n== Scenario 1: keystroke latency, ${portal.label} vs ${bare.label} ==`);
  log(`Each editor types ${KEYSTROKES_PER_SECOND} single characters/s into a Y.Text and moves its cursor (awareness) with each; ${WARMUP_SECONDS} s warm-up, then ${measureSeconds(10)} s measured per server (${measureSeconds(2)} s for 2 editors), in two halves: bare, portal, portal, bare.`);
  log(`Editors run in ${load.processCount} processes. Server side: arrival of an update on the socket -> its last send to the other editors (fan-out), and -> the acknowledgement to its author, with the same probe on both servers.`);
  log(`Validity gate for end-to-end numbers: a window is rejected when the editors' event-loop lag p99 passes ${CLIENT_LAG_LIMIT_MS} ms or the load average passes ${LOAD_LIMIT} (cores - 1).`);
  const pairs: { bare: LatencyResult; portal: LatencyResult }[] = [];
  for (const editors of LATENCY_EDITORS) pairs.push(await latencyPair(load, bare, portal, editors));
  printTable(`Server side: update arrival to last send to the other editors (ms), ${portal.label}`, serverRows(pairs));
  printTable(`End to end: one editor's keystroke to its arrival at each other editor (ms), ${portal.label}`, latencyRows(pairs));

  const at50 = pairs.find((p) => p.bare.editors === 50);
  if (at50) {
    const fanout = ratio(at50.portal.fanout.p99, at50.bare.fanout.p99);
    checkTarget({ name: `${portal.label}: server fan-out p99, 50 editors, portal / bare`, value: `${fmtRatio(fanout)} (${fmt(at50.portal.fanout.p99)} / ${fmt(at50.bare.fanout.p99)} ms)`, limit: '<= 1.30x', pass: fanout <= 1.3 });
    const cpu = ratio(at50.portal.cpuPerKeystrokeMs, at50.bare.cpuPerKeystrokeMs);
    checkTarget({ name: `${portal.label}: server CPU per keystroke, 50 editors, portal / bare`, value: `${fmtRatio(cpu)} (${fmt(at50.portal.cpuPerKeystrokeMs, 3)} / ${fmt(at50.bare.cpuPerKeystrokeMs, 3)} ms)`, limit: '<= 1.20x', pass: cpu <= 1.2 });
    const claimable = at50.portal.rejected.length === 0;
    checkTarget({
      name: `${portal.label}: end-to-end p99, 50 editors${claimable ? '' : ` (window rejected: ${at50.portal.rejected[0]})`}`,
      value: `${fmt(at50.portal.latency.p99)} ms`,
      limit: '< 15 ms, in a window that passes the gate',
      pass: claimable ? at50.portal.latency.p99 < 15 : null,
    });
  }

  // Where does the server-side fan-out p99 pass the threshold? Step up until it does (or the cap).
  const steps: { bare: LatencyResult; portal: LatencyResult }[] = [];
  let passedAt: number | null = null;
  let bareFirstPassedAt: number | null = null;
  if (at50 && at50.portal.fanout.p99 > P99_THRESHOLD_MS) passedAt = 50;
  if (at50 && at50.bare.fanout.p99 > P99_THRESHOLD_MS) bareFirstPassedAt = 50;
  let lastBelow = at50 && passedAt === null ? 50 : 0;
  for (const editors of STEP_UP_EDITORS) {
    if (passedAt !== null) break;
    const step = await latencyPair(load, bare, portal, editors);
    steps.push(step);
    if (step.portal.fanout.p99 > P99_THRESHOLD_MS) passedAt = editors;
    else lastBelow = editors;
    if (bareFirstPassedAt === null && step.bare.fanout.p99 > P99_THRESHOLD_MS) bareFirstPassedAt = editors;
  }
  if (steps.length > 0) {
    printTable(`Stepping up the editors, server side, ${portal.label}`, serverRows(steps));
    printTable(`Stepping up the editors, end to end, ${portal.label}`, latencyRows(steps));
  }
  const cap = STEP_UP_EDITORS[STEP_UP_EDITORS.length - 1];
  const describe = (n: number | null) => (n === null ? `not reached up to ${cap}` : n === 50 ? 'already at 50' : `${n} editors`);
  log(`Server fan-out p99 passes ${P99_THRESHOLD_MS} ms at: portal ${describe(passedAt)}; bare Hocuspocus ${describe(bareFirstPassedAt)} (within the steps measured).`);
  checkTarget({ name: `${portal.label}: editors on one document with server fan-out p99 under ${P99_THRESHOLD_MS} ms`, value: passedAt === null ? `>= ${cap}` : `${lastBelow} (passes at ${passedAt})`, limit: '>= 150', pass: passedAt === null });
}

// --- Scenario 4: many rooms -------------------------------------------------------

/**
 * Many small documents on one process, the shape of a working group's busy
 * afternoon: each room has three editors typing with cursors. One window per
 * server and step (bare, then portal), stepped up until the portal's
 * server-side fan-out p99 passes the threshold. Server-side timing is the
 * claim; the end-to-end columns carry the validity gate as in scenario 1.
 */
async function roomsScenario(load: LoadClient, bare: Target, portal: Target): Promise<void> {
  log(`\n== Scenario 4: rooms of ${ROOM_EDITORS} editors on one process, ${portal.label} vs ${bare.label} ==`);
  log(`Steps: ${ROOM_STEPS.join(', ')} rooms, ${KEYSTROKES_PER_SECOND} keystrokes/s per editor with cursors, a warm-up of ${WARMUP_SECONDS} s + 1 s per 50 rooms, then until the server's loop lag p99 is under ${SETTLED_LAG_MS} ms for a second (at most ${ROOM_SETTLE_MAX_SECONDS} s), then ${measureSeconds(10)} s measured per server; stops at the first step whose portal fan-out p99 passes ${P99_THRESHOLD_MS} ms.`);
  const pairs: { bare: LatencyResult; portal: LatencyResult }[] = [];
  let lastBelow = 0;
  let passedAt: number | null = null;
  for (const rooms of ROOM_STEPS) {
    const seconds = measureSeconds(10);
    const warmup = ROOM_WARMUP_SECONDS(rooms);
    const b = combine(rooms, [await latencyWindow(load, bare, ROOM_EDITORS, seconds, { rooms, warmupSeconds: warmup, settle: true })]);
    const p = combine(rooms, [await latencyWindow(load, portal, ROOM_EDITORS, seconds, { rooms, warmupSeconds: warmup, settle: true })]);
    pairs.push({ bare: b, portal: p });
    log(`  ${rooms} rooms: server fan-out p99 bare ${fmt(b.fanout.p99)} ms, portal ${fmt(p.fanout.p99)} ms; server CPU bare ${Math.round(b.serverCpu * 100)}%, portal ${Math.round(p.serverCpu * 100)}%; client lag p99 ${fmt(p.clientLoopDelayP99, 1)} ms`);
    if (p.fanout.p99 > P99_THRESHOLD_MS) {
      passedAt = rooms;
      break;
    }
    lastBelow = rooms;
  }
  // The first column is the number of rooms here, not of editors.
  printTable(`Rooms (first column) of ${ROOM_EDITORS} editors, server side (ms), ${portal.label}`, serverRows(pairs));
  printTable(`Rooms (first column) of ${ROOM_EDITORS} editors, end to end (ms), ${portal.label}`, latencyRows(pairs));
  const cap = ROOM_STEPS[ROOM_STEPS.length - 1];
  checkTarget({
    name: `${portal.label}: rooms of ${ROOM_EDITORS} typing editors with server fan-out p99 under ${P99_THRESHOLD_MS} ms`,
    value: passedAt === null ? `>= ${cap}` : `${lastBelow} (passes at ${passedAt})`,
    limit: '>= 500',
    pass: passedAt === null ? cap >= 500 : lastBelow >= 500,
  });
}

// --- Scenario 3: memory -------------------------------------------------------------

interface MemoryResult {
  heapPerDocument: number;
  externalPerDocument: number;
  rssPerDocument: number;
}

async function memoryRun(load: LoadClient, target: Target): Promise<MemoryResult> {
  const names: string[] = [];
  for (let i = 0; i < MEMORY_DOCUMENTS; i++) names.push(await target.newDocument());
  await collectGarbage();
  const before = process.memoryUsage();
  await load.open(
    target.url,
    names.map((name) => ({ name, editors: editorsFor(target, MEMORY_EDITORS_PER_DOCUMENT) })),
    target.prefill,
  );
  try {
    // Everyone types a little and shows a cursor, then pauses: documents open, idle, with presence.
    await load.type(KEYSTROKES_PER_SECOND);
    await sleep(3_000);
    await load.stopTyping();
    await sleep(1_000);
    await collectGarbage();
    const after = process.memoryUsage();
    if (target.hocuspocus.getDocumentsCount() !== MEMORY_DOCUMENTS) throw new Error(`expected ${MEMORY_DOCUMENTS} open documents, found ${target.hocuspocus.getDocumentsCount()}`);
    return {
      heapPerDocument: (after.heapUsed - before.heapUsed) / MEMORY_DOCUMENTS,
      externalPerDocument: (after.external - before.external) / MEMORY_DOCUMENTS,
      rssPerDocument: (after.rss - before.rss) / MEMORY_DOCUMENTS,
    };
  } finally {
    await load.close();
    await waitUntilUnloaded(target.hocuspocus);
  }
}

async function memoryScenario(load: LoadClient, bare: Target, portal: Target): Promise<void> {
  log(`\n== Scenario 3: server memory per open document (${MEMORY_DOCUMENTS} documents x ${MEMORY_EDITORS_PER_DOCUMENT} editors), ${portal.label} ==`);
  if (!gc) log('WARNING: global.gc is not available (run with --expose-gc, as `npm run bench` does); memory numbers are noisy.');
  const bareResult = await memoryRun(load, bare);
  const portalResult = await memoryRun(load, portal);
  const retained = (r: MemoryResult) => r.heapPerDocument + r.externalPerDocument;
  printTable(`Memory per open three-editor document (delta after GC / ${MEMORY_DOCUMENTS}), ${portal.label}`, [
    ['Server', 'JS heap', 'External (buffers)', 'Heap + external', 'RSS', 'Ratio (heap + external)'],
    ...[
      ['bare', bareResult, ''] as const,
      ['portal', portalResult, fmtRatio(ratio(retained(portalResult), retained(bareResult)))] as const,
    ].map(([label, r, rel]) => [label, mib(r.heapPerDocument), mib(r.externalPerDocument), mib(retained(r)), mib(r.rssPerDocument), rel]),
  ]);
  const value = retained(portalResult);
  checkTarget({ name: `${portal.label}: memory per open three-editor document`, value: mib(value), limit: '< 2 MiB', pass: value < 2 * 1024 * 1024 });
}

// --- Scenario 2: time to open a document -------------------------------------------

/**
 * typing: single-character inserts only (the scenario's history; the text grows by one character per update).
 * churn: the same keystrokes, but every run of 40 characters is deleted again with 40 backspaces, so the
 * text stays as short as it was: history grows, content does not (informative, no target).
 */
type Pattern = 'typing' | 'churn';

interface History {
  updates: Uint8Array[];
  /** Y.encodeStateAsUpdate of the generating document after that many updates. */
  fullState: Map<number, Uint8Array>;
  text: Map<number, string>;
  ms: number;
}

/** One Y.Doc making `count` single-character edits, every update captured through doc.on('update'). */
function generateHistory(initial: Uint8Array, count: number, checkpoints: number[], pattern: Pattern): History {
  const started = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  const text = doc.getText('bench');
  const updates: Uint8Array[] = [];
  const fullState = new Map<number, Uint8Array>();
  const content = new Map<number, string>();
  doc.on('update', (update: Uint8Array) => updates.push(update));
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    if (pattern === 'typing') {
      // Runs of 40 characters at a cursor that then jumps elsewhere.
      if (i % 40 === 0) cursor = Math.floor(Math.random() * (text.length + 1));
      text.insert(cursor, String.fromCharCode(97 + (i % 26)));
      cursor++;
    } else if (i % 80 < 40) {
      if (i % 80 === 0) cursor = Math.floor(Math.random() * (text.length + 1));
      text.insert(cursor, String.fromCharCode(97 + (i % 26)));
      cursor++;
    } else {
      text.delete(cursor - 1, 1);
      cursor--;
    }
    if (checkpoints.includes(i + 1)) {
      fullState.set(i + 1, Y.encodeStateAsUpdate(doc));
      content.set(i + 1, text.toString());
    }
  }
  doc.destroy();
  return { updates, fullState, text: content, ms: performance.now() - started };
}

interface LoadResult {
  pattern: Pattern;
  label: string;
  tail: number;
  serverMs: number;
  bareMs: number;
  snapshotBytes: number;
  tailBytes: number;
  fullBytes: number;
}

interface HistoryRun {
  results: LoadResult[];
  compactions: number[];
  /** Compaction from the live document, as the server does it when the document goes idle (ms, encode + write). */
  liveCompactions: number[];
  storeMs: number;
  generateMs: number;
}

type NewDocument = (title: string, state: Uint8Array) => Promise<string>;

/**
 * Builds one document's history through the real persistence path (appendDocumentUpdate,
 * compactDocument every COMPACT_EVERY updates, as the server does) and measures opening it
 * at four points: 1,000 and 100,000 updates just after a compaction, and each with a full tail.
 */
async function runHistory(db: Db, newDocument: NewDocument, initial: Uint8Array, pattern: Pattern): Promise<HistoryRun> {
  const documentId = await newDocument(`History (${pattern})`, initial);
  const checkpoints = [HISTORY_SMALL, HISTORY_SMALL + TAIL, HISTORY_LARGE, HISTORY_LARGE + TAIL];
  const history = generateHistory(initial, HISTORY_LARGE + TAIL, checkpoints, pattern);

  let stored = 0;
  let sinceCompaction = 0;
  const compactions: number[] = [];
  let storeMs = 0;
  const storeUntil = async (total: number) => {
    while (stored < total) {
      // One transaction per batch, up to the next compaction.
      const end = Math.min(total, stored + (COMPACT_EVERY - sinceCompaction));
      const t0 = performance.now();
      await db.transaction().execute(async (trx) => {
        for (let i = stored; i < end; i++) await appendDocumentUpdate(trx, documentId, history.updates[i]);
      });
      storeMs += performance.now() - t0;
      sinceCompaction += end - stored;
      stored = end;
      if (sinceCompaction >= COMPACT_EVERY) {
        const t1 = performance.now();
        await compactDocument(db, documentId);
        compactions.push(performance.now() - t1);
        sinceCompaction = 0;
      }
    }
  };

  // The server's own load hook, unchanged.
  const persistence = persistenceExtension({ db, logger: createLogger('silent'), compactEvery: COMPACT_EVERY });
  const serverOpen = async () => {
    const document = new Y.Doc();
    const t0 = performance.now();
    await persistence.onLoadDocument!({ documentName: documentId, document } as unknown as onLoadDocumentPayload);
    return { ms: performance.now() - t0, document };
  };
  const bareOpen = async (baselineId: string) => {
    const document = new Y.Doc();
    const t0 = performance.now();
    const row = await db.selectFrom('documentSnapshot').select('state').where('documentId', '=', baselineId).executeTakeFirstOrThrow();
    Y.applyUpdate(document, new Uint8Array(row.state));
    return { ms: performance.now() - t0, document };
  };

  const results: LoadResult[] = [];
  const measure = async (label: string, total: number, repetitions: number) => {
    const full = history.fullState.get(total)!;
    // The baseline: another document whose snapshot row is the full state as one blob.
    const baselineId = await newDocument(`Baseline ${pattern} ${total}`, full);
    const state = await loadDocumentState(db, documentId);
    // Correctness first: what the server loads is what was typed.
    const check = await serverOpen();
    if (check.document.getText('bench').toString() !== history.text.get(total)) throw new Error(`loaded content differs from the typed content after ${total} updates (${pattern})`);
    check.document.destroy();
    const serverTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < repetitions + 3; i++) {
      // Alternate, so that drift and GC pressure fall on both alike; the first 3 rounds warm up.
      gc?.();
      const server = await serverOpen();
      server.document.destroy();
      gc?.();
      const bare = await bareOpen(baselineId);
      bare.document.destroy();
      if (i >= 3) {
        serverTimes.push(server.ms);
        bareTimes.push(bare.ms);
      }
    }
    results.push({
      pattern,
      label,
      tail: state.updates.length,
      serverMs: median(serverTimes),
      bareMs: median(bareTimes),
      snapshotBytes: state.snapshot?.byteLength ?? 0,
      tailBytes: state.updates.reduce((sum, u) => sum + u.byteLength, 0),
      fullBytes: full.byteLength,
    });
  };

  // What the server now does when a document goes idle: the live document's state becomes the snapshot.
  const liveCompactions: number[] = [];
  const compactLive = async () => {
    const { document } = await serverOpen();
    const { ids } = await loadDocumentState(db, documentId);
    const t0 = performance.now();
    const replaced = await replaceDocumentSnapshot(db, documentId, Y.encodeStateAsUpdate(document), Y.encodeStateVector(document), ids);
    liveCompactions.push(performance.now() - t0);
    document.destroy();
    if (!replaced) throw new Error('compaction from the live document was refused');
  };

  await storeUntil(HISTORY_SMALL);
  await measure('1,000, just compacted', HISTORY_SMALL, 30);
  await storeUntil(HISTORY_SMALL + TAIL);
  await measure(`1,000 + ${TAIL} in the tail`, HISTORY_SMALL + TAIL, 30);
  await compactLive();
  await measure(`1,000 + ${TAIL}, after idle`, HISTORY_SMALL + TAIL, 30);
  await storeUntil(HISTORY_LARGE);
  await measure('100,000, just compacted', HISTORY_LARGE, 10);
  await storeUntil(HISTORY_LARGE + TAIL);
  await measure(`100,000 + ${TAIL} in the tail`, HISTORY_LARGE + TAIL, 10);
  await compactLive();
  await measure(`100,000 + ${TAIL}, after idle`, HISTORY_LARGE + TAIL, 10);
  return { results, compactions, liveCompactions, storeMs, generateMs: history.ms };
}

async function loadTimeScenario(dialect: Dialect): Promise<void> {
  log(`\n== Scenario 2: time to open a document after many updates (${dialect}) ==`);
  const database = await createTestDatabase(dialect);
  const { db } = database;
  try {
    const institution = await makeInstitution(db);
    const person = await makePerson(db, { institutionId: institution.id, role: 'secretariat' });
    const initial = stateFromMarkdown(fs.readFileSync(STRATEGY_MARKDOWN, 'utf8'));
    const fields = { type: 'strategy' as const, language: 'en' as const, summary: '', ownerInstitutionId: institution.id, tlp: 'GREEN' as const };
    const newDocument: NewDocument = async (title, state) =>
      (await createDocument(db, person.id, { ...fields, title }, { institutions: [], people: [] }, state)).id;

    const runs: HistoryRun[] = [];
    for (const pattern of ['typing', 'churn'] as const) {
      const run = await runHistory(db, newDocument, initial, pattern);
      runs.push(run);
      const last = run.compactions.slice(-20);
      log(
        `${pattern}: generated ${(HISTORY_LARGE + TAIL).toLocaleString('en')} updates in ${fmt(run.generateMs / 1000, 1)} s; ` +
          `stored them in ${fmt(run.storeMs / 1000, 1)} s plus ${run.compactions.length} compactions ` +
          `(the merge blocks the event loop, and on SQLite the queries too: median ${fmt(median(run.compactions), 0)} ms, ${fmt(median(last), 0)} ms over the last 20, max ${fmt(Math.max(...run.compactions), 0)} ms).`,
      );
    }

    printTable(`Time to open a document (median ms), ${dialect}`, [
      ['History', 'Updates', 'Tail rows', 'Snapshot', 'Tail', 'Full state', 'Server load', 'Bare blob', 'Ratio'],
      ...runs.flatMap((run) =>
        run.results.map((r) => [
          r.pattern,
          r.label,
          String(r.tail),
          `${fmt(r.snapshotBytes / 1024, 1)} KiB`,
          `${fmt(r.tailBytes / 1024, 1)} KiB`,
          `${fmt(r.fullBytes / 1024, 1)} KiB`,
          fmt(r.serverMs),
          fmt(r.bareMs),
          fmtRatio(ratio(r.serverMs, r.bareMs)),
        ]),
      ),
    ]);
    log('Server load = loadDocumentState + Y.applyUpdate of snapshot and tail (the persistence hook); bare blob = SELECT of one row holding Y.encodeStateAsUpdate of the same document + Y.applyUpdate.');

    const [small, smallTail, smallIdle, large, largeTail, largeIdle] = runs[0].results;
    for (const r of [smallIdle, largeIdle]) {
      const value = ratio(r.serverMs, r.bareMs);
      checkTarget({ name: `${dialect}: open after ${r.label} (idle compaction) vs bare blob`, value: fmtRatio(value), limit: '<= 1.20x', pass: value <= 1.2 });
    }
    const liveWorst = Math.max(...runs.flatMap((run) => run.liveCompactions));
    log(`Compaction from the live document (encode + write; on SQLite the write blocks the loop): ${runs.map((run) => `${run.results[0].pattern} ${run.liveCompactions.map((ms) => `${fmt(ms, 1)} ms`).join(', ')}`).join('; ')} (at 1,499 and 100,499 updates).`);
    checkTarget({ name: `${dialect}: longest compaction from the live document`, value: `${fmt(liveWorst, 1)} ms`, limit: '<= 5 ms', pass: liveWorst <= 5 });
    for (const r of [large, largeTail]) {
      const value = ratio(r.serverMs, r.bareMs);
      checkTarget({ name: `${dialect}: open after ${r.label} vs bare blob`, value: fmtRatio(value), limit: '<= 1.50x', pass: value <= 1.5 });
    }
    // Issue 14: "open after 100k ≈ after 1k" is a fair target only for a history whose text does not grow
    // (churn): typed text holds 100 times the characters, and even the bare blob takes that much longer.
    const [churnSmall, churnSmallTail, , churnLarge, churnLargeTail] = runs[1].results;
    for (const [big, little] of [
      [churnLarge, churnSmall],
      [churnLargeTail, churnSmallTail],
    ] as const) {
      const value = ratio(big.serverMs, little.serverMs);
      checkTarget({ name: `${dialect}: churned document, open after ${big.label} vs after ${little.label}`, value: fmtRatio(value), limit: '<= 1.50x', pass: value <= 1.5 });
    }
    log(
      `Informative: typed text (100 times the characters), opening after ${large.label} takes ${fmtRatio(ratio(large.serverMs, small.serverMs))} the time after ${small.label} ` +
        `(bare blob: ${fmtRatio(ratio(large.bareMs, small.bareMs))}); with ${TAIL} in the tail, ${fmtRatio(ratio(largeTail.serverMs, smallTail.serverMs))}.`,
    );
  } finally {
    await database.cleanup();
  }
}

// --- Main --------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpus = os.cpus();
  log('Collaboration benchmark');
  log(`Machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${mib(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
  const [load1] = os.loadavg();
  log(`Load average at start: ${fmt(load1, 2)}${load1 > cpus.length / 2 ? ' -- WARNING: the machine is busy; latencies and timings will be inflated and noisy' : ''}`);
  log(`Dialects: ${testDialects().join(', ')} (set TEST_DATABASE_URL for PostgreSQL too). gc exposed: ${gc ? 'yes' : 'no'}.`);
  const started = performance.now();
  const load = new LoadClient(CLIENT_PROCESSES);
  const initial = stateFromMarkdown(fs.readFileSync(STRATEGY_MARKDOWN, 'utf8'));
  const bare = await startBareServer(initial);
  const errors: string[] = [];
  const attempt = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      errors.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      log(`ERROR in ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    for (const dialect of testDialects()) {
      let bench: BenchPortal | null = null;
      if (ONLY.has('latency') || ONLY.has('rooms') || ONLY.has('memory')) {
        await attempt(`start portal (${dialect})`, async () => {
          bench = await startBenchPortal(dialect);
        });
      }
      const portal = bench as BenchPortal | null;
      if (portal) {
        const target = portalTarget(portal, dialect);
        if (ONLY.has('latency')) await attempt(`latency (${dialect})`, () => latencyScenario(load, bare.target, target));
        if (ONLY.has('rooms')) await attempt(`rooms (${dialect})`, () => roomsScenario(load, bare.target, target));
        if (ONLY.has('memory')) await attempt(`memory (${dialect})`, () => memoryScenario(load, bare.target, target));
        await attempt(`stop portal (${dialect})`, () => portal.close());
      }
      if (ONLY.has('load')) await attempt(`load time (${dialect})`, () => loadTimeScenario(dialect));
    }
  } finally {
    await load.exit();
    await bare.close();
  }
  printTargetSummary('Summary of targets');
  log(`\nTotal time: ${fmt((performance.now() - started) / 1000, 0)} s; load average at the end: ${fmt(os.loadavg()[0], 2)}`);
  if (errors.length > 0) {
    log(`\n${errors.length} scenario(s) could not run:\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  // Pools, timers or sockets left by a failed scenario must not keep the benchmark alive.
  .finally(() => process.exit());
