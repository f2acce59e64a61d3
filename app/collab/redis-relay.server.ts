import { Redis } from '@hocuspocus/extension-redis';
import type { afterLoadDocumentPayload, onChangePayload, onStoreDocumentPayload } from '@hocuspocus/server';
import type { Logger } from '../utils/logger.server.ts';

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

/**
 * The relay, so that a Redis that is away costs live relaying only, never the
 * instance. @hocuspocus/extension-redis waits for its SUBSCRIBE before a
 * document finishes loading, and ioredis holds commands until Redis is back,
 * so a document opened while Redis was down never opened; after 20 reconnect
 * attempts (about 10 s) ioredis rejects every held command, and Hocuspocus
 * calls onChange and onAwarenessUpdate without handling a rejection, so the
 * process died of an unhandled rejection. Here publishing is best effort (each
 * later change publishes a sync step 1, which pulls whatever the other
 * instances missed), and a document loaded while Redis is away opens from the
 * database at once and is subscribed when Redis is ready again.
 */
class PortalRedisRelay extends Redis {
  /** Documents loaded while Redis was away: subscribed on the next 'ready'. */
  private readonly unsubscribed = new Map<string, afterLoadDocumentPayload>();

  constructor(
    configuration: ConstructorParameters<typeof Redis>[0],
    private readonly logger: Logger | undefined,
  ) {
    super(configuration);
    this.sub.on('ready', () => {
      const waiting = [...this.unsubscribed.values()];
      this.unsubscribed.clear();
      for (const payload of waiting) {
        // Only the copy that is still loaded: an unloaded one needs no channel.
        if (this.instance.documents.get(payload.documentName) === payload.document) void this.subscribe(payload);
      }
    });
    // Every publish (sync steps, awareness, stateless, replies) is fire and forget in the extension and in Hocuspocus.
    const publish = this.pub.publish.bind(this.pub);
    this.pub.publish = ((channel: string, message: Buffer) =>
      publish(channel, message).catch((error: unknown) => {
        this.logger?.warn({ err: error, channel }, 'Redis relay: a message was not published (Redis unavailable)');
        return 0;
      })) as typeof this.pub.publish;
  }

  private subscribe(payload: afterLoadDocumentPayload): Promise<unknown> {
    return super.afterLoadDocument(payload).catch((error: unknown) => {
      this.logger?.warn({ err: error, documentName: payload.documentName }, 'Redis relay: subscribing failed; retried once Redis is ready');
      this.unsubscribed.set(payload.documentName, payload);
    });
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<unknown> {
    if (this.sub.status === 'ready') return this.subscribe(payload);
    this.unsubscribed.set(payload.documentName, payload);
    return undefined;
  }

  override async onChange(data: onChangePayload): Promise<undefined> {
    // Not awaited: the next extensions' onChange (automatic versions) must not wait for Redis.
    void super.onChange(data);
    return undefined;
  }

  override async onStoreDocument(data: onStoreDocumentPayload): Promise<void> {
    // The lock only orders Hocuspocus's store hooks, which the portal does not use for durability
    // (persistence-extension); without Redis, skip them silently, as when another instance holds the lock.
    try {
      await super.onStoreDocument(data);
    } catch (error) {
      // The extension's own silent error for a lock held elsewhere passes as is; anything else becomes one.
      if (error instanceof Error && error.message === '') throw error;
      throw new Error('', { cause: error });
    }
  }
}

export function createRedisRelay(url: string, prefix = 'ppp-portal', logger?: Logger): Redis {
  const connection = parseRedisUrl(url);
  return new PortalRedisRelay({ host: connection.host, port: connection.port, options: connection.options, prefix }, logger);
}
