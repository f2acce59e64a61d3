/**
 * `export const handle = staticPage` on a route whose page needs no JavaScript
 * (the public reading pages): the root layout then sends no scripts, so a
 * reader on a phone downloads only HTML and CSS, and the server skips the
 * hydration data (for a long text, more bytes than the text itself).
 * Client-side navigation from a hydrated page still works as usual.
 */
export const staticPage = { hydrate: false } as const;

export function wantsHydration(matches: { handle?: unknown }[]): boolean {
  return !matches.some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}
