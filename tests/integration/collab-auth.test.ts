import { beforeAll, describe, expect, test } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { loadMergedState } from '../../app/models/document-state.server.ts';
import { updateDocumentSettings } from '../../app/models/document.server.ts';
import { setPersonActive } from '../../app/models/person.server.ts';
import type { Db } from '../../db/client.server.ts';
import type { Portal } from '../../server/portal.ts';
import { authMessage, docFromState, openCollab, RawCollabSocket, rawSocket, socketOutcome, waitFor, type CollabClient } from '../support/collab-client.ts';
import { collabOf, serverConnectionUsers, serverDoc, storedBytes, BH_TELECOM, E_TRANSFORMACIJA, useCollabPortal } from '../support/collab-portal.ts';
import { unique } from '../support/factories.ts';
import { dialects } from '../support/test-database.ts';

/**
 * Live co-drafting end to end: who may connect, and who is cut off when their rights change.
 * Real HocuspocusProvider clients over real WebSockets against the real
 * portal (startPortal, in-process), signed in through the real /login form,
 * on every dialect; the shared setting is tests/support/collab-portal.ts.
 * Needs build/index.js.
 */

describe.each(dialects)('who may connect over /collab on %s', (dialect) => {
  const live = useCollabPortal(dialect);
  let portal: Portal;
  let db: Db;
  let strategyId: string;
  const { cookies, ids, institution, newDocument, open } = live;
  beforeAll(() => {
    ({ portal, db, strategyId } = live);
  });

  /**
   * The event that stands in for "long enough" before a check that something did not arrive: the
   * server's answer (a sync, or a refusal for someone deactivated) about a document named for this
   * person, asked afterwards over the same socket. Whatever it sent for the first document before
   * answering this later question has arrived by then.
   */
  async function laterAnswerOnSameSocket(client: CollabClient, userId: string): Promise<void> {
    const { id } = await newDocument({ institutions: [], people: [{ userId, access: 'edit' }] });
    const probe = new HocuspocusProvider({ websocketProvider: client.socket, name: id, document: new Y.Doc(), token: 'cookie-session' });
    let refused = false;
    probe.on('authenticationFailed', () => (refused = true));
    probe.attach();
    try {
      await waitFor(() => probe.isSynced || refused, 'the server to answer about a later document over the same socket', 10_000);
    } finally {
      probe.destroy();
    }
  }

  describe('refusals', () => {
    test('a member of an institution outside an AMBER+STRICT document gets authenticationFailed "forbidden", and no content', async () => {
      const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] }, { tlp: 'AMBER+STRICT' }, 'Strictly internal words.');
      const outsider = await open('academic', id, { waitForSync: false });
      await waitFor(() => outsider.authenticationFailures.length > 0, 'authenticationFailed');
      expect(outsider.authenticationFailures).toEqual(['forbidden']);
      await laterAnswerOnSameSocket(outsider, ids.academic);
      expect(outsider.provider.isSynced).toBe(false);
      expect(outsider.scope).toBeNull();
      expect(outsider.doc.get('root', Y.XmlText).length).toBe(0);
      expect(serverConnectionUsers(portal, id)).not.toContain(ids.academic);

      // The same person on a document their institution takes part in is let in: the refusal was about access.
      const allowed = await open('private', id);
      expect(allowed.scope).toBe('read-write');
    });

    test('a socket without a valid session is closed at once with 4401 "unauthorized", and a provider without one never syncs', async () => {
      // Accepted, then closed: a browser can read a close code, never the status of a refused upgrade.
      expect(await socketOutcome(portal.url, {})).toEqual({ kind: 'closed', code: 4401, reason: 'unauthorized' });
      expect(await socketOutcome(portal.url, { cookie: 'better-auth.session_token=forged.value' })).toEqual({ kind: 'closed', code: 4401, reason: 'unauthorized' });
      // Nothing it sends first is looked at.
      const eager = await rawSocket(portal.url, {});
      if (!eager.ok) throw new Error(`unexpected HTTP ${eager.status}`);
      const raw = new RawCollabSocket(eager.ws);
      raw.send(authMessage(strategyId));
      await waitFor(() => raw.closed, 'the anonymous socket to close');
      expect(raw.messages).toEqual([]);

      const anonymous = await openCollab({ baseURL: portal.url, documentName: strategyId, waitForSync: false });
      await waitFor(() => anonymous.closes.some((c) => c.code === 4401 && c.reason === 'unauthorized'), 'the close 4401 of the anonymous provider');
      // The provider reconnects at once and is closed again: a whole second handshake after the first refusal.
      await waitFor(() => anonymous.closes.filter((c) => c.code === 4401).length >= 2, 'the reconnect to be closed 4401 as well');
      expect(anonymous.provider.isSynced).toBe(false);
      expect(anonymous.scope).toBeNull();
      expect(anonymous.doc.get('root', Y.XmlText).length).toBe(0);
    });

    test('a socket whose Origin is another host is refused with 403; the portal’s own origin is accepted', async () => {
      expect(await rawSocket(portal.url, { cookie: cookies.member, origin: 'http://evil.example' })).toEqual({ ok: false, status: 403 });
      expect(await rawSocket(portal.url, { cookie: cookies.member, origin: `http://evil.example:${new URL(portal.url).port}` })).toEqual({ ok: false, status: 403 });
      const same = await rawSocket(portal.url, { cookie: cookies.member, origin: new URL(portal.url).origin });
      expect(same.ok).toBe(true);
      if (same.ok) same.ws.terminate();
    });

    test('a path other than /collab is refused with 404', async () => {
      for (const other of ['/', '/collab/x', '/collabx', '/dashboard']) {
        expect(await rawSocket(portal.url, { cookie: cookies.member }, other), other).toEqual({ ok: false, status: 404 });
      }
      // A query string is still /collab.
      const withQuery = await rawSocket(portal.url, { cookie: cookies.member }, '/collab?x=1');
      expect(withQuery.ok).toBe(true);
      if (withQuery.ok) withQuery.ws.terminate();
    });
  });

  describe('permissions changed while connected (revalidated every 300 ms)', () => {
    const deadline = 3_000;

    async function editorsOn(documentId: string) {
      const owner = await open('member', documentId);
      const participant = await open('private', documentId);
      expect(participant.scope).toBe('read-write');
      return { owner, participant };
    }

    async function expectCutOff(cut: CollabClient, owner: CollabClient, documentId: string, userId: string) {
      // The deadline of these waits is the bound "within seconds"; no clock is asserted on top of it.
      await waitFor(() => cut.closes.some((c) => c.reason === 'access-revoked'), 'the close with reason access-revoked', deadline);
      expect(cut.provider.isSynced).toBe(false);
      expect(serverConnectionUsers(portal, documentId)).not.toContain(userId);
      expect(serverConnectionUsers(portal, documentId)).toContain(ids.member);

      // They no longer receive edits ...
      const after = `after-revocation-${unique()}`;
      owner.doc.getText('probe').insert(0, after);
      await owner.acknowledged();
      const witness = await open('member', documentId);
      expect(witness.doc.getText('probe').toString()).toContain(after);
      await laterAnswerOnSameSocket(cut, userId);
      expect(cut.doc.getText('probe').toString()).not.toContain(after);
      // ... and what they still type goes nowhere.
      const late = `late-edit-${unique()}`;
      cut.doc.getText('probe').insert(0, late);
      await laterAnswerOnSameSocket(cut, userId);
      await owner.acknowledged();
      expect(serverDoc(portal, documentId)?.getText('probe').toString()).not.toContain(late);
      expect(witness.doc.getText('probe').toString()).not.toContain(late);
      expect((await storedBytes(db, documentId)).includes(late)).toBe(false);
    }

    test('an institution removed from the participants is disconnected within seconds', async () => {
      const { id, fields } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const { owner, participant } = await editorsOn(id);
      participant.doc.getText('probe').insert(0, 'before-removal ');
      await participant.acknowledged();

      await updateDocumentSettings(db, ids.secretariat, id, fields, { institutions: [], people: [] });
      await expectCutOff(participant, owner, id, ids.private);
      // What they wrote while allowed stays.
      expect(docFromState(await loadMergedState(db, id)).getText('probe').toString()).toContain('before-removal');
    });

    test('a document reclassified RED (named people only) disconnects everyone else', async () => {
      const { id, fields } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const { owner, participant } = await editorsOn(id);
      await updateDocumentSettings(db, ids.secretariat, id, { ...fields, tlp: 'RED' }, {
        institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }],
        people: [{ userId: ids.member, access: 'edit' }],
      });
      await expectCutOff(participant, owner, id, ids.private);
      expect(owner.closes).toEqual([]);
    });

    test('a participant downgraded to comment is sent back to reconnect ("access-changed") and is read-only from then on', async () => {
      const { id, fields } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      const { owner, participant } = await editorsOn(id);
      participant.doc.getText('probe').insert(0, 'while-editor ');
      await participant.acknowledged();
      await updateDocumentSettings(db, ids.secretariat, id, fields, { institutions: [{ institutionId: institution(BH_TELECOM), access: 'comment' }], people: [] });
      await waitFor(() => participant.closes.some((c) => c.reason === 'access-changed'), 'the close with reason access-changed', deadline);
      await waitFor(() => participant.scope === 'readonly' && participant.provider.isSynced, 'the reconnected participant to be read-only', deadline);
      expect(participant.closes.map((c) => c.reason)).not.toContain('access-revoked');
      const connections = collabOf(portal).hocuspocus.documents.get(id)!.getConnections();
      const theirs = connections.filter((c) => (c.context as { socket?: { userId: string } }).socket?.userId === ids.private);
      expect(theirs.map((c) => c.readOnly)).toEqual([true]);

      const refused = participant.syncStatuses.filter((s) => !s).length;
      const marker = `downgraded-${unique()}`;
      participant.doc.getText('probe').insert(0, marker);
      await waitFor(() => participant.syncStatuses.filter((s) => !s).length > refused, 'the refusal of the downgraded edit');
      owner.doc.getText('probe').insert(0, 'owner-after-downgrade ');
      await owner.acknowledged();
      await waitFor(() => participant.doc.getText('probe').toString().includes('owner-after-downgrade'), 'the downgraded participant to keep receiving edits');
      expect(owner.doc.getText('probe').toString()).not.toContain(marker);
      expect(owner.doc.getText('probe').toString()).toContain('while-editor');
      expect((await storedBytes(db, id)).includes(marker)).toBe(false);

      // And back to edit: reconnected read-write, and new edits are stored again.
      await updateDocumentSettings(db, ids.secretariat, id, fields, { institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] });
      await waitFor(() => participant.closes.filter((c) => c.reason === 'access-changed').length >= 2, 'the second access-changed', deadline);
      await waitFor(() => participant.scope === 'read-write' && participant.provider.isSynced, 'the participant to be an editor again', deadline);
      participant.doc.getText('probe').insert(0, 'editor-again ');
      await participant.acknowledged();
      expect(docFromState(await loadMergedState(db, id)).getText('probe').toString()).toContain('editor-again');
    });

    test('a deactivated person is disconnected within seconds', async () => {
      const { id } = await newDocument({ institutions: [{ institutionId: institution(E_TRANSFORMACIJA), access: 'edit' }], people: [] });
      const owner = await open('member', id);
      const civil = await open('civil', id);
      expect(civil.scope).toBe('read-write');
      await setPersonActive(db, ids.secretariat, ids.civil, false);
      await expectCutOff(civil, owner, id, ids.civil);
      // The session is gone too: a new socket is closed at once.
      expect(await socketOutcome(portal.url, { cookie: cookies.civil })).toEqual({ kind: 'closed', code: 4401, reason: 'unauthorized' });
    });
  });
});
