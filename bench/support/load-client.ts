import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Command, DocumentSpec, LoadReport, ProcessReport, Reply } from './collab-load.ts';

/** One editors' process (collab-load.ts): each method sends one command and resolves with its reply. */
class LoadProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./collab-load.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Structured clone: samples travel as Float64Arrays.
      serialization: 'advanced',
    });
    this.child.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.data);
      else waiting.reject(new Error(reply.error));
    });
    this.child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`editor process exited (${code})`));
      this.pending.clear();
    });
  }

  send<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.send({ type: 'exit' }).catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

/**
 * The editors, spread over several processes (each document's editors in
 * turn), so that no single client event loop becomes what is measured. The
 * keystrokes typed in one process are joined with their arrivals in all of
 * them, on wall-clock time.
 */
export class LoadClient {
  private readonly processes: LoadProcess[];
  private editorsPerDocument = 0;

  constructor(processes = 2) {
    this.processes = Array.from({ length: processes }, () => new LoadProcess());
  }

  get processCount(): number {
    return this.processes.length;
  }

  private all<T>(command: Command): Promise<T[]> {
    return Promise.all(this.processes.map((p) => p.send<T>(command)));
  }

  /** Connects every editor and resolves once all of them have synced. */
  async open(url: string, documents: DocumentSpec[], prefill?: Uint8Array): Promise<{ ms: number }> {
    const started = performance.now();
    this.editorsPerDocument = Math.max(0, ...documents.map((d) => d.editors.length));
    const encoded = prefill ? Buffer.from(prefill).toString('base64') : undefined;
    const count = this.processes.length;
    let firstIndex = 0;
    await Promise.all(
      this.processes.map((process, i) => {
        const share = documents.map((d) => ({ name: d.name, editors: d.editors.filter((_, j) => j % count === i) })).filter((d) => d.editors.length > 0);
        const start = firstIndex;
        firstIndex += share.reduce((sum, d) => sum + d.editors.length, 0);
        return share.length === 0 ? Promise.resolve() : process.send({ type: 'open', url, documents: share, prefill: encoded, timeoutMs: 60_000, firstIndex: start });
      }),
    );
    return { ms: performance.now() - started };
  }

  async type(updatesPerSecond: number): Promise<void> {
    await this.all({ type: 'type', updatesPerSecond });
  }

  async stopTyping(): Promise<void> {
    await this.all({ type: 'stop-typing' });
  }

  async measure(): Promise<void> {
    await this.all({ type: 'measure' });
  }

  /**
   * Ends the window, waits up to `graceMs` for stragglers, and joins what every
   * process saw. A keystroke that some editor has not received by then counts
   * with the time it had waited.
   */
  async report(graceMs = 3_000): Promise<LoadReport> {
    await this.all({ type: 'end' });
    const receivers = Math.max(0, this.editorsPerDocument - 1);
    const deadline = performance.now() + graceMs;
    // Cheap progress check on counts (arrivals may include a few keystrokes from just before the window).
    for (;;) {
      const progress = await this.all<[number, number]>({ type: 'progress' });
      const typed = progress.reduce((sum, [sent]) => sum + sent, 0);
      const arrived = progress.reduce((sum, [, count]) => sum + count, 0);
      if (arrived >= typed * receivers || performance.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reportedAt = performance.timeOrigin + performance.now();
    const reports = await this.all<ProcessReport>({ type: 'report' });

    const sentAt = new Map<string, { time: number; received: number }>();
    for (const r of reports) for (let i = 0; i < r.sent.length; i += 3) sentAt.set(`${r.sent[i]}:${r.sent[i + 1]}`, { time: r.sent[i + 2], received: 0 });
    const latencies: number[] = [];
    for (const r of reports) {
      for (let i = 0; i < r.arrivals.length; i += 3) {
        const keystroke = sentAt.get(`${r.arrivals[i]}:${r.arrivals[i + 1]}`);
        if (!keystroke) continue;
        keystroke.received++;
        latencies.push(r.arrivals[i + 2] - keystroke.time);
      }
    }
    let missing = 0;
    for (const keystroke of sentAt.values()) {
      for (let i = keystroke.received; i < receivers; i++) {
        latencies.push(reportedAt - keystroke.time);
        missing++;
      }
    }
    return {
      latencies: Float64Array.from(latencies),
      keystrokes: sentAt.size,
      seconds: Math.max(...reports.map((r) => r.seconds)),
      clientCpu: reports.reduce((sum, r) => sum + r.clientCpu, 0),
      clientLoopDelayP99: Math.max(...reports.map((r) => r.clientLoopDelayP99)),
      missing,
    };
  }

  /** Disconnects every editor. */
  async close(): Promise<void> {
    await this.all({ type: 'close' });
  }

  async exit(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.exit()));
  }
}
