import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { DocumentEdition } from '../../db/schema.ts';
import { nowIso } from '../utils/time.ts';
import { cyrillicToLatin } from '../utils/transliterate.ts';
import { recordAudit } from './audit.server.ts';
import { editionNumber } from './publication.server.ts';

/**
 * Published editions: the write side. An edition is immutable, so this module
 * has no update function, and a database trigger (migration 04) refuses any
 * UPDATE of `documentEdition` whatever code tries it.
 */

export type EditionBump = 'major' | 'minor';

export interface PublishEditionInput {
  documentId: string;
  bump: EditionBump;
  changelog: string;
  /** Sanitised HTML of the version being published (the allow-list renderer's output). */
  html: string;
  markdown: string;
  versionId: string;
  publishedById: string;
  /** Names of the participating institutions: the only names the public sees. */
  participants: string[];
}

/** The number after `latest`: the first edition is 1.0; major → (M+1).0; minor → M.(m+1). */
export function nextEditionNumber(latest: { major: number; minor: number } | undefined, bump: EditionBump): { major: number; minor: number } {
  if (!latest) return { major: 1, minor: 0 };
  return bump === 'major' ? { major: latest.major + 1, minor: 0 } : { major: latest.major, minor: latest.minor + 1 };
}

// Bosnian, Croatian and Serbian Latin letters that NFKD does not reduce to ASCII (đ) or
// that readers expect spelled a particular way (đ → dj, as in "Đurđevdan" → "djurdjevdan").
const FOLD: Record<string, string> = { č: 'c', ć: 'c', đ: 'dj', š: 's', ž: 'z', Č: 'c', Ć: 'c', Đ: 'dj', Š: 's', Ž: 'z' };

/** A URL segment from a title: ASCII letters and digits joined by hyphens. */
export function slugify(title: string): string {
  // A Serbian Cyrillic title gets the address its Latin spelling would (a language version of a family).
  const slug = cyrillicToLatin(title)
    .replace(/[čćđšžČĆĐŠŽ]/g, (c) => FOLD[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'document';
}

/** `base`, or `base-2`, `base-3`… whichever no other document holds yet. */
async function uniqueSlug(db: Db, base: string, documentId: string): Promise<string> {
  const taken = await db
    .selectFrom('document')
    .select('slug')
    .where('id', '!=', documentId)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

export async function latestEdition(db: Db, documentId: string): Promise<DocumentEdition | undefined> {
  return db
    .selectFrom('documentEdition')
    .selectAll()
    .where('documentId', '=', documentId)
    .orderBy('major', 'desc')
    .orderBy('minor', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every edition of a document, newest first, without the stored texts. */
export async function listEditionSummaries(db: Db, documentId: string) {
  return db
    .selectFrom('documentEdition')
    .leftJoin('user', 'user.id', 'documentEdition.publishedById')
    .select([
      'documentEdition.id',
      'documentEdition.major',
      'documentEdition.minor',
      'documentEdition.title',
      'documentEdition.changelog',
      'documentEdition.versionId',
      'documentEdition.publishedAt',
      'user.name as publishedByName',
    ])
    .where('documentEdition.documentId', '=', documentId)
    .orderBy('documentEdition.major', 'desc')
    .orderBy('documentEdition.minor', 'desc')
    .execute();
}

/** Names of the owner and participating institutions, as stored with an edition. */
export async function participantInstitutionNames(db: Db, documentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('document')
    .innerJoin('institution', 'institution.id', 'document.ownerInstitutionId')
    .select('institution.name')
    .where('document.id', '=', documentId)
    .unionAll(
      db
        .selectFrom('documentInstitution')
        .innerJoin('institution', 'institution.id', 'documentInstitution.institutionId')
        .select('institution.name')
        .where('documentInstitution.documentId', '=', documentId),
    )
    .execute();
  const [owner, ...others] = rows.map((row) => row.name);
  return owner === undefined ? [] : [owner, ...others.sort((a, b) => a.localeCompare(b))];
}

/**
 * Stores the next edition of a document, snapshotting its title, summary, type
 * and language, and fixes the document's public slug at its first publication.
 * Call inside the transaction that moves the document to `published`.
 */
export async function publishEdition(trx: Db, input: PublishEditionInput): Promise<DocumentEdition> {
  const document = await trx
    .selectFrom('document')
    .select(['id', 'title', 'summary', 'type', 'language', 'slug'])
    .where('id', '=', input.documentId)
    .executeTakeFirstOrThrow();
  const number = nextEditionNumber(await latestEdition(trx, input.documentId), input.bump);
  if (!document.slug) {
    const slug = await uniqueSlug(trx, slugify(document.title), document.id);
    await trx.updateTable('document').set({ slug }).where('id', '=', document.id).execute();
  }
  const edition = await trx
    .insertInto('documentEdition')
    .values({
      id: crypto.randomUUID(),
      documentId: document.id,
      ...number,
      title: document.title,
      summary: document.summary,
      type: document.type,
      language: document.language,
      changelog: input.changelog.trim(),
      html: input.html,
      markdown: input.markdown,
      participants: JSON.stringify(input.participants),
      versionId: input.versionId,
      publishedById: input.publishedById,
      publishedAt: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actorId: input.publishedById,
    action: 'document.published',
    entityType: 'document',
    entityId: document.id,
    details: { edition: editionNumber(edition), editionId: edition.id, versionId: input.versionId },
  });
  return edition;
}
