import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, test } from 'vitest';
import { DiffView } from '../components/diff-view.tsx';
import { i18nConfig } from '../i18n.ts';
import { diffHtml, htmlToBlocks } from './text-diff.server.ts';

function markup(oldHtml: string, newHtml: string, language = 'en'): string {
  const i18n = createInstance();
  void i18n.init({ ...i18nConfig, lng: language, initImmediate: false });
  const { blocks, summary } = diffHtml(oldHtml, newHtml);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DiffView, { blocks, summary })));
}

describe('htmlToBlocks', () => {
  test('splits rendered HTML into headings, paragraphs, quotes, nested list items and table cells', () => {
    const html =
      '<h1>Strategy</h1><p>Intro <strong>bold</strong><br>next line</p><ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>' +
      '<ol><li>first</li></ol><table><thead><tr><th>Measure</th><th>Owner</th></tr></thead><tbody><tr><td>CSIRT</td><td></td></tr></tbody></table>' +
      '<blockquote>Quoted</blockquote><hr><h3>End</h3>';
    expect(htmlToBlocks(html)).toEqual([
      { kind: 'heading', level: 1, text: 'Strategy' },
      { kind: 'paragraph', text: 'Intro bold next line' },
      { kind: 'listItem', level: 1, text: 'one' },
      { kind: 'listItem', level: 2, text: 'nested' },
      { kind: 'listItem', level: 1, text: 'two' },
      { kind: 'listItem', level: 1, text: 'first' },
      { kind: 'tableCell', row: 1, text: 'Measure' },
      { kind: 'tableCell', row: 1, text: 'Owner' },
      { kind: 'tableCell', row: 2, text: 'CSIRT' },
      { kind: 'quote', text: 'Quoted' },
      { kind: 'heading', level: 3, text: 'End' },
    ]);
  });

  test('separates paragraphs inside a table cell, but not inline formatting', () => {
    expect(htmlToBlocks('<table><tbody><tr><td><p>First</p><p>second</p></td><td>bo<strong>ld</strong></td></tr></tbody></table>')).toEqual([
      { kind: 'tableCell', row: 1, text: 'First second' },
      { kind: 'tableCell', row: 1, text: 'bold' },
    ]);
  });

  test('decodes entities to plain text', () => {
    expect(htmlToBlocks('<p>a &lt;b&gt; &amp; c</p>')).toEqual([{ kind: 'paragraph', text: 'a <b> & c' }]);
  });
});

describe('diffHtml', () => {
  test('marks inserted and deleted words inside a changed paragraph', () => {
    const { blocks, summary } = diffHtml('<p>The quick brown fox</p>', '<p>The slow brown fox jumps</p>');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        status: 'changed',
        parts: [{ value: 'The ' }, { value: 'quick', removed: true }, { value: 'slow', added: true }, { value: ' brown fox' }, { value: ' jumps', added: true }],
      },
    ]);
    expect(summary).toEqual({ sectionsChanged: 1, wordsAdded: 2, wordsRemoved: 1 });
  });

  test('identical texts have no changes', () => {
    const html = '<h1>A</h1><p>Same text.</p>';
    const { blocks, summary } = diffHtml(html, html);
    expect(blocks.every((b) => b.status === 'same')).toBe(true);
    expect(summary).toEqual({ sectionsChanged: 0, wordsAdded: 0, wordsRemoved: 0 });
  });

  test('keeps block structure: a changed heading, list item and table cell stay what they were', () => {
    const before = '<h2>Roles</h2><ul><li>National CSIRT leads</li></ul><table><tbody><tr><td>Owner</td><td>Ministry of Security</td></tr></tbody></table>';
    const after = '<h2>Roles and duties</h2><ul><li>National CSIRT coordinates</li></ul><table><tbody><tr><td>Owner</td><td>Ministry of Security and CERT</td></tr></tbody></table>';
    const { blocks } = diffHtml(before, after);
    expect(blocks.map((b) => [b.kind, b.level, b.status])).toEqual([
      ['heading', 2, 'changed'],
      ['listItem', 1, 'changed'],
      ['tableCell', undefined, 'same'],
      ['tableCell', undefined, 'changed'],
    ]);
    expect(blocks[0].parts).toEqual([{ value: 'Roles' }, { value: ' and duties', added: true }]);
    expect(blocks[3].parts.filter((p) => p.added).map((p) => p.value)).toEqual([' and CERT']);
    // Both cells belong to the one row, so a view can show them side by side.
    expect(blocks[2].row).toBe('new:1');
    expect(blocks[3].row).toBe('new:1');
  });

  test('whole blocks added or removed, and a replaced block that shares nothing is not shown as an edit', () => {
    const { blocks, summary } = diffHtml('<p>Alpha beta gamma</p><p>Keep this</p>', '<p>Keep this</p><p>Completely new words here</p>');
    expect(blocks.map((b) => b.status)).toEqual(['removed', 'same', 'added']);
    expect(blocks[0].parts).toEqual([{ value: 'Alpha beta gamma', removed: true }]);
    expect(summary.wordsAdded).toBe(4);
    expect(summary.wordsRemoved).toBe(3);
  });

  test('counts heading-delimited sections with a change, including text before the first heading', () => {
    const before = '<p>Preface</p><h1>One</h1><p>a b c</p><h1>Two</h1><p>d e f</p><h1>Three</h1><p>g h i</p>';
    const after = '<p>Preface changed</p><h1>One</h1><p>a b c</p><h1>Two</h1><p>d e f x</p><h1>Three</h1><p>g h i</p><p>new</p>';
    const { summary } = diffHtml(before, after);
    expect(summary).toEqual({ sectionsChanged: 3, wordsAdded: 3, wordsRemoved: 0 });
  });
});

describe('DiffView', () => {
  test('escapes the text of a diff: markup in the document is shown, never interpreted', () => {
    const html = markup(
      '<p>Keep</p><p>Use &lt;b onclick="x()"&gt;bold&lt;/b&gt;</p>',
      '<p>Keep</p><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;</p>',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;');
  });

  test('marks changes with <ins>/<del>, hidden "Inserted:"/"Deleted:" text, a legend and a plural summary', () => {
    const html = markup('<h1>Scope</h1><p>old words</p><h1>Terms</h1><p>term</p>', '<h1>Scope</h1><p>new words</p><h1>Terms</h1><p>term list</p>');
    expect(html).toMatch(/<ins[^>]*><span class="sr-only">Inserted: <\/span>new<\/ins>/);
    expect(html).toMatch(/<del[^>]*><span class="sr-only">Deleted: <\/span>old<\/del>/);
    expect(html).toContain('Inserted text is underlined');
    expect(html).toContain('Deleted text is struck through');
    expect(html).toContain('2 sections changed, +2/−1 words');
  });

  test('the summary uses Bosnian plural forms', () => {
    expect(markup('<p>a</p>', '<p>a b</p>', 'bs')).toContain('1 odjeljak izmijenjen, +1/−0 riječ');
    expect(markup('<h1>A</h1><p>a</p><h1>B</h1><p>b</p>', '<h1>A</h1><p>a x</p><h1>B</h1><p>b y</p>', 'bs')).toContain('2 odjeljka izmijenjena, +2/−0 riječi');
    const many = (n: number) => Array.from({ length: n }, (_, i) => `<h1>S${i}</h1><p>t</p>`).join('');
    const changed = (n: number) => Array.from({ length: n }, (_, i) => `<h1>S${i}</h1><p>t u</p>`).join('');
    expect(markup(many(5), changed(5), 'bs')).toContain('5 odjeljaka izmijenjeno, +5/−0 riječi');
  });
});
