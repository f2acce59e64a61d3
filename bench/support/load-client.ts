import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command, DocumentSpec, LoadReport, Reply } from './collab-load.ts';

/**
 * The parent's handle on the editors' process (collab-load.ts): each method
 * sends one command and resolves with its reply.
 */
export class LoadClient {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./collab-load.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Structured clone: latency samples travel as a Float64Array.
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

  private send<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }

  /** Connects every editor and resolves once all of them have synced. */
  open(url: string, documents: DocumentSpec[], prefill?: Uint8Array): Promise<{ ms: number }> {
    return this.send({ type: 'open', url, documents, prefill: prefill ? Buffer.from(prefill).toString('base64') : undefined, timeoutMs: 60_000 });
  }

  type(updatesPerSecond: number): Promise<void> {
    return this.send({ type: 'type', updatesPerSecond });
  }

  stopTyping(): Promise<void> {
    return this.send({ type: 'stop-typing' });
  }

  measure(): Promise<void> {
    return this.send({ type: 'measure' });
  }

  report(graceMs = 3_000): Promise<LoadReport> {
    return this.send({ type: 'report', graceMs });
  }

  /** Disconnects every editor. */
  close(): Promise<void> {
    return this.send({ type: 'close' });
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.send({ type: 'exit' }).catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}
