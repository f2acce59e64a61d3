import { describe, expect, test } from 'vitest';
import { safeRedirect } from './safe-redirect.ts';

const ORIGIN = 'https://portal.example';

describe('safeRedirect', () => {
  test.each(['/dashboard', '/institutions?sector=public', '/people/abc#top', '/'])('keeps the same-site path %j', (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  test.each([
    '//evil.example',
    '//evil.example/dashboard',
    'https://evil.example',
    'http://evil.example/dashboard',
    '/\\evil.example',
    'javascript:alert(1)',
    'dashboard',
    '',
  ])('falls back for %j', (to) => {
    expect(safeRedirect(to)).toBe('/dashboard');
    expect(safeRedirect(to, '/home')).toBe('/home');
  });

  test.each([null, undefined])('falls back for %s', (to) => {
    expect(safeRedirect(to)).toBe('/dashboard');
  });

  test('falls back for a file upload', () => {
    expect(safeRedirect(new File(['/dashboard'], 'x.txt'))).toBe('/dashboard');
  });

  // Browsers remove tabs and newlines from a URL before resolving it, so
  // "/<TAB>/evil.example" in a Location header is the same as "//evil.example".
  test.each(['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '/\\evil.example', '/\t\\evil.example'])(
    'never leaves the site, even for %j',
    (to) => {
      expect(new URL(safeRedirect(to), ORIGIN).origin).toBe(ORIGIN);
    },
  );
});
