import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { AUTH, docFromState, MESSAGE, RawCollabSocket, signInCookie, SYNC, waitFor } from '../support/collab-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { STRATEGY_TITLE } from './support/fault-settings.ts';
import { DEMO_PASSWORD, freePort, healthy, killAllChildren, portalProcessEnv, startPortalProcess, type PortalProcess } from './support/server-process.ts';
import { Typist } from './support/typist.ts';

/**
 * Property-based fuzzing of the collaboration protocol against a real server
 * process: sync, awareness, auth and stateless messages, well-formed or
 * truncated, mutated and oversized, sent by an editor's and by an observer's
 * socket. The server never exits, an editor on another socket keeps getting
 * every edit acknowledged, and nothing an observer sends changes the document.
 */

const RUNS = Number(process.env.FAULT_FUZZ_RUNS ?? 60);
const MAX_PAYLOAD = 2 * 1024 * 1024;

function frame(documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A real Yjs change on top of `base`: what an observer's edited copy would send. */
function realUpdate(base: Uint8Array, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  doc.getText('fuzz').insert(0, text || 'x');
  doc.getArray<string>('typed').push([`fuzz:${text}`]);
  return Y.encodeStateAsUpdate(doc, before);
}

type Shape = { kind: string; build(documentName: string, base: Uint8Array): Uint8Array };

const bytes = (max: number) => fc.uint8Array({ maxLength: max });

const shapes: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ sub: fc.constantFrom(SYNC.step1, SYNC.step2, SYNC.update, 3, 200), payload: bytes(64) }).map(({ sub, payload }) => ({
    kind: `sync/${sub} random`,
    build: (name: string) => frame(name, (e) => (encoding.writeVarUint(e, MESSAGE.sync), encoding.writeVarUint(e, sub), encoding.writeVarUint8Array(e, payload))),
  })),
  fc.record({ sub: fc.constantFrom(SYNC.step2, SYNC.update), text: fc.string({ maxLength: 40 }) }).map(({ sub, text }) => ({
    kind: `sync/${sub} real update`,
    build: (name: string, base: Uint8Array) => frame(name, (e) => (encoding.writeVarUint(e, MESSAGE.sync), encoding.writeVarUint(e, sub), encoding.writeVarUint8Array(e, realUpdate(base, text)))),
  })),
  bytes(64).map((payload) => ({
    kind: 'awareness',
    build: (name: string) => frame(name, (e) => (encoding.writeVarUint(e, MESSAGE.awareness), encoding.writeVarUint8Array(e, payload))),
  })),
  fc.record({ sub: fc.constantFrom(AUTH.token, AUTH.permissionDenied, AUTH.authenticated, 9), token: fc.string({ maxLength: 80 }) }).map(({ sub, token }) => ({
    kind: `auth/${sub}`,
    build: (name: string) => frame(name, (e) => (encoding.writeVarUint(e, MESSAGE.auth), encoding.writeVarUint(e, sub), encoding.writeVarString(e, token))),
  })),
  fc.record({ type: fc.constantFrom(MESSAGE.stateless, MESSAGE.broadcastStateless), size: fc.constantFrom(0, 100, 20_000, 64_000) }).map(({ type, size }) => ({
    kind: `stateless/${type} ${size} B`,
    build: (name: string) => frame(name, (e) => (encoding.writeVarUint(e, type), encoding.writeVarString(e, 'x'.repeat(size)))),
  })),
  fc.constantFrom(MESSAGE.queryAwareness, MESSAGE.syncReply, MESSAGE.close, MESSAGE.syncStatus, 42, 1_000_000).map((type) => ({
    kind: `type ${type}`,
    build: (name: string) => frame(name, (e) => (encoding.writeVarUint(e, type), encoding.writeVarUint(e, 1))),
  })),
);

type Mutation = { kind: 'as is' } | { kind: 'truncated'; at: number } | { kind: 'mutated'; flips: [number, number][] } | { kind: 'oversized' } | { kind: 'other document'; name: string };

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Mutation>({ kind: 'as is' }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): Mutation => ({ kind: 'truncated', at })) },
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips): Mutation => ({ kind: 'mutated', flips })) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'oversized' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((name): Mutation => ({ kind: 'other document', name })) },
);

function apply(mutation: Mutation, shape: Shape, documentName: string, base: Uint8Array): Uint8Array {
  if (mutation.kind === 'other document') return shape.build(mutation.name, base);
  const message = shape.build(documentName, base);
  if (mutation.kind === 'truncated') return message.slice(0, Math.floor(mutation.at * message.length));
  if (mutation.kind === 'mutated') {
    const copy = message.slice();
    for (const [at, value] of mutation.flips) copy[Math.min(copy.length - 1, Math.floor(at * copy.length))] = value;
    return copy;
  }
  if (mutation.kind === 'oversized') {
    const big = new Uint8Array(MAX_PAYLOAD + 1);
    big.set(message.slice(0, Math.min(message.length, big.length)));
    return big;
  }
  return message;
}

const attack = fc.record({
  observer: fc.boolean(),
  messages: fc.array(fc.tuple(shapes, mutations), { minLength: 1, maxLength: 5 }),
});

afterAll(() => killAllChildren());

describe('fuzzed collaboration messages', () => {
  let database: TestDatabase;
  let portal: PortalProcess;
  let documentId: string;
  const cookies: Record<'member' | 'observer', string> = { member: '', observer: '' };
  let control: Typist;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite', { migrate: false });
    portal = await startPortalProcess(portalProcessEnv(database.url, database.dir, await freePort()));
    documentId = (await database.db.selectFrom('document').select('id').where('title', '=', STRATEGY_TITLE).executeTakeFirstOrThrow()).id;
    for (const who of ['member', 'observer'] as const) cookies[who] = await signInCookie(portal.baseURL, `${who}@demo.example`, DEMO_PASSWORD);
    control = new Typist('control', portal.baseURL, documentId, cookies.member);
    await control.settled();
  });

  afterAll(async () => {
    control?.destroy();
    await portal?.kill();
    await database?.cleanup();
  });

  test(`${RUNS} attacks: the server survives, others are acknowledged, observers change nothing`, async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(attack, async ({ observer, messages }) => {
        round++;
        const base = Y.encodeStateAsUpdate(control.doc);
        const storedBefore = Y.encodeStateVector(docFromState(await loadMergedState(database.db, documentId)));
        const liveBefore = Y.encodeStateVector(control.doc);

        const socket = await RawCollabSocket.open(portal.baseURL, { cookie: observer ? cookies.observer : cookies.member });
        try {
          expect(await socket.authenticate(documentId)).toBe(observer ? 'readonly' : 'read-write');
          for (const [shape, mutation] of messages) {
            if (socket.closed) break;
            socket.send(apply(mutation, shape, documentId, base));
          }
          // A sync step 1 answered (or the socket closed) means every message before it was handled.
          const answers = socket.messages.length;
          if (!socket.closed) socket.send(frame(documentId, (e) => (encoding.writeVarUint(e, MESSAGE.sync), encoding.writeVarUint(e, SYNC.step1), encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())))));
          await waitFor(
            () => socket.closed !== null || socket.connectionEnded(documentId) || socket.messages.slice(answers).some((m) => m.type === MESSAGE.sync && m.detail === SYNC.step2),
            'the fuzzed socket to answer or close',
            20_000,
          );
        } finally {
          socket.close();
        }

        if (observer) {
          // The control's own round trip delivers any change the server applied before it.
          control.type(`control-${round}`, 0);
          await control.settled();
          const stored = docFromState(await loadMergedState(database.db, documentId));
          const storedVector = Y.decodeStateVector(Y.encodeStateVector(stored));
          const liveVector = Y.decodeStateVector(Y.encodeStateVector(control.doc));
          for (const [client, clock] of Y.decodeStateVector(storedBefore)) if (client !== control.doc.clientID) expect(storedVector.get(client)).toBe(clock);
          for (const [client, clock] of Y.decodeStateVector(liveBefore)) if (client !== control.doc.clientID) expect(liveVector.get(client)).toBe(clock);
          const known = new Set([...Y.decodeStateVector(storedBefore).keys(), control.doc.clientID]);
          expect([...storedVector.keys()].filter((client) => !known.has(client)), 'clients an observer added to the stored document').toEqual([]);
          expect([...liveVector.keys()].filter((client) => !known.has(client)), 'clients an observer added to the live document').toEqual([]);
        } else {
          control.type(`control-${round}`, 0);
          await control.settled();
        }
        expect(portal.alive(), `the server exited:\n${portal.output().slice(-3000)}`).toBe(true);
        expect(await healthy(portal.baseURL)).toBe(true);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(control.typed.length).toBe(RUNS);
  });
});
