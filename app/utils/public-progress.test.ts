import { describe, expect, test } from 'vitest';
import { publicChangeText, publicItemPath } from './public-progress.ts';

// Echoes the key and its values, so the test sees which message is chosen with what.
const t = (key: string, options: Record<string, unknown> = {}) => `${key.split('.').pop()}${Object.keys(options).length ? JSON.stringify(options) : ''}`;

describe('publicChangeText', () => {
  test('says what changed in status and progress, from and to', () => {
    expect(publicChangeText(t, { statusFrom: 'in_progress', statusTo: 'completed', progressFrom: 80, progressTo: 100 })).toBe(
      'statusChange{"from":"in_progress","to":"completed"}, progressChange{"from":80,"to":100}',
    );
  });

  test('without a previous value it says only the new one, and leaves out what did not change', () => {
    expect(publicChangeText(t, { statusFrom: null, statusTo: 'delayed', progressFrom: null, progressTo: null })).toBe('statusSet{"to":"delayed"}');
    expect(publicChangeText(t, { statusFrom: null, statusTo: null, progressFrom: null, progressTo: 30 })).toBe('progressSet{"to":30}');
  });

  test('as a sentence it starts with a capital', () => {
    expect(publicChangeText(t, { statusFrom: null, statusTo: null, progressFrom: 10, progressTo: 20 }, { sentence: true })).toBe('ProgressChange{"from":10,"to":20}');
  });
});

test('an item page is addressed by id', () => {
  expect(publicItemPath('a1b2')).toBe('/progress/items/a1b2');
});
