import { describe, expect, it } from 'vitest';
import { linkFromInput, linkText } from './link-input.ts';

describe('linkFromInput', () => {
  it('accepts full http, https and mailto addresses as typed', () => {
    expect(linkFromInput('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    expect(linkFromInput('  http://example.org  ')).toBe('http://example.org');
    expect(linkFromInput('mailto:ana@example.ba')).toBe('mailto:ana@example.ba');
  });

  it('completes bare host names and e-mail addresses', () => {
    expect(linkFromInput('www.example.org')).toBe('https://www.example.org');
    expect(linkFromInput('example.gov.ba/strategija')).toBe('https://example.gov.ba/strategija');
    expect(linkFromInput('ana@example.ba')).toBe('mailto:ana@example.ba');
  });

  it('refuses other schemes, relative links and empty input', () => {
    expect(linkFromInput('javascript:alert(1)')).toBeNull();
    expect(linkFromInput('java\tscript:alert(1)')).toBeNull();
    expect(linkFromInput('data:text/html,hi')).toBeNull();
    expect(linkFromInput('ftp://example.org')).toBeNull();
    expect(linkFromInput('/documents/1')).toBeNull();
    expect(linkFromInput('//example.org')).toBeNull();
    expect(linkFromInput('hello')).toBeNull();
    expect(linkFromInput('   ')).toBeNull();
  });
});

describe('linkText', () => {
  it('shows an e-mail address without mailto:', () => {
    expect(linkText('mailto:ana@example.ba')).toBe('ana@example.ba');
    expect(linkText('https://example.org')).toBe('https://example.org');
  });
});
