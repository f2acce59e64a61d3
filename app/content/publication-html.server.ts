import type { DocumentLanguage } from '../../db/schema.ts';
import { documentHtmlFile, escapeMarkdownHtml, exportFileName } from './document-export.server.ts';

/**
 * Serving a stored edition: heading anchors, the table of contents and the
 * download files. The stored HTML comes from the allow-list sanitiser, whose
 * headings are always a bare `<h1>`, `<h2>` or `<h3>` with no attributes, so a
 * pattern over that exact shape finds every heading and nothing else.
 */

export interface TocEntry {
  id: string;
  level: 1 | 2 | 3;
  text: string;
}

const HEADING = /<h([1-3])>([\s\S]*?)<\/h\1>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
// Ids the page itself uses, so an anchor never collides with them.
const RESERVED_IDS = new Set(['main', 'toc', 'editions', 'downloads', 'participants', 'article']);

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity])
    .replace(/\s+/g, ' ')
    .trim();
}

/** A readable, deterministic anchor: "Član 2. Đaci" becomes "clan-2-daci". */
export function headingSlug(text: string): string {
  const slug = text
    .replace(/[đĐ]/g, 'd')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'section';
}

/**
 * Adds an id to every heading and returns the table of contents in document
 * order. Headings move one level down (h1 becomes h2): the page's own h1 is
 * the edition's title, and a page has one h1. The stored HTML is unchanged.
 */
export function withHeadingAnchors(html: string): { html: string; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const used = new Set(RESERVED_IDS);
  const anchored = html.replace(HEADING, (_whole, level: string, inner: string) => {
    const text = textOf(inner);
    const base = headingSlug(text);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    toc.push({ id, level: Number(level) as 1 | 2 | 3, text });
    const tag = `h${Number(level) + 1}`;
    return `<${tag} id="${id}">${inner}</${tag}>`;
  });
  return { html: anchored, toc };
}

/** The public path of a publication or one of its editions. */
export function publicationPath(slug: string, edition?: string): string {
  return edition ? `/publications/${slug}/v/${edition}` : `/publications/${slug}`;
}

/** What the edition files are made of: an edition as published (models/publication). */
interface EditionText {
  title: string;
  language: DocumentLanguage;
  html: string;
  markdown: string;
}

/** A standalone HTML file of an edition (public, so labelled TLP:CLEAR like every export). */
export function editionHtmlFile(edition: EditionText, note: string): string {
  return documentHtmlFile({ title: edition.title, tlp: 'CLEAR', language: edition.language }, edition.html, note);
}

/** The edition as Markdown, with its title and edition number first, without raw HTML (also in editions stored before this rule). */
export function editionMarkdownFile(edition: EditionText, heading: string): string {
  return escapeMarkdownHtml(`**TLP:CLEAR**\n\n# ${edition.title}\n\n_${heading}_\n\n${edition.markdown.trim()}\n`);
}

export function editionFileName(edition: EditionText, number: string, extension: string): string {
  return exportFileName(`${edition.title} ${number}`, extension);
}
