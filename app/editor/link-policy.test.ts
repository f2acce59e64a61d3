import { describe, expect, test } from 'vitest';
import { isSafeUrl, safeHref } from './link-policy.ts';

describe('isSafeUrl', () => {
  test.each([
    'https://example.org',
    'https://example.org/a/b?c=1&d=2#e',
    'http://example.org:8080/',
    'HTTPS://EXAMPLE.ORG',
    'mailto:someone@example.org',
    'MailTo:someone@example.org?subject=Hi',
  ])('accepts %s', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  test.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    '\u00a0javascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.org/',
    'tel:+38761000000',
    '//evil.example/',
    '/relative/path',
    'relative/path',
    '#anchor',
    '?query',
    'http:evil.example',
    'https:/evil.example',
    'https:\\\\evil.example',
    'https:///evil.example',
    'http://',
    '',
    '   ',
    `https://example.org/${'a'.repeat(5000)}`,
  ])('refuses %j', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  test('refuses what is not a string', () => {
    expect(isSafeUrl(null)).toBe(false);
    expect(isSafeUrl(undefined)).toBe(false);
    expect(isSafeUrl({ toString: () => 'https://example.org' })).toBe(false);
  });
});

describe('safeHref', () => {
  test('returns the URL without surrounding whitespace and control characters', () => {
    expect(safeHref('  https://example.org/a \n')).toBe('https://example.org/a');
    expect(safeHref('https://exa\tmple.org/')).toBe('https://example.org/');
  });

  test('returns null for unsafe URLs', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });
});
