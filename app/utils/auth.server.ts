import { betterAuth } from 'better-auth';
import type { Kysely } from 'kysely';
import type { Db, Dialect } from '../../db/client.server.ts';
import { isPersonActive } from '../models/person.server.ts';
import type { Logger } from './logger.server.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const SESSION_DAYS = 14;

export interface AuthOptions {
  db: Db;
  dialect: Dialect;
  secret: string;
  baseURL: string;
  signInRateLimit: number;
  logger: Logger;
}

/**
 * better-auth over the portal's own kysely database. Self sign-up is off:
 * people join only through an invitation (see invitation.server.ts).
 */
export function createAuth({ db, dialect, secret, baseURL, signInRateLimit, logger }: AuthOptions) {
  return betterAuth({
    database: { db: db as unknown as Kysely<unknown>, type: dialect },
    secret,
    baseURL,
    basePath: '/api/auth',
    trustedOrigins: [new URL(baseURL).origin],
    telemetry: { enabled: false },
    // One log stream: better-auth's messages go through pino with everything else.
    logger: {
      level: 'warn',
      log: (level, message, ...args) => logger[level]({ args }, message),
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: true, input: false },
        institutionId: { type: 'string', required: true, input: false },
        deactivatedAt: { type: 'string', required: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * SESSION_DAYS, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      // In the database so that several instances share one count.
      storage: 'database',
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': { window: 60, max: signInRateLimit } },
    },
    advanced: {
      useSecureCookies: baseURL.startsWith('https://'),
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated person keeps their history but gets no new session.
          before: async (session) => {
            return (await isPersonActive(db, session.userId)) ? undefined : false;
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
