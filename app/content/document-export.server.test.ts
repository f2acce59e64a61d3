import { describe, expect, test } from 'vitest';
import { documentHtmlFile, headingsBelowTitle } from './document-export.server.ts';
import { renderHtml, stateFromHtml } from './render.server.ts';

const DOCUMENT = { title: 'Action plan', tlp: 'GREEN', language: 'en' } as const;

describe('documentHtmlFile', () => {
  test('has exactly one h1, the title: the body headings move one level down', () => {
    const body = renderHtml(stateFromHtml('<h1>Part one</h1><p>Text</p><h2>Section</h2><h3>Detail</h3><h1>Part two</h1>'));
    const html = documentHtmlFile(DOCUMENT, body, 'Printed');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Action plan</h1>');
    expect(html).toContain('<main>\n<h2>Part one</h2><p>Text</p><h3>Section</h3><h4>Detail</h4><h2>Part two</h2>\n</main>');
  });

  test('keeps header cells: a table exports with <th> in its <thead>', () => {
    const body = renderHtml(stateFromHtml('<table><tr><th>Measure</th><th>Owner</th></tr><tr><td>CBM 3</td><td>Ministry</td></tr></table>'));
    const html = documentHtmlFile(DOCUMENT, body, 'Printed');
    expect(html).toContain('<thead><tr><th>Measure</th><th>Owner</th></tr></thead><tbody><tr><td>CBM 3</td><td>Ministry</td></tr></tbody>');
  });
});

describe('headingsBelowTitle', () => {
  test('moves opening and closing tags together, so that the top level is h2, and leaves other tags alone', () => {
    expect(headingsBelowTitle('<h1>a</h1><p>h1</p><h3>b</h3><hr>')).toBe('<h2>a</h2><p>h1</p><h4>b</h4><hr>');
    expect(headingsBelowTitle('<h2>a</h2><h3>b</h3>')).toBe('<h2>a</h2><h3>b</h3>');
    expect(headingsBelowTitle('<h2 class="x">a</h2><h3 id="y">b</h3>')).toBe('<h2 class="x">a</h2><h3 id="y">b</h3>');
    expect(headingsBelowTitle('<h3>a</h3><h4 class="x">b</h4><header>c</header><hr>')).toBe('<h2>a</h2><h3 class="x">b</h3><header>c</header><hr>');
    expect(headingsBelowTitle('<p>no headings</p>')).toBe('<p>no headings</p>');
  });
});
