import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sanitizeHtml } from './sanitize-html.server.ts';
import { parseFragment, withSafeDOM } from './safe-dom.server.ts';
import { expectInert, XSS_CORPUS } from './xss-corpus.server.ts';


describe('sanitizeHtml as a security boundary', () => {
  test.each(XSS_CORPUS)('%s comes out inert', (input) => {
    const output = sanitizeHtml(input);
    expectInert(output);
    // Sanitizing again changes nothing: the output is already in its final form.
    expect(sanitizeHtml(output)).toBe(output);
  });

  test('keeps the text of unsafe links and drops the link', () => {
    expect(sanitizeHtml('<p><a href="javascript:alert(1)">click <b>me</b></a></p>')).toBe(
      '<p>click <strong>me</strong></p>',
    );
  });

  test('keeps https and mailto links, with rel and nothing else', () => {
    expect(
      sanitizeHtml('<p><a href="https://ok.example/a?b=1&amp;c=2" target="_blank" title="t" class="x">web</a> <a href="mailto:a@b.example">mail</a></p>'),
    ).toBe(
      '<p><a href="https://ok.example/a?b=1&amp;c=2" rel="noopener noreferrer">web</a> <a href="mailto:a@b.example" rel="noopener noreferrer">mail</a></p>',
    );
  });

  test('escapes text and attribute values', () => {
    expect(sanitizeHtml('<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; more</p>')).toBe(
      '<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; more</p>',
    );
    expect(sanitizeHtml('<a href="https://ok.example/&quot;&gt;&lt;b&gt;">x</a>')).toBe(
      '<p><a href="https://ok.example/&quot;&gt;&lt;b&gt;" rel="noopener noreferrer">x</a></p>',
    );
  });

  test('removes script, style and template together with their content', () => {
    expect(sanitizeHtml('<p>a<script>bad()</script>b<style>p{}</style>c<template>t</template></p>')).toBe('<p>abc</p>');
  });

  test('unwraps unknown inline elements and keeps their text', () => {
    expect(sanitizeHtml('<p><font color="red">red</font> <code>code</code> <abbr title="x">abbr</abbr> <custom-el>custom</custom-el></p>')).toBe(
      '<p>red code abbr custom</p>',
    );
  });

  test('keeps only numeric colspan and rowspan on cells', () => {
    expect(
      sanitizeHtml('<table><tr><td colspan="2" rowspan="x" width="9">a</td><td colspan="2 onclick=x">b</td></tr></table>'),
    ).toBe('<table><tbody><tr><td colspan="2">a</td><td>b</td></tr></tbody></table>');
  });

  test('survives deeply nested input', () => {
    const deep = `${'<span>'.repeat(5000)}deep${'</span>'.repeat(5000)}<p>after</p>`;
    const output = sanitizeHtml(deep);
    expect(output).toContain('<p>after</p>');
    expectInert(output);
  });

  test('survives deeply nested lists', () => {
    const output = sanitizeHtml(`${'<ul><li>x'.repeat(3000)}${'</li></ul>'.repeat(3000)}<p>after</p>`);
    expect(output).toContain('<p>after</p>');
    expectInert(output);
  });

  test('text that looks like a replacement pattern stays text', () => {
    expect(sanitizeHtml("<ul><li>a $` $& $' b</li><ul><li>c $$</li></ul></ul>")).toBe(
      "<ul><li>a $` $&amp; $' b<ul><li>c $$</li></ul></li></ul>",
    );
  });

  // How fast, against ordinary text of the same length, is measured by `npm run bench -- content`.
  test('a 200,000-space run comes out as the text it is', () => {
    const input = `<p>a${' '.repeat(200_000)}b</p>`;
    expect(sanitizeHtml(input)).toBe(input);
  });
});

describe('sanitizeHtml structure', () => {
  test('maps Google Docs styles to formatting and ignores the outer <b style="font-weight:normal">', () => {
    const googleDocs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;font-weight:700;">Bold</span><span style="font-weight:400;"> plain </span><span style="font-style:italic;">italic</span> <span style="text-decoration:underline;">under</span> <span style="text-decoration:line-through;">gone</span></p></b>';
    expect(sanitizeHtml(googleDocs)).toBe('<p><strong>Bold</strong> plain <em>italic</em> <u>under</u> <s>gone</s></p>');
  });

  test('handles typical Word HTML', () => {
    const word =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body lang=EN-US><div class=WordSection1><h1>Title<o:p></o:p></h1><p class=MsoNormal><b>Bold</b> and <i>italic</i> <span style=\'mso-bidi-font-weight:bold\'>x</span><o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p></div></body></html>';
    expect(sanitizeHtml(word)).toBe('<h1>Title</h1><p><strong>Bold</strong> and <em>italic</em> x</p>');
  });

  test('normalizes formatting tags and headings', () => {
    expect(sanitizeHtml('<h4>four</h4><h6>six</h6><p><b>b</b><i>i</i><strike>s</strike><del>d</del></p>')).toBe(
      '<h3>four</h3><h3>six</h3><p><strong>b</strong><em>i</em><s>s</s><s>d</s></p>',
    );
  });

  test('wraps loose inline content in paragraphs and unwraps containers', () => {
    expect(sanitizeHtml('loose <b>text</b><div>in div</div><section><p>para</p>tail</section>')).toBe(
      '<p>loose <strong>text</strong></p><p>in div</p><p>para</p><p>tail</p>',
    );
  });

  test('moves a list nested directly in a list into the item before it', () => {
    expect(sanitizeHtml('<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>')).toBe(
      '<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>',
    );
  });

  test('flattens paragraphs in a quote into lines', () => {
    expect(sanitizeHtml('<blockquote><p>one</p><p>two</p></blockquote>')).toBe('<blockquote>one<br>two</blockquote>');
  });

  test('keeps line breaks of preformatted text', () => {
    expect(sanitizeHtml('<pre>a\nb</pre>')).toBe('<p>a<br>b</p>');
  });

  test('drops empty blocks', () => {
    expect(sanitizeHtml('<p></p><p>&nbsp;</p><p><br></p><h1> </h1><p>x</p>')).toBe('<p>x</p>');
  });

  test('puts leading header rows in a thead', () => {
    expect(sanitizeHtml('<table><thead><tr><th>h</th></tr></thead><tr><td>c</td></tr><caption>cap</caption></table>')).toBe(
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>',
    );
  });
});

describe('withSafeDOM', () => {
  let server: http.Server;
  const requests: string[] = [];
  let base = '';

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('<html><body>loaded</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('parsing and sanitizing load nothing over the network', async () => {
    const html = `<iframe src="${base}/iframe"></iframe><link rel="stylesheet" href="${base}/css"><link rel="preload" as="style" href="${base}/preload"><img src="${base}/img"><script src="${base}/js"></script><object data="${base}/object"></object><style>@import url(${base}/import);</style>`;
    sanitizeHtml(html);
    withSafeDOM((window) => {
      new window.DOMParser().parseFromString(html, 'text/html');
      parseFragment(window, html);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).toEqual([]);
  });

  test('restores the globals it installed', () => {
    const before = 'window' in globalThis;
    withSafeDOM(() => {
      expect(typeof document).toBe('object');
    });
    expect('window' in globalThis).toBe(before);
  });
});
