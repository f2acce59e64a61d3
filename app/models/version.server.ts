import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import { dialectOf } from '../../db/client.server.ts';
import type { VersionKind } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';

/** The SQL of saved versions: full Yjs states with their rendered HTML (docs/decisions/012-versions-as-full-states.md). */

export interface NewVersion {
  documentId: string;
  kind: VersionKind;
  name: string | null;
  state: Uint8Array;
  html: string;
  wordCount: number;
  createdById: string | null;
}

export interface InsertedVersion {
  id: string;
  number: number;
  createdAt: string;
}

/**
 * Inserts a version with the next number of its document. Call it inside a
 * transaction: on PostgreSQL the document row is locked so two saves at the
 * same moment take 1 and 2 instead of colliding on the unique number.
 */
export async function insertVersion(trx: Db, version: NewVersion): Promise<InsertedVersion> {
  if (dialectOf(trx) === 'postgres') {
    await trx.selectFrom('document').select('id').where('id', '=', version.documentId).forUpdate().executeTakeFirst();
  }
  const last = await trx
    .selectFrom('documentVersion')
    .select((eb) => eb.fn.max<number | string | null>('number').as('number'))
    .where('documentId', '=', version.documentId)
    .executeTakeFirst();
  const number = Number(last?.number ?? 0) + 1;
  const id = crypto.randomUUID();
  const createdAt = nowIso();
  await trx
    .insertInto('documentVersion')
    .values({
      id,
      documentId: version.documentId,
      number,
      name: version.name,
      kind: version.kind,
      state: Buffer.from(version.state),
      html: version.html,
      wordCount: version.wordCount,
      createdById: version.createdById,
      createdAt,
    })
    .execute();
  return { id, number, createdAt };
}

/** A document's versions, newest first, without their (large) state and HTML. */
export async function listVersions(db: Db, documentId: string) {
  return db
    .selectFrom('documentVersion')
    .leftJoin('user', 'user.id', 'documentVersion.createdById')
    .select([
      'documentVersion.id',
      'documentVersion.number',
      'documentVersion.name',
      'documentVersion.kind',
      'documentVersion.wordCount',
      'documentVersion.createdAt',
      'user.name as authorName',
    ])
    .where('documentVersion.documentId', '=', documentId)
    .orderBy('documentVersion.number', 'desc')
    .execute();
}

export type VersionListItem = Awaited<ReturnType<typeof listVersions>>[number];

/** One version of a document by its number, with its HTML (not its state). */
export async function getVersionByNumber(db: Db, documentId: string, number: number) {
  return db
    .selectFrom('documentVersion')
    .leftJoin('user', 'user.id', 'documentVersion.createdById')
    .select([
      'documentVersion.id',
      'documentVersion.number',
      'documentVersion.name',
      'documentVersion.kind',
      'documentVersion.html',
      'documentVersion.wordCount',
      'documentVersion.createdAt',
      'user.name as authorName',
    ])
    .where('documentVersion.documentId', '=', documentId)
    .where('documentVersion.number', '=', number)
    .executeTakeFirst();
}

/** The stored Yjs state of one version, only if it belongs to the document. */
export async function getVersionState(db: Db, documentId: string, versionId: string) {
  const row = await db
    .selectFrom('documentVersion')
    .select(['id', 'number', 'name', 'kind', 'state'])
    .where('documentId', '=', documentId)
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row ? { ...row, state: new Uint8Array(row.state) } : undefined;
}

/** When the document's most recent version (of any kind) was saved, or null. */
export async function latestVersionTime(db: Db, documentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('documentVersion')
    .select('createdAt')
    .where('documentId', '=', documentId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.createdAt ?? null;
}
