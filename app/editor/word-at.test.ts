import { createHeadlessEditor } from '@lexical/headless';
import { $convertFromMarkdownString } from '@lexical/markdown';
import { describe, expect, test } from 'vitest';
import { EDITOR_NODES, MARKDOWN_TRANSFORMERS } from './nodes.ts';
import { $textRange, $wordAt } from './text-points.ts';

function editorWith(markdown: string) {
  const editor = createHeadlessEditor({
    nodes: [...EDITOR_NODES],
    onError: (error) => {
      throw error;
    },
  });
  editor.update(() => $convertFromMarkdownString(markdown, MARKDOWN_TRANSFORMERS), { discrete: true });
  return editor;
}

/** The word a suggestion made by typing at a caret anchors to (docs/suggestions.md). */
describe('the word at a caret', () => {
  const editor = editorWith('Plain **bold**text and e-mail’s end.\n\n- one item');

  const wordAt = (block: number[], offset: number) =>
    editor.read(() => {
      const word = $wordAt({ block, offset });
      if (!word) return null;
      return { text: $textRange(word.start, word.end)?.text, offsetInWord: word.offsetInWord };
    });

  test('inside, at the start and just after a word', () => {
    expect(wordAt([0], 2)).toEqual({ text: 'Plain', offsetInWord: 2 });
    expect(wordAt([0], 0)).toEqual({ text: 'Plain', offsetInWord: 0 });
    expect(wordAt([0], 5)).toEqual({ text: 'Plain', offsetInWord: 5 });
  });

  test('across formatting, with hyphens and apostrophes, and in a list item', () => {
    expect(wordAt([0], 8)?.text).toBe('boldtext');
    expect(wordAt([0], 21)?.text).toBe('e-mail’s');
    expect(wordAt([1, 0], 5)?.text).toBe('item');
  });

  test('no word touches a caret between two spaces, or a missing block', () => {
    const spaced = editorWith('one  two');
    expect(spaced.read(() => $wordAt({ block: [0], offset: 4 }))).toBeNull();
    expect(wordAt([9], 0)).toBeNull();
  });
});
