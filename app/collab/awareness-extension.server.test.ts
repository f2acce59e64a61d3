import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessExtension, readAwarenessStates } from './awareness-extension.server.ts';

function awarenessMessage(state: Record<string, unknown> | null): Uint8Array {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, 'doc-1');
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]));
  return encoding.toUint8Array(encoder);
}

const socket = { userId: 'u1', openDocuments: new Set<string>(), person: { name: 'Lejla Kovačević', institution: 'Ministry of Security' } };

const serverDocument = { awareness: new Awareness(new Y.Doc()) };

function check(state: Record<string, unknown> | null, message = awarenessMessage(state)) {
  const hook = awarenessExtension().beforeHandleMessage!;
  return hook({ context: { socket }, update: message, document: serverDocument } as unknown as Parameters<typeof hook>[0]);
}

describe('presence announcements', () => {
  test('reads the states of an awareness message', () => {
    expect(readAwarenessStates(awarenessMessage({ name: 'A', color: '#000' }))?.map((e) => e.state)).toEqual([{ name: 'A', color: '#000' }]);
  });

  test('a sync message is not an awareness message', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'doc-1');
    encoding.writeVarUint(encoder, 0);
    expect(readAwarenessStates(encoding.toUint8Array(encoder))).toBeNull();
  });

  test('the signed-in person may announce themselves', async () => {
    await expect(check({ name: 'Lejla Kovačević', color: '#123456', awarenessData: { institution: 'Ministry of Security' } })).resolves.toBeUndefined();
    await expect(check(null)).resolves.toBeUndefined();
  });

  test('states of other people that a provider echoes back are not claims of its own', async () => {
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ name: 'Nikola Petrović', awarenessData: { institution: 'BH Telecom' } });
    const update = encodeAwarenessUpdate(other, [other.clientID]);
    // The server already holds this state of Nikola's, at this clock.
    applyAwarenessUpdate(serverDocument.awareness, update, 'nikola');
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'doc-1');
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, update);
    await expect(check(null, encoding.toUint8Array(encoder))).resolves.toBeUndefined();
  });

  test('another name or institution closes the connection', async () => {
    await expect(check({ name: 'The Minister', color: '#123456' })).rejects.toThrow(/name/);
    await expect(check({ name: 'Lejla Kovačević', awarenessData: { institution: 'NATO' } })).rejects.toThrow(/institution/);
  });
});
