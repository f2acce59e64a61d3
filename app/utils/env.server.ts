import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().optional(),
    DATA_DIR: z.string().default('data'),
    /** Where installs before 2026-12 stored evidence files (DATA_DIR/evidence when unset); read once at start-up to copy them into the database. */
    EVIDENCE_DIR: z.string().optional(),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PUBLIC_URL: z.string().url().optional(),
    TRUST_PROXY: booleanFlag.default(false),
    SMTP_URL: z.string().url().optional(),
    /** Set when several instances serve the portal: live editing is relayed between them through Redis. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    MAIL_FROM: z.string().default('PPP Coordination Portal <no-reply@localhost>'),
    SEED_DEMO: booleanFlag.default(true),
    DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    // Tests that snapshot the database switch the scheduled reminders off; they call the job themselves.
    REMINDERS: z.enum(['on', 'off']).default('on'),
    /** Sign-in attempts allowed per client address per minute. */
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /** How often live editing connections are re-checked against current permissions. */
    COLLAB_REVALIDATE_MS: z.coerce.number().int().min(100).default(3000),
    /** Stored updates per document before they are compacted into its snapshot. */
    COLLAB_COMPACT_EVERY: z.coerce.number().int().min(1).default(500),
    COLLAB_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(20),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required in production (generate one with: openssl rand -base64 32)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

/**
 * The start-up warning for a set-up that cannot work: several instances
 * (REDIS_URL relays live editing between them) on one SQLite file, which
 * only one process can serve safely (docs/several-instances.md).
 */
export function severalInstancesWarning(env: Pick<Env, 'REDIS_URL'>, dialect: 'sqlite' | 'postgres'): string | null {
  if (!env.REDIS_URL || dialect !== 'sqlite') return null;
  return 'REDIS_URL is set, but the database is SQLite: only one instance is supported on SQLite. Scheduled jobs would run on every instance and a SQLite file cannot be shared between hosts. Run several instances on PostgreSQL (DATABASE_URL=postgres://…), or unset REDIS_URL.';
}

/** Validates the environment once at start-up; throws an EnvError listing every problem. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "not set", as they do in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
