import { micromark } from 'micromark';
import { describe, expect, test } from 'vitest';
import { documentMarkdownFile, escapeMarkdownHtml } from './document-export.server.ts';
import { editionMarkdownFile } from './publication-html.server.ts';
import { renderMarkdown, stateFromMarkdown } from './render.server.ts';

/** What an outside probe typed into a shared document (issue 10, finding 6). */
const HOSTILE = [
  'Intro <script>alert(1)</script> text',
  '<img src=x onerror="alert(2)">',
  '<iframe src="https://evil.example/"></iframe>',
  '<!-- hidden --> <https://autolink.example> <a href="javascript:alert(3)">x</a>',
].join('\n\n');

/** Any element a Markdown renderer that passes raw HTML through would create from the text. */
function rawElements(html: string): string[] {
  return [...html.matchAll(/<(script|img|iframe|a|!--)/gi)].map((m) => m[1].toLowerCase());
}

describe('Markdown exports carry no raw HTML', () => {
  test('a document whose text holds tags exports them as text, which a renderer allowing HTML shows literally', () => {
    const body = renderMarkdown(stateFromMarkdown(HOSTILE));
    // The editor keeps the tags as plain text; the export is what must neutralise them.
    expect(body).toContain('<script>');
    const file = documentMarkdownFile({ title: 'Plan <script>x</script>', tlp: 'RED' }, body);
    expect(file).not.toContain('<');
    expect(file.startsWith('**TLP:RED**\n\n# Plan &lt;script>x&lt;/script>\n\n')).toBe(true);
    const html = micromark(file, { allowDangerousHtml: true });
    expect(rawElements(html)).toEqual([]);
    // The reader still sees the characters that were typed.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  test('an edition stored before the rule is escaped when downloaded', () => {
    const file = editionMarkdownFile({ title: 'Guidelines <iframe>', language: 'en', html: '', markdown: HOSTILE }, 'Edition 1.0 <b>');
    expect(file).not.toContain('<');
    expect(rawElements(micromark(file, { allowDangerousHtml: true }))).toEqual([]);
  });

  test('the escape is idempotent and leaves Markdown syntax alone', () => {
    const markdown = '# Title\n\n> quote with a > b\n\n- **bold** [link](https://example.org)\n\n| a | b |\n| --- | --- |\n| 1 < 2 | x |';
    const once = escapeMarkdownHtml(markdown);
    expect(escapeMarkdownHtml(once)).toBe(once);
    expect(once).toBe(markdown.replace('1 < 2', '1 &lt; 2'));
    expect(micromark(once)).toContain('<a href="https://example.org">link</a>');
  });
});
