import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { renderPlainText } from '../../app/content/render.server.ts';
import { compactDocument, countPendingUpdates, loadMergedState } from '../../app/models/document-state.server.ts';
import type { Db } from '../../db/client.server.ts';
import type { Portal } from '../../server/portal.ts';
import { docFromState, typeIntoFirstParagraph, waitFor } from '../support/collab-client.ts';
import { serverDoc, storedBytes, sortedStateVector, useCollabPortal } from '../support/collab-portal.ts';
import { unique } from '../support/factories.ts';
import { dialects } from '../support/test-database.ts';

/**
 * Live co-drafting end to end: editors connected together, read-write or read-only, and what reaches whom.
 * Real HocuspocusProvider clients over real WebSockets against the real
 * portal (startPortal, in-process), signed in through the real /login form,
 * on every dialect; the shared setting is tests/support/collab-portal.ts.
 * Needs build/index.js.
 */

describe.each(dialects)('editing together over /collab on %s', (dialect) => {
  const live = useCollabPortal(dialect);
  let portal: Portal;
  let db: Db;
  let strategyId: string;
  const { open } = live;
  beforeAll(() => {
    ({ portal, db, strategyId } = live);
  });

  test('two editors converge: each edit reaches the other, and both end in the same state', async () => {
    const owner = await open('member', strategyId);
    const participant = await open('private', strategyId);
    expect(owner.scope).toBe('read-write');
    expect(participant.scope).toBe('read-write');
    // The server sent the seeded draft to both.
    expect(owner.doc.get('root', Y.XmlText).length).toBeGreaterThan(0);
    expect(owner.doc.get('root', Y.XmlText).toString()).toBe(participant.doc.get('root', Y.XmlText).toString());

    owner.doc.getText('probe').insert(0, 'owner-wrote ');
    participant.doc.getText('probe').insert(0, 'participant-wrote ');
    typeIntoFirstParagraph(owner.doc, 'converge-owner');
    typeIntoFirstParagraph(participant.doc, 'converge-participant');
    await Promise.all([owner.acknowledged(), participant.acknowledged()]);

    await waitFor(
      () => owner.doc.getText('probe').toString() === participant.doc.getText('probe').toString() && owner.doc.getText('probe').length > 20,
      'both editors to see both probe edits',
    );
    for (const client of [owner, participant]) {
      expect(client.doc.getText('probe').toString()).toContain('owner-wrote');
      expect(client.doc.getText('probe').toString()).toContain('participant-wrote');
    }
    await waitFor(() => JSON.stringify(sortedStateVector(owner.doc)) === JSON.stringify(sortedStateVector(participant.doc)), 'equal state vectors');
    expect(owner.doc.get('root', Y.XmlText).toJSON()).toEqual(participant.doc.get('root', Y.XmlText).toJSON());
    const text = renderPlainText(owner.doc);
    expect(text).toContain('converge-owner');
    expect(text).toContain('converge-participant');
    expect(renderPlainText(participant.doc)).toBe(text);

    // Acknowledged means stored: the database already holds both edits.
    const stored = docFromState(await loadMergedState(db, strategyId));
    expect(stored.getText('probe').toString()).toBe(owner.doc.getText('probe').toString());
    expect(renderPlainText(stored)).toBe(text);
  });

  test('an observer is read-only: its change is never applied nor stored, yet it receives edits', async () => {
    const editor = await open('member', strategyId);
    const observer = await open('observer', strategyId);
    expect(observer.scope).toBe('readonly');
    await observer.acknowledged();
    // Settle the tail so that any new row would show.
    await compactDocument(db, strategyId);
    await waitFor(async () => (await countPendingUpdates(db, strategyId)) === 0, 'an empty tail');
    const rowsBefore = await countPendingUpdates(db, strategyId);
    const marker = `observer-marker-${unique()}`;

    const refusedBefore = observer.syncStatuses.filter((s) => !s).length;
    observer.doc.getText('observer-probe').insert(0, marker);
    typeIntoFirstParagraph(observer.doc, marker);
    await waitFor(() => observer.syncStatuses.filter((s) => !s).length >= refusedBefore + 2, 'the server to refuse both observer updates');
    expect(observer.provider.unsyncedChanges).toBeGreaterThan(0);
    // The refusal is sent after the storage hook has run: nothing was appended.
    expect(await countPendingUpdates(db, strategyId)).toBe(rowsBefore);

    // An edit after the observer's: once the observer has it, the server has long handled the observer's messages.
    editor.doc.getText('probe').insert(0, 'after-observer ');
    await editor.acknowledged();
    await waitFor(() => observer.doc.getText('probe').toString().startsWith('after-observer '), 'the observer to receive the editor’s edit');

    expect(editor.doc.getText('observer-probe').toString()).toBe('');
    expect(renderPlainText(editor.doc)).not.toContain(marker);
    expect(serverDoc(portal, strategyId)?.getText('observer-probe').toString()).toBe('');
    expect((await storedBytes(db, strategyId)).includes(marker)).toBe(false);
    expect(renderPlainText(docFromState(await loadMergedState(db, strategyId)))).not.toContain(marker);

    // Reconnecting sends the observer's whole state as sync step 2: refused as well.
    observer.socket.disconnect();
    await waitFor(() => !observer.provider.isSynced, 'the observer to go offline');
    const refusedBeforeReconnect = observer.syncStatuses.filter((s) => !s).length;
    await observer.socket.connect();
    await waitFor(() => observer.provider.isSynced && observer.syncStatuses.filter((s) => !s).length > refusedBeforeReconnect, 'the observer’s step 2 to be refused');
    editor.doc.getText('probe').insert(0, 'after-reconnect ');
    await editor.acknowledged();
    await waitFor(() => observer.doc.getText('probe').toString().startsWith('after-reconnect '), 'the reconnected observer to receive edits');
    expect(editor.doc.getText('observer-probe').toString()).toBe('');
    expect(serverDoc(portal, strategyId)?.getText('observer-probe').toString()).toBe('');
    expect((await storedBytes(db, strategyId)).includes(marker)).toBe(false);
  });
});
