import * as encoding from 'lib0/encoding';
import { Document } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { describe, expect, test } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessExtension, coalesceAwareness, readAwarenessStates } from './awareness-extension.server.ts';

function wrap(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, 'doc-1');
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

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

  test('an echoed state is not parsed, and is blanked so that applying the message changes nothing', () => {
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ name: 'Nikola Petrović', cursor: { anchor: 3 } });
    const server = new Awareness(new Y.Doc());
    applyAwarenessUpdate(server, encodeAwarenessUpdate(other, [other.clientID]), 'first');
    const message = wrap(encodeAwarenessUpdate(other, [other.clientID]));
    expect(readAwarenessStates(message, (id) => server.meta.get(id)?.clock)).toEqual([]);
    // What Hocuspocus then reads from the same buffer: a state that changes nothing.
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    decoding.readVarUint(decoder);
    let changes = 0;
    server.on('change', () => changes++);
    applyAwarenessUpdate(server, decoding.readVarUint8Array(decoder), 'echo');
    expect(changes).toBe(0);
    expect(server.getStates().get(other.clientID)).toEqual({ name: 'Nikola Petrović', cursor: { anchor: 3 } });
  });

  test('a newer state is read and left intact', () => {
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ name: 'Nikola Petrović' });
    const server = new Awareness(new Y.Doc());
    applyAwarenessUpdate(server, encodeAwarenessUpdate(other, [other.clientID]), 'first');
    other.setLocalStateField('cursor', { anchor: 7 });
    const update = encodeAwarenessUpdate(other, [other.clientID]);
    const message = wrap(update);
    expect(readAwarenessStates(message, (id) => server.meta.get(id)?.clock)?.map((e) => e.state)).toEqual([{ name: 'Nikola Petrović', cursor: { anchor: 7 } }]);
    expect(message.slice(message.length - update.length)).toEqual(update);
  });

  test('another name or institution closes the connection', async () => {
    await expect(check({ name: 'The Minister', color: '#123456' })).rejects.toThrow(/name/);
    await expect(check({ name: 'Lejla Kovačević', awarenessData: { institution: 'NATO' } })).rejects.toThrow(/institution/);
  });
});

describe('presence broadcast', () => {
  test('changes close together go out as one message, the same bytes to every connection', async () => {
    const document = new Document('doc-1');
    const sent: Uint8Array[][] = [[], []];
    const connections = sent.map((box) => ({ webSocket: {}, send: (message: Uint8Array) => box.push(message) }));
    for (const connection of connections) document.addConnection(connection as unknown as Parameters<Document['addConnection']>[0]);
    const stop = coalesceAwareness(document);
    const editors = [1, 2, 3].map((n) => {
      const awareness = new Awareness(new Y.Doc());
      awareness.setLocalState({ name: `Editor ${n}` });
      return awareness;
    });
    for (const editor of editors) applyAwarenessUpdate(document.awareness, encodeAwarenessUpdate(editor, [editor.clientID]), connections[0].webSocket);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sent[0]).toHaveLength(1);
    expect(sent[1]).toHaveLength(1);
    expect(sent[1][0]).toBe(sent[0][0]);
    // The one message carries all three states.
    const receiver = new Awareness(new Y.Doc());
    const decoder = decoding.createDecoder(sent[0][0]);
    expect(decoding.readVarString(decoder)).toBe('doc-1');
    expect(decoding.readVarUint(decoder)).toBe(1);
    applyAwarenessUpdate(receiver, decoding.readVarUint8Array(decoder), 'server');
    expect(editors.map((e) => receiver.getStates().get(e.clientID))).toEqual([{ name: 'Editor 1' }, { name: 'Editor 2' }, { name: 'Editor 3' }]);
    // The socket that announced them owns them: they are removed when it leaves.
    expect([...document.getClients(connections[0].webSocket as never)].sort()).toEqual(editors.map((e) => e.clientID).sort());
    stop();
    document.destroy();
  });
});
