/**
 * The one rule for which link targets the portal accepts. Shared by the
 * browser editor (validating a link before it is inserted) and the server
 * (rendering, importing), so both sides agree on what survives.
 *
 * Only absolute http:, https: and mailto: URLs pass. Relative URLs are refused
 * too: a shared document is published, e-mailed and exported, and a relative
 * link means something different in each of those places.
 */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// Browsers drop C0 controls and spaces around a URL and tabs/newlines inside
// it before reading the scheme ("java\tscript:" is javascript:), so the check
// has to see the URL the way the browser will.
// eslint-disable-next-line no-control-regex
const EDGE_JUNK = /[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028\u2029\u202F\u205F\u3000\uFEFF]/;
// eslint-disable-next-line no-control-regex
const INNER_CONTROLS = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g;

const MAX_URL_LENGTH = 4096;

/** `url` without leading and trailing spaces and control characters (a loop: no regex backtracking). */
function trimJunk(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && EDGE_JUNK.test(url[start])) start++;
  while (end > start && EDGE_JUNK.test(url[end - 1])) end--;
  return url.slice(start, end);
}

/**
 * The URL as it should be written into an href, or null when it is not an
 * absolute http:, https: or mailto: URL.
 */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  const cleaned = trimJunk(url).replace(INNER_CONTROLS, '');
  if (cleaned === '') return null;
  // An explicit scheme is required; "//host" and "/path" have none.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme || !ALLOWED_PROTOCOLS.has(`${scheme[1].toLowerCase()}:`)) return null;
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return null;
  // Web links must be written in full ("https://host"); the URL parser would
  // also accept "https:host", "https:///host" and backslashes, which other
  // parsers read differently.
  if (parsed.protocol !== 'mailto:' && (!/^https?:\/\/[^/\\]/i.test(cleaned) || parsed.hostname === '')) {
    return null;
  }
  return cleaned;
}

/** True when `url` is an absolute http:, https: or mailto: URL. */
export function isSafeUrl(url: unknown): boolean {
  return safeHref(url) !== null;
}
