import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../support/portal-env.ts';

/**
 * Real processes for the fault suite: the portal (`node --import tsx
 * server.ts`), a throwaway PostgreSQL cluster and a throwaway Redis, each
 * started, killed and restarted by the tests. Nothing here touches the shared
 * PostgreSQL on 5432 or Redis on 6379 beyond creating a test database.
 */

export { DEMO_PASSWORD };

export function freePort(): Promise<number> {
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

/** Every child started by a test file, so that none outlives it whatever fails. */
const children = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export interface PortalProcess {
  child: ChildProcess;
  baseURL: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<void>;
  alive(): boolean;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

/** The environment of a portal process on plain local http (like tests/support/portal-env.ts). */
export function portalProcessEnv(databaseUrl: string, dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    DEMO_PASSWORD,
    SEED_DEMO: 'true',
    NODE_ENV: 'test',
    // Errors only: the fault tests read them (a write that failed must be logged).
    LOG_LEVEL: 'error',
    PUBLIC_URL: '',
    TRUST_PROXY: '',
    SMTP_URL: '',
    REDIS_URL: '',
    SIGN_IN_RATE_LIMIT: '1000',
    COLLAB_REVALIDATE_MS: '60000',
    ...extra,
  };
}

export async function startPortalProcess(env: NodeJS.ProcessEnv): Promise<PortalProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { cwd: path.resolve('.'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const baseURL = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!alive()) throw new Error(`the portal exited during start-up (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${baseURL}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the portal did not answer /healthz within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    baseURL,
    output: () => output,
    exited,
    alive,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls until the portal's /healthz answers 200. */
export async function healthy(baseURL: string): Promise<boolean> {
  try {
    return (await fetch(`${baseURL}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// A throwaway PostgreSQL cluster: initdb into a temporary folder, its own port.

export interface ThrowawayPostgres {
  port: number;
  /** postgres://… of the `portal` database on this cluster. */
  url: string;
  restart(mode: 'fast' | 'immediate'): void;
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return path.join(root, versions[0], 'bin');
}

/** initdb refuses root: run the server binaries as the postgres user when we are root. */
function asPostgresUser(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppp-faults-pg-'));
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  asPostgresUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => asPostgresUser(pgCtl, ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  start();
  asPostgresUser(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'portal']);
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/portal`,
    restart: (mode) => asPostgresUser(pgCtl, ['-D', data, '-m', mode, '-o', options, '-l', path.join(dir, 'log'), '-w', 'restart']),
    stop: (mode) => asPostgresUser(pgCtl, ['-D', data, '-m', mode, '-w', 'stop']),
    start,
    destroy() {
      spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// A throwaway Redis on its own port, without persistence.

export interface ThrowawayRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function throwawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(String(data).startsWith('+PONG'));
      });
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      children.add(child);
      const deadline = Date.now() + 10_000;
      while (!(await ping())) {
        if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
