import { describe, expect, test } from 'vitest';
import { languageFromTag, negotiateLanguage } from './negotiate-language.ts';

describe('languageFromTag', () => {
  test.each([
    ['bs', 'bs'],
    ['bs-BA', 'bs'],
    ['bs-Cyrl-BA', 'bs'],
    ['hr', 'hr'],
    ['HR-hr', 'hr'],
    ['hr-BA', 'hr'],
    ['sr', 'sr-Latn'],
    ['sr-BA', 'sr-Latn'],
    ['sr-RS', 'sr-Latn'],
    ['sr-ME', 'sr-Latn'],
    ['sr-Latn', 'sr-Latn'],
    ['sr-latn-ba', 'sr-Latn'],
    ['sr-Cyrl', 'sr-Cyrl'],
    ['sr-cyrl', 'sr-Cyrl'],
    ['sr-Cyrl-BA', 'sr-Cyrl'],
    ['sh', 'sr-Latn'],
    ['cnr', 'sr-Latn'],
    ['en', 'en'],
    ['en-US', 'en'],
  ])('%s is %s', (tag, language) => {
    expect(languageFromTag(tag)).toBe(language);
  });

  test.each(['de', 'sl', 'mk', 'ru', 'x', '', '*', 'not a tag'])('%j is none of ours', (tag) => {
    expect(languageFromTag(tag)).toBeNull();
  });
});

describe('negotiateLanguage', () => {
  test('takes the first range of the highest quality that we have', () => {
    expect(negotiateLanguage('de-DE,de;q=0.9,hr;q=0.8,en;q=0.7')).toBe('hr');
    expect(negotiateLanguage('en;q=0.5, sr-Cyrl-BA;q=0.9')).toBe('sr-Cyrl');
    expect(negotiateLanguage('sr-BA,sr;q=0.9,bs;q=0.8')).toBe('sr-Latn');
    expect(negotiateLanguage('bs-BA, hr-HR')).toBe('bs');
    expect(negotiateLanguage('en-US,en;q=0.9')).toBe('en');
  });

  test('ignores q=0, the wildcard and languages we do not have', () => {
    expect(negotiateLanguage('bs;q=0, hr;q=0.1')).toBe('hr');
    expect(negotiateLanguage('*')).toBeNull();
    expect(negotiateLanguage('de, fr;q=0.5')).toBeNull();
    expect(negotiateLanguage('')).toBeNull();
    expect(negotiateLanguage(null)).toBeNull();
    expect(negotiateLanguage(';;;,,q=,')).toBeNull();
  });
});
