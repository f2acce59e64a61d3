/**
 * Naming and counting for the copies of documents an editor keeps in the
 * browser (IndexedDB) so that unsent changes survive a closed tab. Pure, so
 * the sign-out path, the login page and the editor agree on the names, and the
 * counting can be tested without a browser. See decision 025.
 */

/** Every database the portal creates for a device copy starts with this; nothing else does. */
export const DEVICE_COPY_PREFIX = 'portal-offline:v1:';

/**
 * One database per person and document: a second person on the same computer
 * never loads (and so never sends under their own name) someone else's draft.
 */
export function deviceCopyName(personId: string, documentId: string): string {
  if (!personId || !documentId) throw new Error('A device copy needs a person and a document.');
  // Ids never contain ':' today; encoding keeps the name unambiguous if one ever does.
  return `${DEVICE_COPY_PREFIX}${encodeURIComponent(personId)}:${encodeURIComponent(documentId)}`;
}

/** Is this IndexedDB database one of the portal's device copies? */
export function isDeviceCopyName(name: string | undefined | null): name is string {
  return typeof name === 'string' && name.startsWith(DEVICE_COPY_PREFIX);
}

/**
 * Local changes the server has not acknowledged yet. `stored` is what an
 * earlier visit left on the device; it counts only once the device copy has
 * been read (`ready`), and changes made here before that are in `sinceOpen`.
 */
export interface PendingChanges {
  ready: boolean;
  stored: number;
  sinceOpen: number;
}

export type PendingEvent =
  /** The device copy was read: it held `stored` unacknowledged changes (0 when there is no copy). */
  | { type: 'restored'; stored: number }
  /** One change made in this tab (a Yjs update not from the server and not from the device). */
  | { type: 'local-change' }
  /** The server acknowledged everything this tab had sent. */
  | { type: 'all-acknowledged' };

export const NO_PENDING_CHANGES: PendingChanges = { ready: false, stored: 0, sinceOpen: 0 };

export function nextPendingChanges(state: PendingChanges, event: PendingEvent): PendingChanges {
  switch (event.type) {
    case 'restored':
      return state.ready ? state : { ready: true, stored: Math.max(0, Math.floor(event.stored)) || 0, sinceOpen: state.sinceOpen };
    case 'local-change':
      return { ...state, sinceOpen: state.sinceOpen + 1 };
    case 'all-acknowledged':
      // Before the device copy is applied, an acknowledgement covers only what this tab sent,
      // not the changes still waiting on the device.
      return state.ready ? { ready: true, stored: 0, sinceOpen: 0 } : { ...state, sinceOpen: 0 };
  }
}

/** The number the status line shows. */
export function pendingCount(state: PendingChanges): number {
  return (state.ready ? state.stored : 0) + state.sinceOpen;
}
