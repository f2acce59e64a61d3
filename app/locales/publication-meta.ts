import type { MetaDescriptor } from '@remix-run/node';
import { pageTitle } from './meta.ts';

// Open Graph wants language_TERRITORY.
const OG_LOCALES: Record<string, string> = { bs: 'bs_BA', hr: 'hr_HR', sr: 'sr_RS', en: 'en_GB' };

interface MatchLike {
  id: string;
  data?: unknown;
}

interface PublicationMetaInput {
  title: string;
  summary: string;
  url: string;
  publishedAt: string;
  language: string;
}

/**
 * Title, description, canonical address and Open Graph tags of a public
 * page. `url` is absolute (built from PUBLIC_URL), as Open Graph requires.
 */
/** Falls back to the translated `titleKey` when the page could not load (an error page). */
export function publicationMeta(matches: MatchLike[], page: PublicationMetaInput | undefined, titleKey: string, options: Record<string, unknown> = {}): MetaDescriptor[] {
  if (!page) return pageTitle(matches, titleKey, options);
  const root = matches.find((m) => m.id === 'root')?.data as { groupName?: string } | undefined;
  return [
    { title: root?.groupName ? `${page.title} · ${root.groupName}` : page.title },
    { name: 'description', content: page.summary },
    { tagName: 'link', rel: 'canonical', href: page.url },
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.summary },
    { property: 'og:url', content: page.url },
    { property: 'og:site_name', content: root?.groupName ?? '' },
    { property: 'og:locale', content: OG_LOCALES[page.language] ?? page.language },
    { property: 'article:published_time', content: page.publishedAt },
    { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: '/publications.atom' },
  ];
}

/**
 * `<link rel="alternate" hreflang>` to the same publication in the other
 * languages of its family, and to this one (docs/decisions/021-language-versions.md).
 */
export function familyAlternates(page: { url: string; edition: { language: string }; otherLanguages: { language: string; url: string }[] } | undefined): MetaDescriptor[] {
  if (!page || page.otherLanguages.length === 0) return [];
  return [{ language: page.edition.language, url: page.url }, ...page.otherLanguages].map((member) => ({
    tagName: 'link',
    rel: 'alternate',
    hrefLang: member.language,
    href: member.url,
  }));
}
