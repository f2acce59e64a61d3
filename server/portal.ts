import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import { createDatabase } from '../db/client.server.ts';
import { migrateToLatest } from '../db/migrator.server.ts';
import { checkDatabase } from '../db/health.server.ts';
import { seedDemo, seedReferenceData, DEMO_ACCOUNTS } from '../db/seeds/demo.server.ts';
import { createAuth } from '../app/services/auth.server.ts';
import { parseEnv, severalInstancesWarning, type Env } from '../app/utils/env.server.ts';
import { createLogger } from '../app/utils/logger.server.ts';
import { createMailer } from '../app/utils/mailer.server.ts';
import { resolveAuthSecret } from '../app/utils/secret.server.ts';
import type { PortalServices } from '../app/services/portal-services.server.ts';
import { createCollabServer } from '../app/collab/collab-server.server.ts';
import { publicPageCache } from './public-page-cache.ts';
import { REMINDER_INTERVAL_MS, runRemindersOnce } from '../app/services/reminders.server.ts';
import { copyEvidenceFilesFromDisk, evidenceDir } from '../app/services/evidence-storage.server.ts';
import { movePendingImportsFromDisk, removeStaleUploads } from '../app/services/import-store.server.ts';
import { todayInSarajevo } from '../app/utils/action-dates.ts';
import { runSerially } from '../app/models/job-lock.server.ts';
import { sameHost } from '../app/utils/same-host.ts';
import { ASSETS_BUILD_DIR, SERVER_BUILD_PATH } from '../scripts/build-paths.js';

export interface Portal {
  server: http.Server;
  services: PortalServices;
  url: string;
  /** Stops accepting connections, finishes requests in flight, closes the database. */
  close(): Promise<void>;
}

const BUILD_PATH = path.resolve(SERVER_BUILD_PATH);

async function loadBuild(): Promise<ServerBuild> {
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild;
}

/** Builds every service from the environment, prepares the database and starts listening. */
export async function startPortal(source: NodeJS.ProcessEnv = process.env): Promise<Portal> {
  const env: Env = parseEnv(source);
  const logger = createLogger(env.LOG_LEVEL, env.LOG_FORMAT);
  const database = createDatabase({
    url: env.DATABASE_URL ?? `file:${path.join(env.DATA_DIR, 'portal.sqlite')}`,
    onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection was closed; it will be replaced'),
  });
  const { db } = database;

  for (const line of await migrateToLatest(db)) logger.info(line);
  const instancesWarning = severalInstancesWarning(env, database.dialect);
  if (instancesWarning) {
    logger.warn(instancesWarning);
    if (env.NODE_ENV !== 'test') process.stderr.write(`Warning: ${instancesWarning}\n`);
  }
  // Instances starting together on one database take turns: each check-then-insert below would otherwise race.
  const seeded = await runSerially(db, 'start-up', async () => {
    // Evidence and import previews live in the database now; bring in what older installs left on disk.
    const copiedEvidence = await copyEvidenceFilesFromDisk(db, evidenceDir(env));
    if (copiedEvidence.copied > 0 || copiedEvidence.missing > 0) logger.info(copiedEvidence, 'evidence files copied from disk into the database');
    await movePendingImportsFromDisk(db, env.DATA_DIR);
    await removeStaleUploads(db);
    await seedReferenceData(db);
    return env.SEED_DEMO ? seedDemo(db, { password: env.DEMO_PASSWORD }) : null;
  });
  if (seeded && env.NODE_ENV !== 'test') printDemoAccounts(seeded.password, seeded.generated);

  // Until the app is ready (auth needs the bound port), answer 503 instead of hanging.
  let handle: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.setHeader('Retry-After', '1');
    res.end('Starting');
  };
  const server = http.createServer((req, res) => handle(req, res));
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  await listening;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const baseURL = env.PUBLIC_URL ?? `http://localhost:${port}`;

  const auth = createAuth({
    db,
    dialect: database.dialect,
    secret: resolveAuthSecret(env),
    baseURL,
    signInRateLimit: env.SIGN_IN_RATE_LIMIT,
    logger,
    // A sign-out closes that session's editors at once (collab is created just below; sessions end only later).
    onSessionEnded: (session) => collab.closeSession(session.id),
  });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger });
  const collab = createCollabServer({
    db,
    auth,
    logger,
    revalidateEveryMs: env.COLLAB_REVALIDATE_MS,
    compactEvery: env.COLLAB_COMPACT_EVERY,
    maxConnectionsPerUser: env.COLLAB_MAX_CONNECTIONS_PER_USER,
    redisUrl: env.REDIS_URL,
  });
  server.on('upgrade', collab.handleUpgrade);
  const services: PortalServices = { db, dialect: database.dialect, auth, mailer, logger, env, baseURL, collab };

  let build = await loadBuild();
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, trust exactly one hop: the proxy's own X-Forwarded-For entry.
  app.set('trust proxy', env.TRUST_PROXY ? 1 : false);

  app.use((req, res, next) => {
    const requestId = crypto.randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
    res.setHeader('X-Request-Id', requestId);
    // better-auth rate-limits by this header, so it must hold exactly one address we trust.
    req.headers['x-forwarded-for'] = (env.TRUST_PROXY ? req.ip : req.socket.remoteAddress) ?? '';
    if (!sameOriginRequest(req)) {
      res.status(403).type('text/plain').send('Cross-site request refused');
      return;
    }
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => (res as express.Response).locals.requestId,
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/build/') },
      serializers: {
        // Invitation links are credentials: keep their tokens out of the log.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/^\/invite\/[^/?#]+/, '/invite/[token]') }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: baseURL.startsWith('https://') ? [] : null,
        },
      },
      strictTransportSecurity: baseURL.startsWith('https://'),
      // Browsers then send a real Origin on same-site form posts (not `null`), which Remix checks.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );

  app.get('/healthz', async (_req, res) => {
    try {
      await checkDatabase(db);
      res.json({ status: 'ok' });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.use('/build', express.static(ASSETS_BUILD_DIR, { immutable: true, maxAge: '1y' }));
  app.use(express.static('public', { maxAge: '1h' }));

  // Rendered public publication pages, checked against the database on every hit.
  const pageCache = publicPageCache({ services, getBuild: () => build, mode: source.REMIX_DEV_ORIGIN ? 'development' : 'production' });
  app.use(pageCache.middleware);

  // One handler per build (a new one only after a rebuild under `remix dev`):
  // creating it per request cost measurable time on every page.
  let handlerBuild: ServerBuild | null = null;
  let remixHandler: express.RequestHandler | null = null;
  app.all('*', (req, res, next) => {
    if (handlerBuild !== build || !remixHandler) {
      handlerBuild = build;
      remixHandler = createRequestHandler({
        build,
        // Development mode (error details sent to the browser) only under `remix dev`.
        mode: source.REMIX_DEV_ORIGIN ? 'development' : 'production',
        getLoadContext: (_req, response) => ({ services, requestId: response.locals.requestId, cspNonce: response.locals.cspNonce }),
      });
    }
    return remixHandler(req, res, next);
  });

  handle = (req, res) => {
    pageCache.serveHit(req, res).then(
      (served) => {
        if (!served) app(req, res);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'public page cache failed');
        if (!res.headersSent) app(req, res);
      },
    );
  };

  if (env.NODE_ENV === 'development' && source.REMIX_DEV_ORIGIN) {
    const { broadcastDevReady } = await import('@remix-run/node');
    const fs = await import('node:fs');
    await broadcastDevReady(build);
    fs.watch(path.dirname(BUILD_PATH), { persistent: false }, async () => {
      build = await loadBuild();
      await broadcastDevReady(build);
    });
  }

  logger.info({ url: baseURL, database: database.describe }, 'portal listening');

  // Action-item reminders: a minute after start, then hourly. One instance at a
  // time runs them (an advisory lock), and a run is idempotent, so several
  // instances or a restart never send one twice (app/services/reminders.server.ts).
  let reminderRun: Promise<void> = Promise.resolve();
  const runReminderJob = () => {
    reminderRun = reminderRun.then(() =>
      runRemindersOnce({ db, mailer, logger, baseURL }, todayInSarajevo()).then(
        (run) => (run ? logger.info(run, 'reminders run') : logger.info('reminders skipped: another instance is running them')),
        (error: unknown) => logger.error({ err: error }, 'reminders failed'),
      ),
    );
  };
  const remindersOn = env.REMINDERS === 'on';
  const firstReminders = remindersOn ? setTimeout(runReminderJob, 60_000).unref() : undefined;
  const reminderTimer = remindersOn ? setInterval(runReminderJob, REMINDER_INTERVAL_MS).unref() : undefined;
  if (env.NODE_ENV !== 'test') process.stdout.write(`Portal ready: ${baseURL}\n`);

  let closing: Promise<void> | null = null;
  return {
    server,
    services,
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        clearTimeout(firstReminders);
        clearInterval(reminderTimer);
        await collab.close();
        await reminderRun;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5_000).unref();
        });
        await db.destroy();
      })();
      return closing;
    },
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must prove they come from the portal's own pages
 * (OWASP CSRF prevention): an `Origin` naming our host, or, without one,
 * `Sec-Fetch-Site: same-origin` (or `none`, a request the person made
 * themselves). `Origin: null` (sandboxed frames, some redirects) and a request
 * with neither header are refused. See docs/security.md.
 */
function sameOriginRequest(req: http.IncomingMessage): boolean {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return true;
  const origin = req.headers.origin;
  if (origin !== undefined) return origin !== 'null' && sameHost(origin, req.headers.host);
  const site = req.headers['sec-fetch-site'];
  return site === 'same-origin' || site === 'none';
}

function printDemoAccounts(password: string, generated: boolean): void {
  const lines = [
    'Demo working group seeded. Sign in with any of these accounts:',
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(26)} ${a.role}`),
    generated ? `Password (shown only this once): ${password}` : 'Password: the value of DEMO_PASSWORD',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
