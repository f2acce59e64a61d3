import { SUPPORTED_LANGUAGES, type Language } from './languages.ts';

/**
 * Which interface language a BCP 47 tag asks for, or null when none of ours fits.
 *
 * - An exact tag (any case) wins: `sr-cyrl` is `sr-Cyrl`.
 * - Serbian follows its script: `sr-Cyrl-BA` is `sr-Cyrl`; without a script
 *   (`sr`, `sr-BA`, `sr-RS`, `sr-ME`) it is `sr-Latn`, the script every
 *   Serbian-reading visitor in BiH also reads. `sh` (Serbo-Croatian, still
 *   sent by some systems) and `cnr` (Montenegrin) are Serbian in Latin too.
 * - Bosnian, Croatian and English match on the language alone, whatever the
 *   region or script (`bs-Cyrl` is `bs`, `en-US` is `en`).
 */
export function languageFromTag(tag: string): Language | null {
  const exact = SUPPORTED_LANGUAGES.find((lng) => lng.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return null;
  }
  switch (locale.language) {
    case 'bs':
      return 'bs';
    case 'hr':
      return 'hr';
    case 'en':
      return 'en';
    case 'sr':
      return locale.script === 'Cyrl' ? 'sr-Cyrl' : 'sr-Latn';
    case 'sh':
    case 'cnr':
      return 'sr-Latn';
    default:
      return null;
  }
}

/**
 * The interface language an `Accept-Language` header prefers: its ranges in
 * order of quality (ties keep their order), the first one we have. `*` and
 * ranges with q=0 never choose. Null when nothing fits: the caller decides the
 * default (docs/languages.md).
 */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Language | null {
  if (!acceptLanguage) return null;
  const ranges = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag && range.tag !== '*' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const language = languageFromTag(range.tag);
    if (language) return language;
  }
  return null;
}
