import { data, type LoaderFunctionArgs } from '@remix-run/node';
import type { Db } from '../../db/client.server.ts';
import {
  editionNumber,
  getPublicEdition,
  listEditionsBySlug,
  listFamilyPublications,
  parseEditionNumber,
  type Edition,
  type EditionSummary,
  type FamilyPublication,
} from '../models/publication.server.ts';
import { publicCacheHeaders } from '../utils/http-cache.server.ts';
import { publicationPath, withHeadingAnchors, type TocEntry } from '../content/publication-html.server.ts';
import { hasFrozenReport } from '../models/consultation-report.server.ts';
import { notFound } from './session.server.ts';

/**
 * Loading one public edition for the latest-edition page and the edition
 * pages. No sign-in: these loaders read only `documentEdition` rows of CLEAR
 * documents (publication.server.ts), so there is nothing else they could leak.
 */

// The internal document id stays out of public pages: they need only the slug.
export interface PublicationPage {
  edition: Omit<Edition, 'markdown' | 'documentId'> & { number: string };
  toc: TocEntry[];
  /** Every edition, newest first: only on the latest-edition page, which revalidates. */
  editions: (Omit<EditionSummary, 'documentId'> & { number: string })[];
  previous: string | null;
  /** True on the latest-edition page (`/publications/<slug>`). */
  isLatestPage: boolean;
  /** Absolute address of this page, for canonical and og:url. */
  url: string;
  /** The same publication in the other languages of its family, with absolute addresses (hreflang alternates). */
  otherLanguages: (FamilyPublication & { url: string })[];
  /** The edition has a consultation report frozen with it (docs/consultation-report.md). */
  hasConsultationReport: boolean;
}

// Editions are immutable, so their anchored HTML is too: computing it once per
// edition saves the heading pass on every request (bounded, oldest dropped first).
const anchored = new Map<string, { html: string; toc: TocEntry[] }>();
const ANCHOR_CACHE_SIZE = 200;

function anchoredHtml(edition: Edition) {
  let entry = anchored.get(edition.id);
  if (!entry) {
    entry = withHeadingAnchors(edition.html);
    anchored.set(edition.id, entry);
    if (anchored.size > ANCHOR_CACHE_SIZE) anchored.delete(anchored.keys().next().value as string);
  }
  return entry;
}

/** The editions of a slug and the one asked for (the latest when `number` is undefined), or a 404. */
export async function loadEdition(db: Db, slug: string, number?: string) {
  const editions = await listEditionsBySlug(db, slug);
  if (editions.length === 0) throw notFound();
  const wanted = number === undefined ? editions[0] : parseEditionNumber(number);
  if (!wanted) throw notFound();
  const edition = await getPublicEdition(db, slug, wanted);
  if (!edition) throw notFound();
  const index = editions.findIndex((e) => e.id === edition.id);
  return { edition, editions, previous: editions[index + 1] as EditionSummary | undefined };
}

/** The loader of the latest-edition page (`number` undefined) and of each edition page. */
export async function loadPublicationPage(args: LoaderFunctionArgs, number?: string) {
  const { db, baseURL } = args.context.services;
  const slug = args.params.slug ?? '';
  const isLatestPage = number === undefined;
  // Only the latest page, which revalidates, links the other languages: an edition page is cached for good.
  const [{ edition, editions, previous }, family] = await Promise.all([loadEdition(db, slug, number), isLatestPage ? listFamilyPublications(db, slug) : []]);
  // Frozen in the transaction that published the edition, so it never changes for an edition page cached for good.
  const hasConsultationReport = await hasFrozenReport(db, edition.id);
  const otherLanguages = family.filter((member) => member.slug !== slug).map((member) => ({ ...member, url: new URL(publicationPath(member.slug), baseURL).href }));
  // An edition page shows only the edition and its predecessor, both fixed for
  // ever, so it can be cached for good; the latest page lists every edition and
  // the other languages, which change when one of them is published.
  const languageParts = otherLanguages.map((member) => `${member.language}:${member.slug}:${member.title}`);
  const parts = isLatestPage ? ['latest', ...editions.map((e) => e.id), ...languageParts] : ['edition', edition.id];
  const headers = await publicCacheHeaders(args.request, parts, isLatestPage ? 'revalidate' : 'immutable');
  const { html, toc } = anchoredHtml(edition);
  const { markdown: _markdown, documentId: _documentId, ...rest } = edition;
  const page: PublicationPage = {
    edition: { ...rest, html, number: editionNumber(edition) },
    toc,
    editions: isLatestPage ? editions.map(({ documentId: _id, ...e }) => ({ ...e, number: editionNumber(e) })) : [],
    previous: previous ? editionNumber(previous) : null,
    isLatestPage,
    url: new URL(publicationPath(slug, number), baseURL).href,
    otherLanguages,
    hasConsultationReport,
  };
  return data(page, { headers });
}
