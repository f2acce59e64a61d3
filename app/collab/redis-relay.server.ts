import { Redis } from '@hocuspocus/extension-redis';

/**
 * Several portal instances behind one load balancer share live editing through
 * Redis: each instance publishes the updates and awareness of its documents,
 * and applies those of the others. Durability stays with the database: every
 * instance appends the updates its own clients send (persistence-extension),
 * and relayed updates are applied in memory only, so nothing is stored twice.
 */
export interface RedisConnection {
  host: string;
  port: number;
  options: { username?: string; password?: string; db?: number; tls?: object };
}

/** redis://[user:password@]host[:port][/db] or rediss:// for TLS. */
export function parseRedisUrl(url: string): RedisConnection {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${parsed.protocol})`);
  const options: RedisConnection['options'] = {};
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db) {
    if (!/^\d+$/.test(db)) throw new Error('REDIS_URL: the path must be a database number, e.g. redis://host:6379/0');
    options.db = Number(db);
  }
  if (parsed.protocol === 'rediss:') options.tls = {};
  return { host: parsed.hostname || '127.0.0.1', port: parsed.port ? Number(parsed.port) : 6379, options };
}

export function createRedisRelay(url: string, prefix = 'ppp-portal'): Redis {
  const connection = parseRedisUrl(url);
  return new Redis({ host: connection.host, port: connection.port, options: connection.options, prefix });
}
