import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/client.server.ts';
import type { DocumentLanguage, DocumentType } from '../../db/schema.ts';
import { searchWords } from '../utils/search-text.ts';

/**
 * The read side of publishing: everything the public site may show. Only
 * editions are public, and only of documents that are still TLP:CLEAR and have
 * a slug. Publishing already requires CLEAR; the filter here is the second
 * lock, so a document reclassified after publication disappears from the
 * public site at once. Nothing here reads the live text, versions, comments or
 * people: the only names the public sees are the participating institutions
 * stored in the edition.
 */

/** An edition without its text, for lists, feeds and the sitemap. */
export interface EditionSummary {
  id: string;
  documentId: string;
  slug: string;
  major: number;
  minor: number;
  title: string;
  summary: string;
  type: DocumentType;
  language: DocumentLanguage;
  changelog: string;
  publishedAt: string;
}

/** A complete edition, as published. */
export interface Edition extends EditionSummary {
  html: string;
  markdown: string;
  participants: string[];
}

export interface PublicationFilter {
  type?: DocumentType;
  language?: DocumentLanguage;
  /** Words of the title, summary or text, whatever their diacritics and script (app/utils/search-text.ts). */
  query?: string;
}

/** "1.0", "2.1": the edition number as people write it. */
export function editionNumber(edition: Pick<EditionSummary, 'major' | 'minor'>): string {
  return `${edition.major}.${edition.minor}`;
}

/** Parses "1.0" into numbers; anything else (including "01.0" or "1.0.0") is null. */
export function parseEditionNumber(value: string | undefined): { major: number; minor: number } | null {
  const match = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/.exec(value ?? '');
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

function publicEditions(db: Db) {
  return db
    .selectFrom('documentEdition as e')
    .innerJoin('document as d', 'd.id', 'e.documentId')
    .where('d.tlp', '=', 'CLEAR')
    .where('d.slug', 'is not', null);
}

const SUMMARY_COLUMNS = [
  'e.id',
  'e.documentId',
  'd.slug',
  'e.major',
  'e.minor',
  'e.title',
  'e.summary',
  'e.type',
  'e.language',
  'e.changelog',
  'e.publishedAt',
] as const;

function toSummary(row: Omit<EditionSummary, 'slug'> & { slug: string | null }): EditionSummary {
  return { ...row, slug: row.slug ?? '', major: Number(row.major), minor: Number(row.minor) };
}

function newestFirst(a: EditionSummary, b: EditionSummary): number {
  return b.major - a.major || b.minor - a.minor;
}

/** Every public edition, newest publication first (for the feed and the sitemap). */
export async function listPublicEditions(db: Db, limit?: number): Promise<EditionSummary[]> {
  let query = publicEditions(db).select(SUMMARY_COLUMNS).orderBy('e.publishedAt', 'desc').orderBy('e.id');
  if (limit) query = query.limit(limit);
  return (await query.execute()).map(toSummary);
}

/**
 * The latest edition of each published document, newest first. The filters
 * apply to the latest edition: a document re-published in another language
 * lists under its current language.
 */
export async function listPublications(db: Db, filter: PublicationFilter = {}, limit?: number): Promise<EditionSummary[]> {
  const rows = (await publicEditions(db).select(SUMMARY_COLUMNS).execute()).map(toSummary);
  const matching = filter.query === undefined ? null : await editionsMatching(db, filter.query);
  const latest = new Map<string, EditionSummary>();
  for (const row of rows) {
    const current = latest.get(row.documentId);
    if (!current || newestFirst(row, current) < 0) latest.set(row.documentId, row);
  }
  const list = [...latest.values()]
    .filter((e) => (!filter.type || e.type === filter.type) && (!filter.language || e.language === filter.language) && (!matching || matching.has(e.id)))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
  return limit ? list.slice(0, limit) : list;
}

/**
 * Public editions whose title, summary or text holds every word of the query,
 * folded on both sides (`portal_fold`, both dialects), so "bezbjednost" finds
 * "безбједност". A scan, not an index: a working group publishes a few dozen
 * editions, and an edition's text never changes.
 */
async function editionsMatching(db: Db, query: string): Promise<Set<string>> {
  const words = searchWords(query);
  if (words.length === 0) return new Set();
  const rows = await publicEditions(db)
    .select('e.id')
    .where((eb) =>
      eb.and(words.map((word) => sql<SqlBool>`portal_fold(${eb.ref('e.title')} || ' ' || ${eb.ref('e.summary')} || ' ' || ${eb.ref('e.markdown')}) like ${`%${word}%`}`)),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Every public edition of one document, newest first; empty when the slug is not public. */
export async function listEditionsBySlug(db: Db, slug: string): Promise<EditionSummary[]> {
  const rows = await publicEditions(db).where('d.slug', '=', slug).select(SUMMARY_COLUMNS).execute();
  return rows.map(toSummary).sort(newestFirst);
}

/** A published language version of the same family (docs/decisions/021-language-versions.md). */
export interface FamilyPublication {
  slug: string;
  language: DocumentLanguage;
  title: string;
}

/**
 * The latest public edition of each document in the slug's language family,
 * the slug's own included, by language; empty outside a family.
 */
export async function listFamilyPublications(db: Db, slug: string): Promise<FamilyPublication[]> {
  const rows = (
    await publicEditions(db)
      .innerJoin('document as member', 'member.familyId', 'd.familyId')
      .where('member.slug', '=', slug)
      .select(SUMMARY_COLUMNS)
      .execute()
  ).map(toSummary);
  const latest = new Map<string, EditionSummary>();
  for (const row of rows) {
    const current = latest.get(row.documentId);
    if (!current || newestFirst(row, current) < 0) latest.set(row.documentId, row);
  }
  return [...latest.values()].map(({ slug: memberSlug, language, title }) => ({ slug: memberSlug, language, title })).sort((a, b) => a.language.localeCompare(b.language));
}

/** One public edition with its text, or undefined. */
export async function getPublicEdition(db: Db, slug: string, number: { major: number; minor: number }): Promise<Edition | undefined> {
  const row = await publicEditions(db)
    .where('d.slug', '=', slug)
    .where('e.major', '=', number.major)
    .where('e.minor', '=', number.minor)
    .select([...SUMMARY_COLUMNS, 'e.html', 'e.markdown', 'e.participants'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toSummary(row), html: row.html, markdown: row.markdown, participants: parseParticipants(row.participants) };
}

function parseParticipants(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The ids of a slug's public editions (and of its language family's) in a fixed order, joined: what decides
 * whether a cached public page of that slug is still current. Empty when the
 * slug is not (or no longer) public.
 */
export async function publicEditionFingerprint(db: Db, slug: string): Promise<string> {
  // The page also lists the family's other languages, so their editions count too.
  const rows = await publicEditions(db)
    .where((eb) =>
      eb.or([
        eb('d.slug', '=', slug),
        eb('d.familyId', 'in', eb.selectFrom('document as member').select('member.familyId').where('member.slug', '=', slug).where('member.familyId', 'is not', null)),
      ]),
    )
    .select('e.id')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => row.id).join(',');
}
