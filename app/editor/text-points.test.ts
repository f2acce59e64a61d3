import { createHeadlessEditor } from '@lexical/headless';
import { $convertFromMarkdownString } from '@lexical/markdown';
import { $createPoint, $getRoot, $isTextNode, type ElementNode, type LexicalNode, type TextNode } from 'lexical';
import { describe, expect, test } from 'vitest';
import { EDITOR_NODES, MARKDOWN_TRANSFORMERS } from './nodes.ts';
import { $fromTextPoint, $normalizeTextRange, $textRange, $toTextPoint, type TextPoint } from './text-points.ts';

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

  describe('normalised ranges: every selection shape gives character points and the quote both sides compute', () => {
    const DOC = '# Goals\n\nFirst paragraph here.\n\nSecond paragraph.\n\n- one\n- two\n\n| Head | Other |\n| --- | --- |\n| cell a | cell b |\n\nLast words.';

    /** The range and quote a selection between two Lexical points normalises to. */
    function normalised(editor: ReturnType<typeof editorWith>, points: () => [ReturnType<typeof $createPoint>, ReturnType<typeof $createPoint>]) {
      return editor.read(() => {
        const [a, b] = points();
        const start = $toTextPoint(a);
        const end = $toTextPoint(b);
        expect(start).not.toBeNull();
        expect(end).not.toBeNull();
        const range = $normalizeTextRange(start!, end!);
        if (range === null) return null;
        const found = $textRange(range.start, range.end);
        return { ...range, quote: found?.text };
      });
    }

    function $text(content: string): TextNode {
      const node = $textNodes().find((n) => n.getTextContent() === content);
      if (!node) throw new Error(`no text node "${content}"`);
      return node;
    }

    function $blockOf(content: string): ElementNode {
      return $text(content).getParentOrThrow();
    }

    test('a triple click: from the start of a paragraph to offset 0 of the next one, as a text or an element point', () => {
      const editor = editorWith(DOC);
      const paragraph = { start: { block: [1], offset: 0 }, end: { block: [1], offset: 'First paragraph here.'.length }, quote: 'First paragraph here.' };
      expect(normalised(editor, () => [$createPoint($text('First paragraph here.').getKey(), 0, 'text'), $createPoint($text('Second paragraph.').getKey(), 0, 'text')])).toEqual(paragraph);
      expect(normalised(editor, () => [$createPoint($blockOf('First paragraph here.').getKey(), 0, 'element'), $createPoint($blockOf('Second paragraph.').getKey(), 0, 'element')])).toEqual(paragraph);
      // Chrome may also put the end between the blocks, on the root.
      expect(normalised(editor, () => [$createPoint($text('First paragraph here.').getKey(), 0, 'text'), $createPoint($getRoot().getKey(), 2, 'element')])).toEqual(paragraph);
    });

    test('a start at the end of a block moves to the next text; the last paragraph selected to the end of the root', () => {
      const editor = editorWith(DOC);
      expect(normalised(editor, () => [$createPoint($text('First paragraph here.').getKey(), 'First paragraph here.'.length, 'text'), $createPoint($text('Second paragraph.').getKey(), 6, 'text')])).toEqual({
        start: { block: [2], offset: 0 },
        end: { block: [2], offset: 6 },
        quote: 'Second',
      });
      const root = () => $getRoot();
      expect(normalised(editor, () => [$createPoint($text('Last words.').getKey(), 0, 'text'), $createPoint(root().getKey(), root().getChildrenSize(), 'element')])).toEqual({
        start: { block: [5], offset: 0 },
        end: { block: [5], offset: 'Last words.'.length },
        quote: 'Last words.',
      });
    });

    test('across paragraphs, into a list, and inside a table cell', () => {
      const editor = editorWith(DOC);
      const across = normalised(editor, () => [$createPoint($text('First paragraph here.').getKey(), 6, 'text'), $createPoint($text('one').getKey(), 3, 'text')]);
      expect(across).toMatchObject({ start: { block: [1], offset: 6 }, end: { block: [3, 0], offset: 3 } });
      expect(across?.quote).toBe('paragraph here.\nSecond paragraph.\none');
      // A triple click on a list item ends at the start of the next item.
      expect(normalised(editor, () => [$createPoint($text('one').getKey(), 0, 'text'), $createPoint($text('two').getKey(), 0, 'text')])).toEqual({
        start: { block: [3, 0], offset: 0 },
        end: { block: [3, 0], offset: 3 },
        quote: 'one',
      });
      // A triple click in a table cell ends at the start of the next cell.
      const cell = normalised(editor, () => [$createPoint($text('cell a').getKey(), 0, 'text'), $createPoint($text('cell b').getKey(), 0, 'text')]);
      expect(cell?.quote).toBe('cell a');
      expect(cell?.start.block).toEqual(cell?.end.block);
    });

    test('nothing between the points, or points that do not exist: null', () => {
      const editor = editorWith(DOC);
      expect(normalised(editor, () => [$createPoint($text('First paragraph here.').getKey(), 'First paragraph here.'.length, 'text'), $createPoint($text('Second paragraph.').getKey(), 0, 'text')])).toBeNull();
      editor.read(() => {
        const nowhere: TextPoint = { block: [42], offset: 0 };
        expect($normalizeTextRange(nowhere, { block: [1], offset: 3 })).toBeNull();
        expect($normalizeTextRange({ block: [1], offset: 5 }, { block: [1], offset: 2 })).toBeNull();
      });
    });
  });
});
