import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { anchorTexts, anchorUpdate } from './comment-anchors.server.ts';
import { renderHtml, renderMarkdown, renderPlainText, stateFromMarkdown } from './render.server.ts';
import { resolveSuggestions } from './suggestions.server.ts';

const SUGGESTION = '5f0e7c1a-3b2d-4e6f-8a9b-1c2d3e4f5a6b';
const THREAD = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function withUpdate(state: Uint8Array, update: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

function marks(state: Uint8Array): Map<string, string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return anchorTexts(doc);
}

const SOURCE = 'The quick **brown** fox jumps over the lazy dog.\n\n- first item\n- second item';

function marked(start: { block: number[]; offset: number }, end: { block: number[]; offset: number }, quote: string, id = SUGGESTION): Uint8Array {
  const state = stateFromMarkdown(SOURCE);
  return withUpdate(state, anchorUpdate(state, { threadId: id, start, end, quote }));
}

describe('deciding suggestions in the text', () => {
  test('accepting replaces the marked passage (across formatting) and removes the mark', () => {
    const state = marked({ block: [0], offset: 4 }, { block: [0], offset: 19 }, 'quick brown fox');
    const result = resolveSuggestions(state, [{ id: SUGGESTION, quote: 'quick brown fox', text: 'slow red fox' }]);
    expect(result).toMatchObject({ done: [SUGGESTION], outdated: [] });
    expect(renderPlainText(result.state)).toContain('The slow red fox jumps over the lazy dog.');
    expect(marks(result.state).size).toBe(0);
    // The update alone brings the old state to the new one, as the live document receives it.
    expect(renderPlainText(withUpdate(state, result.update))).toBe(renderPlainText(result.state));
  });

  test('a deletion removes the passage; rejecting keeps the text and removes the mark only', () => {
    const state = marked({ block: [0], offset: 34 }, { block: [0], offset: 39 }, ' lazy');
    expect(renderPlainText(resolveSuggestions(state, [{ id: SUGGESTION, quote: ' lazy', text: '' }]).state)).toContain('over the dog.');
    const rejected = resolveSuggestions(state, [{ id: SUGGESTION, quote: ' lazy', text: null }]);
    expect(renderPlainText(rejected.state)).toBe(renderPlainText(state));
    expect(marks(rejected.state).size).toBe(0);
  });

  test('a passage over two list items becomes the new text in the first, as typing over the selection would', () => {
    const state = marked({ block: [1, 0], offset: 6 }, { block: [1, 1], offset: 6 }, 'item\nsecond');
    const result = resolveSuggestions(state, [{ id: SUGGESTION, quote: 'item\nsecond', text: 'and' }]);
    expect(result.done).toEqual([SUGGESTION]);
    expect(renderMarkdown(result.state)).toContain('- first and item');
  });

  test('a passage someone else changed is outdated: nothing changes', () => {
    const state = marked({ block: [0], offset: 4 }, { block: [0], offset: 9 }, 'quick');
    const result = resolveSuggestions(state, [{ id: SUGGESTION, quote: 'quack', text: 'slow' }]);
    expect(result).toMatchObject({ done: [], outdated: [SUGGESTION] });
    expect(renderPlainText(result.state)).toBe(renderPlainText(state));
    expect(marks(result.state).get(SUGGESTION)).toBe('quick');
  });

  test('a comment anchored inside the passage keeps its thread id on what remains; other marks are untouched', () => {
    const withSuggestion = marked({ block: [0], offset: 4 }, { block: [0], offset: 19 }, 'quick brown fox');
    const both = withUpdate(withSuggestion, anchorUpdate(withSuggestion, { threadId: THREAD, start: { block: [0], offset: 20 }, end: { block: [0], offset: 25 }, quote: 'jumps' }));
    const result = resolveSuggestions(both, [{ id: SUGGESTION, quote: 'quick brown fox', text: 'slow fox' }]);
    expect(marks(result.state).get(THREAD)).toBe('jumps');
    expect(marks(result.state).has(SUGGESTION)).toBe(false);
  });

  test('rendered HTML and Markdown never carry a pending suggestion: no mark, no id, no proposal (it is not in the text at all)', () => {
    const state = marked({ block: [0], offset: 4 }, { block: [0], offset: 9 }, 'quick');
    const html = renderHtml(state);
    expect(html).not.toContain('<mark');
    expect(html).not.toContain(SUGGESTION);
    expect(renderMarkdown(state)).not.toContain(SUGGESTION);
    expect(html).toContain('The quick');
  });
});
