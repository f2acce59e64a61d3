import { describe, expect, test } from 'vitest';
import { parseEnv, severalInstancesWarning } from './env.server.ts';

// The environment's type requires NODE_ENV; these cases leave it out on purpose.
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('the several-instances warning at start-up', () => {
  test('REDIS_URL on a SQLite database is warned about; on PostgreSQL, or without Redis, it is not', () => {
    const withRedis = parseEnv(env({ REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(severalInstancesWarning(withRedis, 'sqlite')).toMatch(/only one instance is supported on SQLite/);
    expect(severalInstancesWarning(withRedis, 'postgres')).toBeNull();
    expect(severalInstancesWarning(parseEnv(env({})), 'sqlite')).toBeNull();
    // An empty value means "not set", as everywhere in the environment.
    expect(severalInstancesWarning(parseEnv(env({ REDIS_URL: '' })), 'sqlite')).toBeNull();
  });
});
