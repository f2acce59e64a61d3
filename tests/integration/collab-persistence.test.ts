import { beforeAll, describe, expect, test } from 'vitest';
import { listDocuments } from '../../app/services/scoped-reads.server.ts';
import { getPersonActor } from '../../app/models/person.server.ts';
import type { Db } from '../../db/client.server.ts';
import { typeIntoFirstParagraph, waitFor } from '../support/collab-client.ts';
import { BH_TELECOM, useCollabPortal } from '../support/collab-portal.ts';
import { unique } from '../support/factories.ts';
import { dialects } from '../support/test-database.ts';

/**
 * Live co-drafting end to end: what a stored edit becomes: searchable text.
 * Real HocuspocusProvider clients over real WebSockets against the real
 * portal (startPortal, in-process), signed in through the real /login form,
 * on every dialect; the shared setting is tests/support/collab-portal.ts.
 * Needs build/index.js.
 */

describe.each(dialects)('stored live edits over /collab on %s', (dialect) => {
  const live = useCollabPortal(dialect);
  let db: Db;
  const { ids, institution, newDocument, open } = live;
  beforeAll(() => {
    ({ db } = live);
  });

  test('an edit through a provider becomes searchable within seconds, only for people who may read the document', async () => {
    const { id } = await newDocument({ institutions: [{ institutionId: institution(BH_TELECOM), access: 'edit' }], people: [] }, { tlp: 'AMBER' });
    const word = `quokka${dialect}${unique()}`;
    const reader = (await getPersonActor(db, ids.private))!;
    const outsider = (await getPersonActor(db, ids.academic))!;
    expect(await listDocuments(db, reader, { query: word })).toEqual([]);

    const editor = await open('member', id);
    typeIntoFirstParagraph(editor.doc, word);
    await editor.acknowledged();
    await waitFor(async () => (await listDocuments(db, reader, { query: word })).length > 0, `search to find ${word}`, 8_000, 100);
    expect((await listDocuments(db, reader, { query: word })).map((d) => d.id)).toEqual([id]);
    const owner = (await getPersonActor(db, ids.member))!;
    expect((await listDocuments(db, owner, { query: word })).map((d) => d.id)).toEqual([id]);
    expect(await listDocuments(db, outsider, { query: word })).toEqual([]);
    expect(await listDocuments(db, outsider, { query: word.slice(0, 12) })).toEqual([]);
  });
});
