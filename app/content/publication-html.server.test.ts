import { describe, expect, test } from 'vitest';
import { editionNumber, parseEditionNumber } from '../models/publication.server.ts';
import { entityTag } from '../utils/http-cache.server.ts';
import { headingSlug, withHeadingAnchors } from './publication-html.server.ts';

describe('heading anchors', () => {
  test('every heading gets a readable id, unique in the page, one level below the page title; the contents follow document order', () => {
    const { html, toc } = withHeadingAnchors(
      '<h1>Član 2. Đaci &amp; škole</h1><p>x</p><h2>Scope</h2><h3><strong>Scope</strong></h3><h2>Contents</h2><h2>Toc</h2><h3>   </h3>',
    );
    expect(toc).toEqual([
      { id: 'clan-2-daci-skole', level: 1, text: 'Član 2. Đaci & škole' },
      { id: 'scope', level: 2, text: 'Scope' },
      { id: 'scope-2', level: 3, text: 'Scope' },
      { id: 'contents', level: 2, text: 'Contents' },
      // "toc" is the page's own id, so the heading gets the next one.
      { id: 'toc-2', level: 2, text: 'Toc' },
      { id: 'section', level: 3, text: '' },
    ]);
    expect(html).toBe(
      '<h2 id="clan-2-daci-skole">Član 2. Đaci &amp; škole</h2><p>x</p><h3 id="scope">Scope</h3><h4 id="scope-2"><strong>Scope</strong></h4><h3 id="contents">Contents</h3><h3 id="toc-2">Toc</h3><h4 id="section">   </h4>',
    );
    // The same HTML always gives the same ids: links to a section keep working.
    expect(withHeadingAnchors('<h2>Scope</h2>').toc[0].id).toBe('scope');
  });

  test('escaped markup in a heading stays text in the contents and cannot break out of the id', () => {
    const { html, toc } = withHeadingAnchors('<h2>&lt;script&gt;"x"&lt;/script&gt;</h2>');
    expect(toc[0].text).toBe('<script>"x"</script>');
    expect(html).toBe('<h3 id="script-x-script">&lt;script&gt;"x"&lt;/script&gt;</h3>');
    expect(headingSlug('"><img onerror=1>')).toBe('img-onerror-1');
  });
});

describe('edition numbers', () => {
  test('only MAJOR.MINOR in plain digits is an edition number', () => {
    expect(parseEditionNumber('1.0')).toEqual({ major: 1, minor: 0 });
    expect(parseEditionNumber('12.34')).toEqual({ major: 12, minor: 34 });
    for (const bad of ['1', '1.0.0', '01.0', '1.00', 'a.b', '1.0.html', '', undefined, '-1.0', '1e3.0']) expect(parseEditionNumber(bad)).toBeNull();
    expect(editionNumber({ major: 2, minor: 1 })).toBe('2.1');
  });
});

describe('entity tags', () => {
  test('are strong, stable, and differ when any part differs (parts cannot run together)', () => {
    const tag = entityTag(['a', 'bc']);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(entityTag(['a', 'bc'])).toBe(tag);
    expect(entityTag(['ab', 'c'])).not.toBe(tag);
    expect(entityTag(['a', 'bd'])).not.toBe(tag);
  });
});
