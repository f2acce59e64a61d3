import type { Db, Dialect } from '../../db/client.server.ts';
import type { Auth } from './auth.server.ts';
import type { LiveDocuments } from './live-documents.ts';
import type { Env } from '../utils/env.server.ts';
import type { Logger } from '../utils/logger.server.ts';
import type { Mailer } from '../utils/mailer.server.ts';

/**
 * Everything a loader or action needs from the running server. server.ts is the
 * only place that builds these; Remix receives them as load context, so the app
 * bundle and the server share one database pool and one auth instance.
 */
export interface PortalServices {
  db: Db;
  dialect: Dialect;
  auth: Auth;
  mailer: Mailer;
  logger: Logger;
  env: Env;
  baseURL: string;
  collab: LiveDocuments;
}

declare module '@remix-run/node' {
  // Typed loader and action data under single fetch.
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    services: PortalServices;
    requestId: string;
    cspNonce: string;
  }
}
