import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import type { Db, Dialect } from '../../db/client.server.ts';
import { recordAudit } from '../models/audit.server.ts';
import { isPersonActive } from '../models/person.server.ts';
import { personName } from '../schemas/portal.ts';
import type { Logger } from '../utils/logger.server.ts';

const MIN_PASSWORD_LENGTH = 12;
const SESSION_DAYS = 14;

export interface AuthOptions {
  db: Db;
  dialect: Dialect;
  secret: string;
  baseURL: string;
  signInRateLimit: number;
  logger: Logger;
  /** Called after better-auth deletes a session (sign-out, revoked sessions): its sockets must end too. */
  onSessionEnded?: (session: { id: string; userId: string }) => void;
}

/**
 * better-auth over the portal's own kysely database. Self sign-up is off:
 * people join only through an invitation (see invitation.server.ts).
 */
export function createAuth({ db, dialect, secret, baseURL, signInRateLimit, logger, onSessionEnded }: AuthOptions) {
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
        language: { type: 'string', required: false, input: false },
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
      user: {
        // Sign-up is off, but the rule holds for every path that writes a name.
        create: { before: async (user) => ({ data: { ...user, name: checkedName(user.name) } }) },
        update: {
          before: async (data) => (data.name === undefined ? undefined : { data: { ...data, name: checkedName(data.name) } }),
          // better-auth's /update-user: record the change, as the portal's own forms do.
          after: async (user, context) => {
            const before = context?.context.session?.user;
            if (!before || before.id !== user.id || before.name === user.name) return;
            await recordAudit(db, { actorId: user.id, action: 'person.rename', entityType: 'person', entityId: user.id, details: { from: before.name, to: user.name } });
          },
        },
      },
      session: {
        create: {
          // A deactivated person keeps their history but gets no new session.
          before: async (session) => {
            return (await isPersonActive(db, session.userId)) ? undefined : false;
          },
        },
        delete: {
          after: async (session) => {
            onSessionEnded?.(session);
          },
        },
      },
    },
  });
}

/** A display name by the portal's one rule (app/schemas/portal.ts), or a 400 from better-auth. */
function checkedName(name: unknown): string {
  const parsed = personName.safeParse(name);
  if (!parsed.success) throw new APIError('BAD_REQUEST', { message: 'Invalid name', code: 'INVALID_NAME' });
  return parsed.data;
}

export type Auth = ReturnType<typeof createAuth>;
