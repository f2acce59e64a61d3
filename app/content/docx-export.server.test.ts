import mammoth from 'mammoth';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { findAll, openDocx, paragraphStyle, runText, type XmlElement } from '../../tests/support/docx-reader.ts';
import { $createLineBreakNode, $createParagraphNode, $createTabNode, $createTextNode, $getRoot } from 'lexical';
import { anchorUpdate } from './comment-anchors.server.ts';
import { bindServerEditor, writeToDoc } from './headless-binding.server.ts';
import { documentDocxFile, type DocxExportInput } from './docx-export.server.ts';
import { docxToHtml, renderHtml, stateFromHtml, stateFromMarkdown } from './render.server.ts';

const THREAD = '7d4b1f0e-8a43-4f7e-9a51-0c2a52b6f0aa';
const SUGGESTION = '0b8a6a1e-2f5c-4d7b-8e1f-3c9d7a5b2e10';
const DELETION = '5a3c2e1f-9b8d-4c7a-8e6f-1d2c3b4a5f60';
const UNKNOWN = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

const SOURCE = [
  '# Goals',
  '',
  'The quick **brown** fox *jumps* over the [lazy](https://example.org/dog?a=1&b=2) dog.',
  '',
  '## Measures',
  '',
  '- first item',
  '    - nested item',
  '- second item',
  '',
  '1. one',
  '2. two',
  '',
  '> A quoted line.',
  '',
  '| Measure | Owner |',
  '| --- | --- |',
  '| CBM 14 | Ministry |',
].join('\n');

function withMark(state: Uint8Array, id: string, start: { block: number[]; offset: number }, end: { block: number[]; offset: number }, quote: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  Y.applyUpdate(doc, anchorUpdate(state, { threadId: id, start, end, quote }));
  return Y.encodeStateAsUpdate(doc);
}

/** A state written by a headless editor, for content the Markdown and HTML imports cannot make. */
function written(build: () => void): Uint8Array {
  const doc = new Y.Doc();
  const bound = bindServerEditor(doc, 'test');
  const stop = writeToDoc(bound);
  bound.editor.update(build, { discrete: true });
  stop();
  return Y.encodeStateAsUpdate(doc);
}

function exportOf(state: Uint8Array, extra: Partial<DocxExportInput> = {}) {
  return documentDocxFile({ state, title: 'Joint Action Plan', tlp: 'AMBER', language: 'bs', summary: 'A plan.', note: 'Exported 7 December 2026', creator: 'Ministry of Security', ...extra });
}

async function body(buffer: Buffer): Promise<XmlElement[]> {
  const docx = await openDocx(buffer);
  return findAll((await docx.part('word/document.xml'))!, 'w:body');
}

function paragraphWith(root: XmlElement[], text: string): XmlElement {
  const found = findAll(root, 'w:p').find((p) => runText(p).includes(text));
  if (!found) throw new Error(`no paragraph with ${text}`);
  return found;
}

function runWith(root: XmlElement[], text: string): XmlElement {
  const found = findAll(root, 'w:r').find((r) => runText(r) === text);
  if (!found) throw new Error(`no run reading ${text}`);
  return found;
}

describe('the .docx export', () => {
  test('has the title, real heading styles, formatting, a quote, and the language and label in styles and properties', async () => {
    const buffer = await exportOf(stateFromMarkdown(SOURCE));
    const docx = await openDocx(buffer);
    const root = await body(buffer);
    expect(paragraphStyle(paragraphWith(root, 'Joint Action Plan'))).toBe('Title');
    expect(paragraphStyle(paragraphWith(root, 'Goals'))).toBe('Heading1');
    expect(paragraphStyle(paragraphWith(root, 'Measures'))).toBe('Heading2');
    expect(paragraphStyle(paragraphWith(root, 'A quoted line.'))).toBe('Quote');
    expect(findAll(runWith(root, 'brown'), 'w:b')).toHaveLength(1);
    expect(findAll(runWith(root, 'jumps'), 'w:i')).toHaveLength(1);
    expect(findAll(runWith(root, 'The quick '), 'w:b')).toHaveLength(0);
    const styles = (await docx.part('word/styles.xml'))!;
    expect(findAll(findAll(styles, 'w:docDefaults'), 'w:lang')[0].attributes['w:val']).toBe('bs-Latn-BA');
    expect(findAll(styles, 'w:style').some((style) => style.attributes['w:styleId'] === 'Heading1')).toBe(true);
    const core = (await docx.raw('docProps/core.xml'))!;
    expect(core).toContain('<dc:title>Joint Action Plan</dc:title>');
    expect(core).toContain('TLP:AMBER');
    const header = docx.files.find((file) => /^word\/header\d*\.xml$/.test(file))!;
    expect(runText((await docx.part(header))![0])).toBe('TLP:AMBER');
    expect((await mammoth.convertToHtml({ buffer })).value).toContain('<h1>Goals</h1><p>The quick <strong>brown</strong> fox <em>jumps</em>');
  });

  test('underline, strikethrough and code come through as run properties; line breaks and tabs as Word breaks and tabs', async () => {
    const root = await body(await exportOf(stateFromHtml('<p><u>under</u> <s>struck</s></p>')));
    expect(findAll(runWith(root, 'under'), 'w:u')[0].attributes['w:val']).toBe('single');
    expect(findAll(runWith(root, 'struck'), 'w:strike')).toHaveLength(1);
    // Code and tabs are not in the editor's toolbar, but a client may still write them.
    const coded = await body(
      await exportOf(
        written(() => {
          $getRoot().append($createParagraphNode().append($createTextNode('code').toggleFormat('code'), $createLineBreakNode(), $createTextNode('a'), $createTabNode(), $createTextNode('b')));
        }),
      ),
    );
    expect(findAll(runWith(coded, 'code'), 'w:rFonts')[0].attributes['w:ascii']).toBe('Courier New');
    const paragraph = paragraphWith(coded, 'code');
    expect(findAll(paragraph, 'w:br')).toHaveLength(1);
    expect(findAll(paragraph, 'w:tab')).toHaveLength(1);
  });

  test('lists are Word numbering with nesting levels; bullets and numbers use different formats', async () => {
    const buffer = await exportOf(stateFromMarkdown(SOURCE));
    const docx = await openDocx(buffer);
    const root = await body(buffer);
    const numPr = (text: string) => {
      const pr = findAll(paragraphWith(root, text), 'w:numPr')[0];
      return { level: findAll(pr, 'w:ilvl')[0].attributes['w:val'], numId: findAll(pr, 'w:numId')[0].attributes['w:val'] };
    };
    expect(numPr('first item').level).toBe('0');
    expect(numPr('nested item').level).toBe('1');
    expect(numPr('second item')).toEqual(numPr('first item'));
    expect(numPr('two')).toEqual(numPr('one'));
    const numbering = (await docx.part('word/numbering.xml'))!;
    const formatOf = (numId: string) => {
      const num = findAll(numbering, 'w:num').find((n) => n.attributes['w:numId'] === numId)!;
      const abstractId = findAll(num, 'w:abstractNumId')[0].attributes['w:val'];
      const abstract = findAll(numbering, 'w:abstractNum').find((a) => a.attributes['w:abstractNumId'] === abstractId)!;
      const level0 = findAll(abstract, 'w:lvl').find((l) => l.attributes['w:ilvl'] === '0')!;
      return findAll(level0, 'w:numFmt')[0].attributes['w:val'];
    };
    expect(formatOf(numPr('first item').numId)).toBe('bullet');
    expect(formatOf(numPr('one').numId)).toBe('decimal');
    const html = (await mammoth.convertToHtml({ buffer })).value;
    expect(html).toContain('<ul><li>first item<ul><li>nested item</li></ul></li><li>second item</li></ul>');
    expect(html).toContain('<ol><li>one</li><li>two</li></ol>');
  });

  test('a table is a Word table with a repeating header row', async () => {
    const buffer = await exportOf(stateFromMarkdown(SOURCE));
    const root = await body(buffer);
    const table = findAll(root, 'w:tbl')[0];
    const rows = findAll(table, 'w:tr');
    expect(rows.map((row) => findAll(row, 'w:tc').map(runText))).toEqual([
      ['Measure', 'Owner'],
      ['CBM 14', 'Ministry'],
    ]);
    expect(findAll(rows[0], 'w:tblHeader')).toHaveLength(1);
    expect(findAll(rows[1], 'w:tblHeader')).toHaveLength(0);
    // Header cells are bold through their paragraph style, so the words themselves stay unformatted.
    expect(findAll(rows[0], 'w:p').map(paragraphStyle)).toEqual(['TableHeading', 'TableHeading']);
    expect(findAll(rows[1], 'w:p').map(paragraphStyle)).toEqual([null, null]);
    expect((await mammoth.convertToHtml({ buffer })).value).toContain('<table><thead><tr><th><p>Measure</p></th>');
  });

  test('a link is an external hyperlink relationship', async () => {
    const buffer = await exportOf(stateFromMarkdown(SOURCE));
    const docx = await openDocx(buffer);
    const link = findAll(await body(buffer), 'w:hyperlink')[0];
    expect(runText(link)).toBe('lazy');
    const rels = (await docx.part('word/_rels/document.xml.rels'))!;
    const rel = findAll(rels, 'Relationship').find((r) => r.attributes.Id === link.attributes['r:id'])!;
    expect(rel.attributes).toMatchObject({ Target: 'https://example.org/dog?a=1&b=2', TargetMode: 'External' });
  });

  test('a comment thread is a Word comment on the marked range, its replies threaded, with authors and dates', async () => {
    const state = withMark(stateFromMarkdown(SOURCE), THREAD, { block: [1], offset: 4 }, { block: [1], offset: 19 }, 'quick brown fox');
    const comments = new Map([
      [
        THREAD,
        [
          { author: 'Ana Marić', date: '2026-12-01T09:30:00.000Z', text: 'Say which fox.\nAnd why.' },
          { author: 'Nikola Petrović', date: '2026-12-02T10:00:00.000Z', text: 'The brown one.' },
        ],
      ],
    ]);
    const buffer = await exportOf(state, { comments });
    const docx = await openDocx(buffer);
    const paragraph = paragraphWith(await body(buffer), 'quick');
    // Range starts before the marked words and ends after them, for the comment and its reply.
    const sequence = paragraph.children
      .map((child) => (child.name === 'w:commentRangeStart' ? `start${child.attributes['w:id']}` : child.name === 'w:commentRangeEnd' ? `end${child.attributes['w:id']}` : runText(child)))
      .filter(Boolean);
    expect(sequence).toEqual(['The ', 'start0', 'start1', 'quick ', 'brown', ' fox', 'end0', 'end1', ' ', 'jumps', ' over the ', 'lazy', ' dog.']);
    expect(findAll(paragraph, 'w:commentReference').map((r) => r.attributes['w:id'])).toEqual(['0', '1']);
    const xml = (await docx.part('word/comments.xml'))!;
    const [first, reply] = findAll(xml, 'w:comment');
    expect(first.attributes).toMatchObject({ 'w:id': '0', 'w:author': 'Ana Marić', 'w:initials': 'AM', 'w:date': '2026-12-01T09:30:00.000Z' });
    expect(findAll(first, 'w:p').map(runText)).toEqual(['Say which fox.', 'And why.']);
    expect(reply.attributes).toMatchObject({ 'w:id': '1', 'w:author': 'Nikola Petrović' });
    const extended = (await docx.part('word/commentsExtended.xml'))!;
    const [rootEx, replyEx] = findAll(extended, 'w15:commentEx');
    expect(replyEx.attributes['w15:paraIdParent']).toBe(rootEx.attributes['w15:paraId']);
  });

  test('a thread over several blocks is one comment from the first block to the last', async () => {
    const state = withMark(stateFromMarkdown(SOURCE), THREAD, { block: [0], offset: 2 }, { block: [1], offset: 3 }, 'als\nThe');
    const buffer = await exportOf(state, { comments: new Map([[THREAD, [{ author: 'Ana', date: '2026-12-01T09:30:00Z', text: 'Both.' }]]]) });
    const root = await body(buffer);
    expect(findAll(paragraphWith(root, 'Goals'), 'w:commentRangeStart')).toHaveLength(1);
    expect(findAll(paragraphWith(root, 'The quick'), 'w:commentRangeEnd')).toHaveLength(1);
    expect(findAll(root, 'w:commentRangeStart')).toHaveLength(1);
    expect(findAll((await (await openDocx(buffer)).part('word/comments.xml'))!, 'w:comment')).toHaveLength(1);
  });

  test('a pending suggestion is a tracked change: the marked words deleted and the proposal inserted, with author and date', async () => {
    let state = withMark(stateFromMarkdown(SOURCE), SUGGESTION, { block: [1], offset: 4 }, { block: [1], offset: 19 }, 'quick brown fox');
    state = withMark(state, DELETION, { block: [1], offset: 35 }, { block: [1], offset: 39 }, 'lazy');
    const suggestions = new Map([
      [SUGGESTION, { author: 'Ana Marić (Ministry of Security)', date: '2026-12-03T08:00:00.000Z', proposedText: 'slow red fox' }],
      [DELETION, { author: 'Nikola Petrović (OSCE)', date: '2026-12-04T08:00:00.000Z', proposedText: '' }],
    ]);
    const buffer = await exportOf(state, { suggestions });
    const docx = await openDocx(buffer);
    const paragraph = paragraphWith(await body(buffer), 'The ');
    const changes = paragraph.children.filter((child) => child.name === 'w:del' || child.name === 'w:ins' || child.name === 'w:hyperlink');
    const described = changes.map((change) => {
      const inner = change.name === 'w:hyperlink' ? change.children.find((c) => c.name === 'w:del') ?? change : change;
      return [change.name, inner.name, inner.attributes['w:author'], inner.attributes['w:date'], runText(change)];
    });
    expect(described).toEqual([
      ['w:del', 'w:del', 'Ana Marić (Ministry of Security)', '2026-12-03T08:00:00.000Z', 'quick '],
      ['w:del', 'w:del', 'Ana Marić (Ministry of Security)', '2026-12-03T08:00:00.000Z', 'brown'],
      ['w:del', 'w:del', 'Ana Marić (Ministry of Security)', '2026-12-03T08:00:00.000Z', ' fox'],
      ['w:ins', 'w:ins', 'Ana Marić (Ministry of Security)', '2026-12-03T08:00:00.000Z', 'slow red fox'],
      ['w:hyperlink', 'w:del', 'Nikola Petrović (OSCE)', '2026-12-04T08:00:00.000Z', 'lazy'],
    ]);
    // The deleted words keep their formatting, and every revision has its own id.
    const deletedBrown = findAll(paragraph, 'w:del').find((del) => runText(del) === 'brown')!;
    expect(findAll(deletedBrown, 'w:b')).toHaveLength(1);
    const ids = [...findAll(paragraph, 'w:del'), ...findAll(paragraph, 'w:ins')].map((change) => change.attributes['w:id']);
    expect(new Set(ids).size).toBe(ids.length);
    // Word tracks the reader's own edits too.
    expect(findAll((await docx.part('word/settings.xml'))!, 'w:trackRevisions')).toHaveLength(1);
    // mammoth reads the text as if the changes were accepted.
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain('The slow red fox jumps over the  dog.');
  });

  test('a suggestion with a comment on the same mark: the comment covers the deletion and the insertion', async () => {
    const state = withMark(stateFromMarkdown(SOURCE), SUGGESTION, { block: [1], offset: 4 }, { block: [1], offset: 19 }, 'quick brown fox');
    const buffer = await exportOf(state, {
      suggestions: new Map([[SUGGESTION, { author: 'Ana', date: '2026-12-03T08:00:00Z', proposedText: 'red fox' }]]),
      comments: new Map([[SUGGESTION, [{ author: 'Ana', date: '2026-12-03T08:00:00Z', text: 'Reason: clearer.' }]]]),
    });
    const names = paragraphWith(await body(buffer), 'The ').children.map((child) => child.name);
    const start = names.indexOf('w:commentRangeStart');
    const end = names.indexOf('w:commentRangeEnd');
    expect(start).toBeLessThan(names.indexOf('w:del'));
    expect(names.lastIndexOf('w:ins')).toBeLessThan(end);
  });

  test('marks of unknown ids, and the public export without maps, carry the words only', async () => {
    const state = withMark(stateFromMarkdown(SOURCE), UNKNOWN, { block: [1], offset: 4 }, { block: [1], offset: 19 }, 'quick brown fox');
    const docx = await openDocx(await exportOf(state));
    const xml = (await docx.raw('word/document.xml'))!;
    expect(xml).not.toMatch(/w:del\b|w:ins\b|commentRange|commentReference/);
    expect(xml).not.toContain(UNKNOWN);
    expect(findAll((await docx.part('word/comments.xml')) ?? [], 'w:comment')).toHaveLength(0);
    expect(findAll((await docx.part('word/settings.xml'))!, 'w:trackRevisions')).toHaveLength(0);
  });

  test('a round trip through the portal\'s own .docx import gives the same text back', async () => {
    const state = stateFromMarkdown(SOURCE);
    const imported = renderHtml(stateFromHtml(await docxToHtml(await exportOf(state))));
    expect(imported).toBe(`<h1>Joint Action Plan</h1><p><strong>TLP:AMBER</strong><em> · Exported 7 December 2026</em></p>${renderHtml(state)}`);
  });

  test('markup and control characters in the text stay text: the file parses and no markup leaks', async () => {
    const hostile = 'A <script>alert(1)</script> and </w:t><w:r><w:t>x & "q" \u0001\u000b\uFFFE end';
    const buffer = await exportOf(stateFromHtml(`<p>${hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`), {
      title: '<b>Title</b>\u0002',
      comments: new Map(),
    });
    const docx = await openDocx(buffer);
    const xml = (await docx.raw('word/document.xml'))!;
    expect(xml).not.toMatch(/<script|<b>/);
    for (const character of ['\u0001', '\u0002', '\u000b', '\uFFFE']) expect(xml).not.toContain(character);
    expect(runText(paragraphWith(await body(buffer), 'alert'))).toBe('A <script>alert(1)</script> and </w:t><w:r><w:t>x & "q"  end');
    expect(runText(paragraphWith(await body(buffer), 'Title'))).toBe('<b>Title</b>');
    // Straight from a client's state, where no HTML parser had a chance to drop them.
    const raw = await exportOf(written(() => $getRoot().append($createParagraphNode().append($createTextNode('bell\u0007 and \uFFFF end')))));
    expect(runText(paragraphWith(await body(raw), 'bell'))).toBe('bell and  end');
    // Only the parts the docx package writes, no altChunk or embedded HTML.
    expect(docx.files.filter((file) => /\.(html?|mht)$/i.test(file))).toEqual([]);
    expect((await mammoth.extractRawText({ buffer })).value).toContain('A <script>alert(1)</script>');
  });
});
