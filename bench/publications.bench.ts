/**
 * Public-site benchmark: how fast the portal serves published editions,
 * against baselines measured in the same run on the same machine.
 *
 *   (a) the latest-edition page  /publications/<slug>
 *   (b) an immutable edition     /publications/<slug>/v/1.0
 *   (c) the same HTML bytes as a static file (express.static, own process)
 *   (d) the same bytes from memory with bare node:http (own process)
 *
 * Each at 50 connections (autocannon), a warm-up first, then
 * BENCH_PUBLICATIONS_SECONDS (default 10) measured; requests/s, p95 and p99.
 * The portal runs as `node server.ts` in its own process on a fresh SQLite
 * database with the demo data, as in production; the load generator runs here.
 *
 * Then the uncached render: one request at a time for the page of a
 * 100,000-character edition, over HTTP (every request renders the page: no
 * page cache), and the server-side heading pass on that HTML alone.
 *
 * Targets (issue 4): (b) >= 0.5x (d); uncached render p99 < 20 ms.
 * Results and method: docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createDatabase } from '../db/client.server.ts';
import { stateFromMarkdown } from '../app/content/render.server.ts';
import { getDocument } from '../app/models/document.server.ts';
import { listInstitutionOptions } from '../app/models/institution.server.ts';
import { listPeople } from '../app/models/person.server.ts';
import { getPublicEdition } from '../app/models/publication.server.ts';
import { withHeadingAnchors } from '../app/content/publication-html.server.ts';
import { createDraft, publishCurrentText } from '../tests/support/publications.ts';
import { SERVER_BUILD_PATH } from '../scripts/build-paths.js';
import { checkTarget, distribution, fmt, fmtRatio, log, printTable, printTargetSummary, ratio, type Distribution } from './support/report.ts';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const SECONDS = Number(process.env.BENCH_PUBLICATIONS_SECONDS ?? 10);
const RENDER_SAMPLES = 300;
const LARGE_CHARACTERS = 100_000;
const GUIDELINES_SLUG = 'guidelines-for-a-strategic-cybersecurity-framework';

interface LoadResult {
  name: string;
  requestsPerSecond: number;
  latency: Distribution;
  bytes: number;
  non2xx: number;
  errors: number;
}

function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

function startByteServer(mode: 'static' | 'memory', file: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/byte-server.ts'), mode, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0];
      if (output.includes('\n')) resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.once('exit', (code) => reject(new Error(`byte server (${mode}) exited with code ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function cannon(url: string, seconds: number, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
    if (onLatency) instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => onLatency(responseTime));
  });
}

async function load(name: string, url: string): Promise<LoadResult> {
  await cannon(url, WARMUP_SECONDS);
  const latencies: number[] = [];
  const result = await cannon(url, SECONDS, (ms) => latencies.push(ms));
  return {
    name,
    requestsPerSecond: result.requests.total / SECONDS,
    latency: distribution(latencies),
    bytes: result.throughput.total / Math.max(1, result.requests.total),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** About `characters` of text in sections, like a long strategy: headings, paragraphs, lists. */
function longMarkdown(characters: number): string {
  const parts: string[] = ['# A long strategy for the benchmark', ''];
  let length = 0;
  for (let section = 1; length < characters; section++) {
    parts.push(`## ${section}. Objective ${section}: resilience of essential services`, '');
    for (let paragraph = 1; paragraph <= 4; paragraph++) {
      const text = `Paragraph ${paragraph} of objective ${section}. The competent institutions, operators of essential services and academia cooperate on incident reporting, exercises and training, with clear roles and timelines agreed in the working group.`;
      parts.push(text, '');
      length += text.length;
    }
    parts.push('- Measure one, with an owner and a deadline', '- Measure two, reported every quarter', '');
    length += 80;
  }
  return parts.join('\n');
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.resolve(SERVER_BUILD_PATH))) throw new Error(`${SERVER_BUILD_PATH} is missing: run npx remix build first.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-bench-pub-'));
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const databaseUrl = `file:${path.join(dir, 'portal.sqlite')}`;
    const portalProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATA_DIR: dir,
        SEED_DEMO: 'true',
        DEMO_PASSWORD: 'benchmark-demo-password',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        // A throwaway secret: production mode requires one, and no session outlives the run.
        BETTER_AUTH_SECRET: crypto.randomBytes(32).toString('base64'),
        PUBLIC_URL: '',
        TRUST_PROXY: '',
        SMTP_URL: '',
      },
    });
    children.push(portalProcess);
    const base = `http://127.0.0.1:${port}`;
    await waitForHealthy(`${base}/healthz`, portalProcess);

    // A 100,000-character document, published next to the demo Guidelines.
    const { db } = createDatabase({ url: databaseUrl, poolSize: 1 });
    let largeSlug: string;
    let largeHtml: string;
    try {
      const people = await listPeople(db, { includeDeactivated: true });
      const secretariat = people.find((p) => p.email === 'secretariat@demo.example')!;
      const owner = (await listInstitutionOptions(db)).find((i) => i.id === secretariat.institutionId)!;
      const draft = await createDraft(db, { actorId: secretariat.id, ownerInstitutionId: owner.id, state: stateFromMarkdown(longMarkdown(LARGE_CHARACTERS)), title: 'Benchmark long strategy' });
      await publishCurrentText(db, { documentId: draft.id, actorId: secretariat.id, bump: 'major', changelog: 'Benchmark edition.' });
      largeSlug = (await getDocument(db, draft.id))!.slug!;
      largeHtml = (await getPublicEdition(db, largeSlug, { major: 1, minor: 0 }))!.html;
    } finally {
      await db.destroy();
    }

    const latestUrl = `${base}/publications/${GUIDELINES_SLUG}`;
    const editionUrl = `${base}/publications/${GUIDELINES_SLUG}/v/1.0`;
    const page = await fetch(editionUrl);
    if (page.status !== 200) throw new Error(`${editionUrl} answered ${page.status}`);
    const file = path.join(dir, 'static', 'edition.html');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, Buffer.from(await page.arrayBuffer()));
    const staticServer = await startByteServer('static', file);
    children.push(staticServer.child);
    const memoryServer = await startByteServer('memory', file);
    children.push(memoryServer.child);

    log(`Portal at ${base} (SQLite, demo data); page of ${fs.statSync(file).size} bytes; ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up; ${os.cpus().length} CPUs.`);
    log(`Load average at the start: ${loadAverage()} (the machine is shared: every number below includes that contention).`);
    const results: LoadResult[] = [];
    results.push(await load('(a) latest-edition page', latestUrl));
    results.push(await load('(b) edition page (immutable)', editionUrl));
    results.push(await load('(c) static file (express.static)', `http://127.0.0.1:${staticServer.port}/edition.html`));
    results.push(await load('(d) node:http from memory', `http://127.0.0.1:${memoryServer.port}/`));
    const [, , staticFile, memory] = results;
    printTable('Throughput at 50 connections', [
      ['Server', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'bytes/resp', 'vs (d)', 'vs (c)', 'non-2xx', 'errors'],
      ...results.map((r) => [
        r.name,
        fmt(r.requestsPerSecond, 0),
        fmt(r.latency.p50, 1),
        fmt(r.latency.p95, 1),
        fmt(r.latency.p99, 1),
        fmt(r.bytes, 0),
        fmtRatio(ratio(r.requestsPerSecond, memory.requestsPerSecond)),
        fmtRatio(ratio(r.requestsPerSecond, staticFile.requestsPerSecond)),
        String(r.non2xx),
        String(r.errors),
      ]),
    ]);

    // Uncached render: one request at a time, each rendered in full by Remix and React
    // (a query string bypasses the rendered-page cache; the page ignores it).
    const largeBase = `${base}/publications/${largeSlug}/v/1.0`;
    for (let i = 0; i < 20; i++) await (await fetch(`${largeBase}?warm=${i}`)).arrayBuffer();
    const times: number[] = [];
    let largeBytes = 0;
    for (let i = 0; i < RENDER_SAMPLES; i++) {
      const largeUrl = `${largeBase}?uncached=${i}`;
      const started = performance.now();
      const response = await fetch(largeUrl);
      largeBytes = (await response.arrayBuffer()).byteLength;
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${largeUrl} answered ${response.status}`);
    }
    const render = distribution(times);
    const anchorTimes: number[] = [];
    for (let i = 0; i < RENDER_SAMPLES; i++) {
      const started = performance.now();
      withHeadingAnchors(largeHtml);
      anchorTimes.push(performance.now() - started);
    }
    const anchors = distribution(anchorTimes);
    printTable(`Uncached render of a ${LARGE_CHARACTERS.toLocaleString('en')}-character edition (${largeHtml.length} bytes of HTML, page ${largeBytes} bytes), ${RENDER_SAMPLES} sequential requests`, [
      ['Measure', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      ['full request (HTTP, Remix, React)', fmt(render.p50), fmt(render.p95), fmt(render.p99), fmt(render.max)],
      ['heading anchors + contents only', fmt(anchors.p50, 3), fmt(anchors.p95, 3), fmt(anchors.p99, 3), fmt(anchors.max, 3)],
    ]);

    const edition = results[1];
    checkTarget({ name: 'edition page vs node:http', value: fmtRatio(ratio(edition.requestsPerSecond, memory.requestsPerSecond)), limit: '>= 0.50x', pass: ratio(edition.requestsPerSecond, memory.requestsPerSecond) >= 0.5 });
    checkTarget({ name: 'uncached render p99 (100k characters)', value: `${fmt(render.p99)} ms`, limit: '< 20 ms', pass: render.p99 < 20 });
    checkTarget({ name: 'no failed requests under load', value: String(results.reduce((n, r) => n + r.non2xx + r.errors, 0)), limit: '0', pass: results.every((r) => r.non2xx === 0 && r.errors === 0) });
    log(`Load average at the end: ${loadAverage()}`);
    printTargetSummary('Publications benchmark targets');
  } finally {
    for (const child of children.reverse()) await stop(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
