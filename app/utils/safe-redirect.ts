/**
 * Only same-site paths. Blocks open redirects such as //evil.example,
 * https://evil.example, /\evil.example and /<TAB>/evil.example (browsers
 * drop tabs and newlines from URLs, and read a backslash as a slash).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/dashboard'): string {
  if (typeof to !== 'string' || !to.startsWith('/')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\u0000-\u001f\u007f\\]/.test(to) || to.startsWith('//')) return fallback;
  const base = 'http://portal.invalid';
  try {
    return new URL(to, base).origin === base ? to : fallback;
  } catch {
    return fallback;
  }
}
