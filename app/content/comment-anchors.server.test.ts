import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { AnchorError, anchorTexts, anchorUpdate } from './comment-anchors.server.ts';
import { renderHtml, renderMarkdown, renderPlainText, stateFromMarkdown } from './render.server.ts';
import { sanitizeHtml } from './sanitize-html.server.ts';

const THREAD = '7d4b1f0e-8a43-4f7e-9a51-0c2a52b6f0aa';
const OTHER = '0b8a6a1e-2f5c-4d7b-8e1f-3c9d7a5b2e10';

function withUpdate(state: Uint8Array, update: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

function texts(state: Uint8Array): Map<string, string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return anchorTexts(doc);
}

const SOURCE = '# Goals\n\nThe quick **brown** fox jumps over the [lazy](https://example.org) dog.\n\n- first item\n- second item';

describe('comment anchors', () => {
  test('a mark wraps exactly the selected text, across formatting and into a link', () => {
    const state = stateFromMarkdown(SOURCE);
    const marked = withUpdate(state, anchorUpdate(state, { threadId: THREAD, start: { block: [1], offset: 4 }, end: { block: [1], offset: 39 }, quote: 'quick brown fox jumps over the lazy' }));
    expect([...texts(marked)]).toEqual([[THREAD, 'quick brown fox jumps over the lazy']]);
  });

  test('a selection over several blocks marks each part with the same id', () => {
    const state = stateFromMarkdown(SOURCE);
    const marked = withUpdate(state, anchorUpdate(state, { threadId: OTHER, start: { block: [2, 0], offset: 6 }, end: { block: [2, 1], offset: 6 }, quote: 'item\nsecond' }));
    expect(texts(marked).get(OTHER)).toBe('itemsecond');
  });

  test('a triple click (ending at offset 0 of the next block) marks the paragraph, with or without the trailing line break in the quote', () => {
    const state = stateFromMarkdown(SOURCE);
    const paragraph = 'The quick brown fox jumps over the lazy dog.';
    for (const quote of [paragraph, `${paragraph}\n`]) {
      const marked = withUpdate(state, anchorUpdate(state, { threadId: THREAD, start: { block: [1], offset: 0 }, end: { block: [2, 0], offset: 0 }, quote }));
      expect([...texts(marked)]).toEqual([[THREAD, paragraph]]);
    }
    // A start at the end of the heading begins with the paragraph.
    const marked = withUpdate(state, anchorUpdate(state, { threadId: OTHER, start: { block: [0], offset: 'Goals'.length }, end: { block: [1], offset: 3 }, quote: 'The' }));
    expect(texts(marked).get(OTHER)).toBe('The');
  });

  test('a quote that no longer matches, or a point that does not exist, is refused', () => {
    const state = stateFromMarkdown(SOURCE);
    expect(() => anchorUpdate(state, { threadId: THREAD, start: { block: [1], offset: 4 }, end: { block: [1], offset: 9 }, quote: 'quack' })).toThrow(AnchorError);
    expect(() => anchorUpdate(state, { threadId: THREAD, start: { block: [1], offset: 4 }, end: { block: [1], offset: 16 }, quote: 'quick brown' })).toThrow(AnchorError);
    expect(() => anchorUpdate(state, { threadId: THREAD, start: { block: [9], offset: 0 }, end: { block: [9], offset: 3 }, quote: 'abc' })).toThrow(AnchorError);
    expect(() => anchorUpdate(state, { threadId: THREAD, start: { block: [1], offset: 9 }, end: { block: [1], offset: 4 }, quote: '' })).toThrow(AnchorError);
  });

  test('published HTML, Markdown and plain text carry the words of marked text, never a mark or a thread id', () => {
    const state = stateFromMarkdown(SOURCE);
    const marked = withUpdate(state, anchorUpdate(state, { threadId: THREAD, start: { block: [1], offset: 4 }, end: { block: [1], offset: 15 }, quote: 'quick brown' }));
    const html = renderHtml(marked);
    expect(html).toBe(renderHtml(state));
    expect(html).not.toMatch(/mark|7d4b1f0e/i);
    expect(html).toContain('The quick <strong>brown</strong> fox');
    expect(sanitizeHtml(html)).toBe(html);
    expect(renderMarkdown(marked)).toBe(renderMarkdown(state));
    expect(renderPlainText(marked)).toBe(renderPlainText(state));
    // HTML written by anyone else with a mark in it is cleaned the same way.
    expect(sanitizeHtml(`<p>a <mark data-thread="${THREAD}" class="x" id="thread-${THREAD}">b</mark> c</p>`)).toBe('<p>a b c</p>');
  });
});
