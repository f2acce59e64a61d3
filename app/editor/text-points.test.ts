import { createHeadlessEditor } from '@lexical/headless';
import { $convertFromMarkdownString } from '@lexical/markdown';
import { $createPoint, $getRoot, $isTextNode, type LexicalNode, type TextNode } from 'lexical';
import { describe, expect, test } from 'vitest';
import { EDITOR_NODES, MARKDOWN_TRANSFORMERS } from './nodes.ts';
import { $fromTextPoint, $toTextPoint } from './text-points.ts';

function editorWith(markdown: string) {
  const editor = createHeadlessEditor({ nodes: [...EDITOR_NODES], onError: (error) => { throw error; } });
  editor.update(() => $convertFromMarkdownString(markdown, MARKDOWN_TRANSFORMERS), { discrete: true });
  return editor;
}

function $textNodes(): TextNode[] {
  const found: TextNode[] = [];
  const visit = (node: LexicalNode) => {
    if ($isTextNode(node)) found.push(node);
    if ('getChildren' in node && typeof node.getChildren === 'function') for (const child of (node as { getChildren(): LexicalNode[] }).getChildren()) visit(child);
  };
  visit($getRoot());
  return found;
}

describe('text points', () => {
  test('every text position survives the round trip, across formatting, links and nested list items', () => {
    const editor = editorWith('# Title\n\nPlain **bold** and [a link](https://example.org) end.\n\n- one\n    - nested *item*\n- two');
    editor.read(() => {
      let checked = 0;
      for (const node of $textNodes()) {
        for (let offset = 0; offset <= node.getTextContentSize(); offset++) {
          const point = $toTextPoint($createPoint(node.getKey(), offset, 'text'));
          expect(point).not.toBeNull();
          const edge = offset === 0 ? 'start' : 'end';
          const back = $fromTextPoint(point!, edge);
          expect(back).not.toBeNull();
          // The same place in the text, if not always the same node at a border between two nodes.
          expect($toTextPoint($createPoint(back!.node.getKey(), back!.offset, 'text'))).toEqual(point);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  });

  test('offsets count the whole block: text after a link is found by its place in the paragraph', () => {
    const editor = editorWith('Plain **bold** and [a link](https://example.org) end.');
    editor.read(() => {
      const found = $fromTextPoint({ block: [0], offset: 'Plain bold and a link e'.length }, 'end');
      expect(found?.node.getTextContent()).toBe(' end.');
      expect(found?.offset).toBe(2);
      expect($fromTextPoint({ block: [0], offset: 999 }, 'end')).toBeNull();
      expect($fromTextPoint({ block: [5], offset: 0 }, 'start')).toBeNull();
    });
  });
});
