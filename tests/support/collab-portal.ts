import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import * as Y from 'yjs';
import type { CollabServer } from '../../app/collab/collab-server.server.ts';
import { renderPlainText, stateFromMarkdown } from '../../app/content/render.server.ts';
import { loadDocumentState } from '../../app/models/document-state.server.ts';
import { createDocument, type DocumentFields, type Participants } from '../../app/models/document.server.ts';
import { listPeople } from '../../app/models/person.server.ts';
import type { Db } from '../../db/client.server.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { destroyAllCollabClients, openCollab, signInCookie, type CollabClient } from './collab-client.ts';
import { unique } from './factories.ts';
import type { Dialect } from '../../db/client.server.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { DEMO_PASSWORD, portalEnv, requireServerBuild } from './portal-env.ts';

/**
 * The shared setting of the collab-*.test.ts files: a real portal
 * (startPortal, in-process) on a fresh database seeded with the demo working
 * group, every demo person signed in through the real /login form, and real
 * HocuspocusProvider clients over real WebSockets. Needs build/index.js.
 */

export const STRATEGY_TITLE = 'Cybersecurity Strategy of Bosnia and Herzegovina (working draft)';
export const EMAILS = ['member', 'private', 'observer', 'academic', 'civil', 'secretariat'] as const;
export type Who = (typeof EMAILS)[number];

export const MINISTRY_OF_SECURITY = 'Ministry of Security of Bosnia and Herzegovina';
export const BH_TELECOM = 'BH Telecom';
export const E_TRANSFORMACIJA = 'e-Transformacija association';

/** Fast revalidation and frequent compaction, so that both happen within a test. */
export const COLLAB_TEST_ENV = { COLLAB_REVALIDATE_MS: '300', COLLAB_COMPACT_EVERY: '5' };

export function collabOf(portal: Portal): CollabServer {
  return portal.services.collab as CollabServer;
}

/** The user ids of the connections the server holds for a document right now. */
export function serverConnectionUsers(portal: Portal, documentId: string): string[] {
  const document = collabOf(portal).hocuspocus.documents.get(documentId);
  if (!document) return [];
  return document.getConnections().map((c) => (c.context as { socket?: { userId: string } }).socket?.userId ?? '?');
}

export function serverDoc(portal: Portal, documentId: string): Y.Doc | undefined {
  return collabOf(portal).hocuspocus.documents.get(documentId);
}

/** Every byte stored for a document (snapshot and tail), to prove a marker never reached the database. */
export async function storedBytes(db: Db, documentId: string): Promise<Buffer> {
  const { snapshot, updates } = await loadDocumentState(db, documentId);
  return Buffer.concat([snapshot ?? new Uint8Array(), ...updates].map((u) => Buffer.from(u)));
}

/**
 * better-sqlite3 answers synchronously, so a loop of awaited queries never lets timers or
 * sockets run; background loops yield explicitly.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Forces a full garbage collection and returns the bytes held in ArrayBuffers (Buffers) afterwards. */
export function collectGarbage(): () => number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
    return process.memoryUsage().arrayBuffers;
  };
}

export function sortedStateVector(doc: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);
}

export interface CollabPortal {
  readonly database: TestDatabase;
  readonly portal: Portal;
  readonly db: Db;
  /** The session cookie of each demo person. */
  readonly cookies: Record<Who, string>;
  readonly ids: Record<Who, string>;
  /** The seeded strategy draft, which member@ edits as owner and private@ as participant. */
  readonly strategyId: string;
  institution(name: string): string;
  /** A fresh document owned by the Ministry of Security (member@ edits as owner). */
  newDocument(participants: Participants, fields?: Partial<DocumentFields>, text?: string): Promise<{ id: string; fields: DocumentFields }>;
  open(who: Who, documentName: string, options?: { waitForSync?: boolean; doc?: Y.Doc }): Promise<CollabClient>;
}

/**
 * Starts the portal before the enclosing describe's tests, signs every demo
 * person in, destroys the test's clients after each test and closes
 * everything at the end. Call it at the top of a describe block; the fields of
 * the returned object are set once its beforeAll has run.
 */
export function useCollabPortal(dialect: Dialect, env: Record<string, string> = COLLAB_TEST_ENV): CollabPortal {
  let database: TestDatabase | undefined;
  let portal: Portal | undefined;
  let strategyId: string | undefined;
  const cookies = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const institutions = new Map<string, string>();
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set once the portal has started (useCollabPortal's beforeAll)`);
    return value;
  };

  beforeAll(async () => {
    requireServerBuild();
    database = await createTestDatabase(dialect, { migrate: false });
    portal = await startPortal(portalEnv(database, env));
    const db = portal.services.db;
    const people = await listPeople(db, { includeDeactivated: true });
    for (const who of EMAILS) {
      const person = people.find((p) => p.email === `${who}@demo.example`);
      if (!person) throw new Error(`demo person ${who} missing`);
      ids[who] = person.id;
      institutions.set(person.institutionName, person.institutionId);
    }
    const url = portal.url;
    await Promise.all(EMAILS.map(async (who) => (cookies[who] = await signInCookie(url, `${who}@demo.example`, DEMO_PASSWORD))));
    const strategy = await db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow();
    strategyId = strategy.id;
  });

  afterEach(() => destroyAllCollabClients());

  afterAll(async () => {
    destroyAllCollabClients();
    await portal?.close();
    await database?.cleanup();
  });

  const live: CollabPortal = {
    get database() {
      return started(database, 'database');
    },
    get portal() {
      return started(portal, 'portal');
    },
    get db() {
      return started(portal, 'portal').services.db;
    },
    cookies,
    ids,
    get strategyId() {
      return started(strategyId, 'strategyId');
    },
    institution(name) {
      const id = institutions.get(name);
      if (!id) throw new Error(`institution ${name} unknown`);
      return id;
    },
    async newDocument(participants, fields = {}, text = 'Opening paragraph of a collaboration test document.') {
      const all: DocumentFields = {
        title: `Collab test ${unique()}`,
        type: 'strategy',
        language: 'en',
        summary: '',
        ownerInstitutionId: live.institution(MINISTRY_OF_SECURITY),
        tlp: 'AMBER',
        ...fields,
      };
      const state = stateFromMarkdown(text);
      const row = await createDocument(live.db, ids.secretariat, all, participants, state, renderPlainText(state));
      return { id: row.id, fields: all };
    },
    open(who, documentName, options = {}) {
      return openCollab({ baseURL: live.portal.url, documentName, cookie: cookies[who], ...options });
    },
  };
  return live;
}
