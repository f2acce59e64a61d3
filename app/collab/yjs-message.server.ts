import * as decoding from 'lib0/decoding';

// Message types of the Hocuspocus protocol, and the sync sub-types of y-protocols.
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type DocumentChange = { kind: 'sync-step-2' | 'update'; update: Uint8Array };

/**
 * The Yjs update a raw Hocuspocus message carries, if it carries one.
 * Throws on a malformed message, which closes only that connection.
 */
export function readDocumentChange(message: Uint8Array): DocumentChange | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const syncType = decoding.readVarUint(decoder);
  if (syncType === SYNC_STEP_2) return { kind: 'sync-step-2', update: decoding.readVarUint8Array(decoder) };
  if (syncType === SYNC_UPDATE) return { kind: 'update', update: decoding.readVarUint8Array(decoder) };
  return null;
}
