import { escapeXml } from './xml.server.ts';

/**
 * The Atom documents of the public site (/publications.atom, /progress.atom):
 * one writer, so both feeds carry the same elements and escape the same way.
 */

/**
 * A tag URI (RFC 4151) that stays an entry's id even if the site moves: the
 * host of the site and the day the entry appeared, then what it is.
 */
export function tagUri(baseURL: string, isoDate: string, specific: string): string {
  return `tag:${new URL(baseURL).hostname},${isoDate.slice(0, 10)}:${specific}`;
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  /** The HTML page of the entry. */
  href: string;
  category?: { term: string; label: string };
  summary: string;
  /** The summary's language, when it differs from the feed's. */
  summaryLanguage?: string;
  /** The language of the publication the entry is about: `xml:lang` of the entry and `hreflang` of its link. */
  language?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  author: string;
  selfHref: string;
  alternateHref: string;
  entries: AtomEntry[];
}

function entryXml(entry: AtomEntry): string {
  const lines = [
    entry.language ? `  <entry xml:lang="${escapeXml(entry.language)}">` : '  <entry>',
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title>${escapeXml(entry.title)}</title>`,
    `    <updated>${escapeXml(entry.updated)}</updated>`,
    `    <published>${escapeXml(entry.published)}</published>`,
    `    <link rel="alternate" type="text/html"${entry.language ? ` hreflang="${escapeXml(entry.language)}"` : ''} href="${escapeXml(entry.href)}"/>`,
  ];
  if (entry.category) lines.push(`    <category term="${escapeXml(entry.category.term)}" label="${escapeXml(entry.category.label)}"/>`);
  lines.push(`    <summary${entry.summaryLanguage ? ` xml:lang="${escapeXml(entry.summaryLanguage)}"` : ''}>${escapeXml(entry.summary)}</summary>`, '  </entry>');
  return lines.join('\n');
}

/** The whole feed as XML text. */
export function atomXml(feed: AtomFeed): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feed.id)}</id>
  <title>${escapeXml(feed.title)}</title>
  <updated>${escapeXml(feed.updated)}</updated>
  <author><name>${escapeXml(feed.author)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfHref)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateHref)}"/>
${feed.entries.map(entryXml).join('\n')}
</feed>
`;
}
