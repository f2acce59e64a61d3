/**
 * Why the collaboration server refuses or ends a connection. Shared by the
 * server (which sends them) and the editor (which shows a translated message).
 */
export const CLOSE_REASONS = {
  unauthorized: { code: 4401, reason: 'unauthorized' },
  forbidden: { code: 4403, reason: 'forbidden' },
  accessRevoked: { code: 4403, reason: 'access-revoked' },
  /** Access went from editing to reading (or back): the client reconnects and learns its new rights. */
  accessChanged: { code: 4409, reason: 'access-changed' },
  tooManyConnections: { code: 4429, reason: 'too-many-connections' },
  tooManyDocuments: { code: 4429, reason: 'too-many-documents' },
} as const;

export type CloseReason = (typeof CLOSE_REASONS)[keyof typeof CLOSE_REASONS]['reason'];

/** The path the collaboration WebSocket listens on. */
export const COLLAB_PATH = '/collab';
