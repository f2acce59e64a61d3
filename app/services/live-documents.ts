import type { Hocuspocus } from '@hocuspocus/server';

/**
 * What services need of the live collaboration server: the documents open in
 * memory, a direct connection to change one so every editor sees it, and a
 * re-check of who may stay connected. app/collab implements it; services depend
 * on this interface rather than on app/collab, so the layers point one way
 * (collab → services) and no import cycle runs through them (decision 019).
 */
export interface LiveDocuments {
  hocuspocus: Pick<Hocuspocus, 'documents' | 'openDirectConnection'>;
  /** Re-checks every connection (or those of one document) now, closing or downgrading as permissions say. */
  revalidate(documentName?: string): Promise<void>;
  /** Re-checks one person's connections now (role, institution or deactivation changed); a deactivated person's sockets end. */
  revalidateUser(userId: string): Promise<void>;
  /** Ends every socket opened with this session (sign-out, revoked session). */
  closeSession(sessionId: string): void;
}
