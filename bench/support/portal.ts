import fs from 'node:fs';
import path from 'node:path';
import type { Hocuspocus } from '@hocuspocus/server';
import type { Dialect } from '../../db/client.server.ts';
import type { CollabServer } from '../../app/collab/collab-server.server.ts';
import { createDocument, getDocumentAccessContext } from '../../app/models/document.server.ts';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { collabUrl, signInCookie } from '../../tests/support/collab-client.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { SERVER_BUILD_PATH } from '../../scripts/build-paths.js';

export const DEMO_PASSWORD = 'benchmark-demo-password';

/**
 * The demo accounts that may edit the strategy draft: its owner (Ministry of
 * Security), two edit participants, and the coordinators (AMBER, not RED).
 * civil@ and observer@ only comment, so their connections would be read-only.
 */
export const STRATEGY_EDITORS = [
  'member@demo.example',
  'private@demo.example',
  'academic@demo.example',
  'secretariat@demo.example',
  'admin@demo.example',
];

export interface BenchPortal {
  portal: Portal;
  database: TestDatabase;
  /** ws:// URL of the collaboration endpoint. */
  collabUrl: string;
  /** The portal's Hocuspocus instance (to see which documents are open). */
  hocuspocus: Hocuspocus;
  /** One session cookie per account in STRATEGY_EDITORS, same order. */
  cookies: string[];
  strategyId: string;
  /** A new document with the strategy draft's content, owner, classification and participants. */
  copyStrategy(title: string): Promise<string>;
  close(): Promise<void>;
}

/** The real portal, in this process, on a fresh database, with the demo seeded and five editors signed in over HTTP. */
export async function startBenchPortal(dialect: Dialect): Promise<BenchPortal> {
  if (!fs.existsSync(path.resolve(SERVER_BUILD_PATH))) {
    throw new Error(`${SERVER_BUILD_PATH} is missing: run npx remix build first (the portal serves the Remix build).`);
  }
  const database = await createTestDatabase(dialect, { migrate: false });
  let portal: Portal;
  try {
    portal = await startPortal({
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: database.dir,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: '',
      TRUST_PROXY: '',
      SMTP_URL: '',
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SIGN_IN_RATE_LIMIT: '1000',
      COLLAB_MAX_CONNECTIONS_PER_USER: '1000',
    });
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  try {
    return await prepare(portal, database);
  } catch (error) {
    await portal.close();
    await database.cleanup();
    throw error;
  }
}

async function prepare(portal: Portal, database: TestDatabase): Promise<BenchPortal> {
  const { db } = portal.services;
  // The services type shows routes only `revalidate`; the object is the whole collaboration server.
  const hocuspocus = (portal.services.collab as Partial<CollabServer>).hocuspocus;
  if (!hocuspocus) throw new Error('the portal exposes no Hocuspocus instance');

  // Real sign-ins through the /login form, one session per account.
  const cookies: string[] = [];
  for (const email of STRATEGY_EDITORS) cookies.push(await signInCookie(portal.url, email, DEMO_PASSWORD));

  const strategy = await db.selectFrom('document').select('id').where('type', '=', 'strategy').executeTakeFirstOrThrow();
  const context = await getDocumentAccessContext(db, strategy.id);
  const state = await loadMergedState(db, strategy.id);
  if (!context || !state) throw new Error('the demo strategy draft is missing');
  const { document } = context;

  return {
    portal,
    database,
    collabUrl: collabUrl(portal.url),
    hocuspocus,
    cookies,
    strategyId: strategy.id,
    async copyStrategy(title) {
      const row = await createDocument(
        db,
        document.createdById,
        { title, type: document.type, language: document.language, summary: document.summary, ownerInstitutionId: document.ownerInstitutionId, tlp: document.tlp },
        { institutions: context.institutions, people: context.people },
        state,
      );
      return row.id;
    },
    async close() {
      await portal.close();
      await database.cleanup();
    },
  };
}
