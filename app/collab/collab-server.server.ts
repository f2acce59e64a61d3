import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../../db/client.server.ts';
import type { Auth } from '../services/auth.server.ts';
import { signedInPerson } from '../services/signed-in-person.server.ts';
import { sameHost } from '../utils/same-host.ts';
import type { Logger } from '../utils/logger.server.ts';
import { getPersonActor } from '../models/person.server.ts';
import { accessSweep } from './access.server.ts';
import { authExtension, type SocketContext } from './auth-extension.server.ts';
import { awarenessExtension } from './awareness-extension.server.ts';
import { CLOSE_REASONS, COLLAB_PATH } from '../editor/close-reasons.ts';
import { persistenceExtension } from './persistence-extension.server.ts';
import { createSearchRefresher } from './search-refresh.server.ts';
import { createRedisRelay } from './redis-relay.server.ts';
import { versionExtension } from './version-extension.server.ts';
import { createAutoVersioner } from '../services/document-versions.server.ts';
import type { LiveDocuments } from '../services/live-documents.ts';

export interface CollabOptions {
  db: Db;
  auth: Auth;
  logger: Logger;
  /** Largest WebSocket message accepted; larger ones close that socket (1009). */
  maxPayloadBytes?: number;
  maxConnectionsPerUser?: number;
  maxDocumentsPerConnection?: number;
  /** How often open connections are checked against current permissions. */
  revalidateEveryMs?: number;
  compactEvery?: number;
  searchDebounceMs?: number;
  /** redis:// URL: relay live editing between several portal instances (redis-relay.server.ts). */
  redisUrl?: string;
  /** An automatic version is saved at most this often while a document is edited (default one hour). */
  autoVersionEveryMs?: number;
}

export interface CollabServer extends LiveDocuments {
  hocuspocus: Hocuspocus;
  /** The `upgrade` handler for the HTTP server: /collab goes to Hocuspocus, every other path is refused. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Re-checks every connection (or those of one document) now, closing or downgrading as permissions say. */
  revalidate(documentName?: string): Promise<void>;
  close(): Promise<void>;
  /** How many sockets are open for a session (tests). */
  socketsOfSession(sessionId: string): number;
}

const MAX_UNCONFIRMED_BYTES = 4 * 1024 * 1024;

/**
 * Hocuspocus queues, without limit, the messages of a socket that has not yet
 * opened a document. Cap what a socket may send before its first document is
 * accepted, and close it past that.
 */
function guardUnauthenticatedBytes(ws: WebSocket, socketContext: SocketContext): void {
  let bytes = 0;
  ws.on('message', (data: Buffer) => {
    if (socketContext.openDocuments.size > 0) return;
    bytes += data.length;
    if (bytes > MAX_UNCONFIRMED_BYTES) ws.close(1008, 'too-much-unauthenticated-data');
  });
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
}

export function createCollabServer(options: CollabOptions): CollabServer {
  const { db, auth, logger } = options;
  const maxConnectionsPerUser = options.maxConnectionsPerUser ?? 20;
  const connectionsByUser = new Map<string, number>();
  /** Open sockets by the session that opened them: a sign-out closes exactly those. */
  const socketsBySession = new Map<string, Set<{ ws: WebSocket; context: SocketContext }>>();
  const search = createSearchRefresher({ db, logger, debounceMs: options.searchDebounceMs });

  const relay = options.redisUrl ? createRedisRelay(options.redisUrl, undefined, logger) : null;
  // With other instances editing the same documents, this copy may lack their edits: compaction then merges rows.
  const persistence = persistenceExtension({ db, logger, compactEvery: options.compactEvery, liveCompaction: !relay, onContentChange: search.changed });
  const hocuspocus = new Hocuspocus({
    quiet: true,
    // Durability does not depend on the store hook (see persistence-extension); unload when the last client leaves.
    unloadImmediately: true,
    extensions: [
      authExtension({ db, maxDocumentsPerConnection: options.maxDocumentsPerConnection ?? 10 }),
      awarenessExtension(),
      persistence,
      versionExtension(createAutoVersioner({ db, logger, everyMs: options.autoVersionEveryMs ?? 3_600_000 })),
      ...(relay ? [relay] : []),
    ],
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 2 * 1024 * 1024 });

  async function userFromCookie(request: IncomingMessage): Promise<{ userId: string; sessionId: string } | null> {
    const person = await signedInPerson(auth, new Headers({ cookie: request.headers.cookie ?? '' }));
    return person ? { userId: person.id, sessionId: person.sessionId } : null;
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://portal.invalid');
    if (url.pathname !== COLLAB_PATH) return refuse(socket, 404, 'Not Found');
    const origin = request.headers.origin;
    if (origin && !sameHost(origin, request.headers.host)) return refuse(socket, 403, 'Forbidden');
    userFromCookie(request)
      .then((signedIn) => {
        const userId = signedIn?.userId;
        const open = userId ? (connectionsByUser.get(userId) ?? 0) : 0;
        if (!signedIn || !userId || open >= maxConnectionsPerUser) {
          // A browser cannot read the status of a refused upgrade, only a close code and reason:
          // accept, then close at once, so the editor can say why (signed out, too many tabs).
          const { code, reason } = userId ? CLOSE_REASONS.tooManyConnections : CLOSE_REASONS.unauthorized;
          wss.handleUpgrade(request, socket, head, (ws) => ws.close(code, reason));
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => {
          // Counted only once the socket exists: an upgrade abandoned midway never takes a place.
          connectionsByUser.set(userId, (connectionsByUser.get(userId) ?? 0) + 1);
          const socketContext: SocketContext = { userId, sessionId: signedIn.sessionId, openDocuments: new Set<string>() };
          const entry = { ws, context: socketContext };
          const ofSession = socketsBySession.get(signedIn.sessionId) ?? new Set();
          socketsBySession.set(signedIn.sessionId, ofSession.add(entry));
          guardUnauthenticatedBytes(ws, socketContext);
          ws.once('close', () => {
            ofSession.delete(entry);
            if (ofSession.size === 0 && socketsBySession.get(signedIn.sessionId) === ofSession) socketsBySession.delete(signedIn.sessionId);
            const left = (connectionsByUser.get(userId) ?? 1) - 1;
            if (left > 0) connectionsByUser.set(userId, left);
            else connectionsByUser.delete(userId);
          });
          ws.on('error', (error) => logger.warn({ err: error, userId }, 'collaboration socket closed on error'));
          hocuspocus.handleConnection(ws, request, { socket: socketContext });
        });
      })
      .catch((error) => {
        logger.error({ err: error }, 'collaboration upgrade failed');
        refuse(socket, 500, 'Internal Server Error');
      });
  }

  /** Ends a socket for good: nothing it sends afterwards is read (auth-extension), and it is told why. */
  function endSocket(entry: { ws: WebSocket; context: SocketContext }): void {
    entry.context.revoked = true;
    entry.ws.close(CLOSE_REASONS.unauthorized.code, CLOSE_REASONS.unauthorized.reason);
  }

  function closeSession(sessionId: string): void {
    for (const entry of socketsBySession.get(sessionId) ?? []) endSocket(entry);
  }

  async function revalidateUser(userId: string): Promise<void> {
    if (!(await getPersonActor(db, userId))) {
      // Deactivated (or gone): every socket of theirs ends, whatever document it has open.
      for (const sockets of socketsBySession.values()) for (const entry of sockets) if (entry.context.userId === userId) endSocket(entry);
      return;
    }
    await revalidate(undefined, userId);
  }

  async function revalidate(documentName?: string, onlyUserId?: string): Promise<void> {
    const documents = documentName ? [hocuspocus.documents.get(documentName)].filter((d) => d !== undefined) : [...hocuspocus.documents.values()];
    const accessOf = accessSweep(db);
    for (const [index, document] of documents.entries()) {
      // On SQLite every query resolves without ever leaving the event loop, so a sweep over hundreds
      // of open documents would hold it for hundreds of milliseconds: let the sockets in between documents.
      if (index > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const connection of document.getConnections()) {
        const userId = (connection.context as { socket?: { userId: string } }).socket?.userId;
        if (!userId || (onlyUserId && userId !== onlyUserId)) continue;
        const result = await accessOf(userId, document.name);
        const readOnly = result.access !== 'edit';
        if (result.access === 'none') {
          connection.close(CLOSE_REASONS.accessRevoked);
        } else if (connection.readOnly !== readOnly) {
          // Stop accepting (or start accepting) edits at once; the client reconnects and is told its new rights.
          connection.readOnly = readOnly;
          connection.close(CLOSE_REASONS.accessChanged);
        }
      }
    }
  }

  // Permissions change in the database (a person removed from a document, deactivated): act within seconds.
  const revalidation = setInterval(() => {
    revalidate().catch((error) => logger.error({ err: error }, 'collaboration revalidation failed'));
  }, options.revalidateEveryMs ?? 3_000);
  revalidation.unref();

  return {
    hocuspocus,
    handleUpgrade,
    revalidate: (documentName?: string) => revalidate(documentName),
    revalidateUser,
    closeSession,
    socketsOfSession: (sessionId) => socketsBySession.get(sessionId)?.size ?? 0,
    async close() {
      clearInterval(revalidation);
      await search.close();
      hocuspocus.closeConnections();
      for (const client of wss.clients) client.terminate();
      // Every acknowledged update is already stored; unloading only compacts.
      const deadline = Date.now() + 5_000;
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await relay?.onDestroy();
    },
  };
}
