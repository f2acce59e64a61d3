import { deflateRawSync, crc32 } from 'node:zlib';
import { createHeadlessEditor } from '@lexical/headless';
import { $createLinkNode } from '@lexical/link';
import { createYjsBinding, type Provider, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, ElementNode, type Klass, type LexicalEditor, type LexicalNode } from 'lexical';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { EDITOR_NAMESPACE, EDITOR_NODES, ROOT_NAME } from '../editor/nodes.ts';
import {
  DocumentConversionError,
  docxToHtml,
  emptyState,
  renderHtml,
  renderMarkdown,
  renderPlainText,
  stateFromHtml,
  stateFromMarkdown,
} from './render.server.ts';
import { sanitizeHtml } from './sanitize-html.server.ts';
import { expectInert, XSS_CORPUS } from './xss-corpus.server.ts';

/** Every node type of the schema, written the way renderMarkdown writes it. */
const FULL_MARKDOWN = `# Heading one

## Heading two

### Heading three

A paragraph with **bold**, *italic*, ~~struck~~ and ***bold italic*** text, a [link](https://example.org/path?a=1) and a [mail link](mailto:team@example.org).

A line\\
broken in two.

> A quote\\
> over two lines.

- First bullet
- Second bullet
    - Nested bullet
        1. Deeply nested number
- Third bullet

1. First step
2. Second step
    1. Sub-step
    2. Another sub-step
3. Third step

---

| Measure | Owner | Status |
| --- | --- | --- |
| CBM 3 | **Ministry** | Done |
| CBM 7 | [CERT](https://cert.example.org) | Open |

Closing paragraph.`;

const FULL_HTML =
  '<h1>Heading one</h1><h2>Heading two</h2><h3>Heading three</h3>' +
  '<p>A paragraph with <strong>bold</strong>, <em>italic</em>, <s>struck</s> and <strong><em>bold italic</em></strong> text, a <a href="https://example.org/path?a=1" rel="noopener noreferrer">link</a> and a <a href="mailto:team@example.org" rel="noopener noreferrer">mail link</a>.</p>' +
  '<p>A line<br>broken in two.</p>' +
  '<blockquote>A quote<br>over two lines.</blockquote>' +
  '<ul><li>First bullet</li><li>Second bullet<ul><li>Nested bullet<ol><li>Deeply nested number</li></ol></li></ul></li><li>Third bullet</li></ul>' +
  '<ol><li>First step</li><li>Second step<ol><li>Sub-step</li><li>Another sub-step</li></ol></li><li>Third step</li></ol>' +
  '<hr>' +
  '<table><thead><tr><th>Measure</th><th>Owner</th><th>Status</th></tr></thead><tbody><tr><td>CBM 3</td><td><strong>Ministry</strong></td><td>Done</td></tr><tr><td>CBM 7</td><td><a href="https://cert.example.org" rel="noopener noreferrer">CERT</a></td><td>Open</td></tr></tbody></table>' +
  '<p>Closing paragraph.</p>';

/** renderHtml writes only what the sanitizer would keep, so sanitizing it again changes nothing. */
function expectSanitized(html: string): void {
  expectInert(html);
  expect(sanitizeHtml(html)).toBe(html);
}

const NO_PROVIDER = {
  awareness: { getLocalState: () => null, getStates: () => new Map(), on() {}, off() {}, setLocalState() {}, setLocalStateField() {} },
  connect() {},
  disconnect() {},
  on() {},
  off() {},
} as unknown as Provider;

/**
 * A second party bound to its own Y.Doc the way the browser's
 * CollaborationPlugin binds: Yjs changes flow into its editor and its edits
 * flow back into Yjs. It writes without any of the server's checks, like a
 * modified client could.
 */
function connectClient(doc: Y.Doc, extraNodes: Array<Klass<LexicalNode>> = []): LexicalEditor {
  const editor = createHeadlessEditor({
    namespace: EDITOR_NAMESPACE,
    nodes: [...EDITOR_NODES, ...extraNodes],
    onError: (error) => {
      throw error;
    },
  });
  const binding = createYjsBinding({ editor, id: 'client', doc, docMap: new Map([['client', doc]]), rootName: ROOT_NAME });
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, NO_PROVIDER, events as never, false, () => {});
  });
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, NO_PROVIDER, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  return editor;
}

function loadInClient(state: Uint8Array): { doc: Y.Doc; editor: LexicalEditor } {
  const doc = new Y.Doc();
  const editor = connectClient(doc);
  Y.applyUpdate(doc, state);
  editor.update(() => {}, { discrete: true });
  return { doc, editor };
}

describe('markdown round trips', () => {
  test('every node type survives markdown -> state -> markdown', () => {
    expect(renderMarkdown(stateFromMarkdown(FULL_MARKDOWN))).toBe(FULL_MARKDOWN);
  });

  test('every node type renders to the expected HTML', () => {
    const html = renderHtml(stateFromMarkdown(FULL_MARKDOWN));
    expect(html).toBe(FULL_HTML);
    expectSanitized(html);
  });

  test.each([
    ['# One', '<h1>One</h1>'],
    ['## Two', '<h2>Two</h2>'],
    ['### Three', '<h3>Three</h3>'],
    ['#### Four becomes three', '<h3>Four becomes three</h3>'],
    ['Plain paragraph.', '<p>Plain paragraph.</p>'],
    ['**bold**', '<p><strong>bold</strong></p>'],
    ['*italic*', '<p><em>italic</em></p>'],
    ['_italic_', '<p><em>italic</em></p>'],
    ['~~strike~~', '<p><s>strike</s></p>'],
    ['> quoted', '<blockquote>quoted</blockquote>'],
    ['- a\n- b', '<ul><li>a</li><li>b</li></ul>'],
    ['1. a\n2. b', '<ol><li>a</li><li>b</li></ol>'],
    ['- a\n    - b', '<ul><li>a<ul><li>b</li></ul></li></ul>'],
    ['[x](https://example.org)', '<p><a href="https://example.org" rel="noopener noreferrer">x</a></p>'],
    ['***', '<hr>'],
    ['| a | b |\n| --- | --- |\n| c | d |', '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>c</td><td>d</td></tr></tbody></table>'],
  ])('%j renders as %s', (markdown, html) => {
    expect(renderHtml(stateFromMarkdown(markdown))).toBe(html);
  });

  test('hard-wrapped lines are one paragraph (CommonMark)', () => {
    expect(renderHtml(stateFromMarkdown('one\ntwo\n\nthree'))).toBe('<p>one two</p><p>three</p>');
  });

  test('text that looks like markdown syntax stays text', () => {
    const state = stateFromHtml('<p>- not a list</p><p>1. not a step</p><p># not a heading</p><p>&gt; not a quote</p><p>| not | a table |</p><p>---</p><p>a*b*c and _d_</p>');
    const markdown = renderMarkdown(state);
    expect(renderHtml(stateFromMarkdown(markdown))).toBe(renderHtml(state));
    expect(renderMarkdown(stateFromMarkdown(markdown))).toBe(markdown);
  });

  test('a pipe in a table cell is escaped', () => {
    const markdown = '| a \\| b | c |\n| --- | --- |\n| d | e |';
    expect(renderHtml(stateFromMarkdown(markdown))).toContain('<th>a | b</th>');
    expect(renderMarkdown(stateFromMarkdown(markdown))).toBe(markdown);
  });

  test('tables: empty cells, short rows padded as in GFM, two tables in a row', () => {
    const empty = '| a |  |\n| --- | --- |\n|  | d |';
    expect(renderMarkdown(stateFromMarkdown(empty))).toBe(empty);
    expect(renderHtml(stateFromMarkdown('| a | b |\n|---|:---:|\n| c |'))).toBe(
      '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>c</td><td></td></tr></tbody></table>',
    );
    const two = '| a |\n| --- |\n| b |\n\n| x | y |\n| --- | --- |\n| z | w |';
    expect(renderMarkdown(stateFromMarkdown(two))).toBe(two);
    const headerOnly = renderHtml(stateFromMarkdown('| h |\n| --- |'));
    expect(headerOnly).toBe('<table><thead><tr><th>h</th></tr></thead></table>');
    expectSanitized(headerOnly);
  });

  test('underline has no markdown and is dropped from markdown only', () => {
    const state = stateFromHtml('<p><u>under</u></p>');
    expect(renderHtml(state)).toBe('<p><u>under</u></p>');
    expect(renderMarkdown(state)).toBe('under');
  });

  test('Windows line endings are read like Unix ones', () => {
    expect(renderHtml(stateFromMarkdown('# T\r\n\r\n- a\r\n- b\r\n'))).toBe('<h1>T</h1><ul><li>a</li><li>b</li></ul>');
  });
});

describe('HTML import', () => {
  test('every node type survives HTML -> state -> HTML', () => {
    expect(renderHtml(stateFromHtml(FULL_HTML))).toBe(FULL_HTML);
  });

  test('HTML -> state -> markdown matches the markdown source', () => {
    expect(renderMarkdown(stateFromHtml(FULL_HTML))).toBe(FULL_MARKDOWN);
  });

  test('Google Docs formatting comes through', () => {
    const googleDocs =
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><h2 dir="ltr"><span style="font-weight:400">Plan</span></h2><p dir="ltr"><span style="font-weight:700;">Bold</span><span> and </span><span style="font-style:italic;">italic</span></p><ul><li dir="ltr"><p dir="ltr"><span>item</span></p></li></ul></b>';
    expect(renderHtml(stateFromHtml(googleDocs))).toBe('<h2>Plan</h2><p><strong>Bold</strong> and <em>italic</em></p><ul><li>item</li></ul>');
  });

  test('Word formatting comes through', () => {
    const word =
      '<div class=WordSection1><p class=MsoTitle>Report</p><h1 style="mso-list:none">Scope<o:p></o:p></h1><p class=MsoNormal><b><span style="font-size:12pt">Bold</span></b> <i>italic</i> <u>under</u><o:p></o:p></p></div>';
    expect(renderHtml(stateFromHtml(word))).toBe('<p>Report</p><h1>Scope</h1><p><strong>Bold</strong> <em>italic</em> <u>under</u></p>');
  });

  test('table header cells and spans are kept', () => {
    const html = '<table><tr><th>h</th><th>i</th></tr><tr><td colspan="2">wide</td></tr></table>';
    expect(renderHtml(stateFromHtml(html))).toBe(
      '<table><thead><tr><th>h</th><th>i</th></tr></thead><tbody><tr><td colspan="2">wide</td></tr></tbody></table>',
    );
  });
});

describe('security', () => {
  test.each(XSS_CORPUS)('imported HTML %s renders inert', (input) => {
    const state = stateFromHtml(`<p>before</p>${input}<p>after</p>`);
    const html = renderHtml(state);
    expectSanitized(html);
    expect(html).toContain('<p>before</p>');
    expect(renderMarkdown(state)).not.toMatch(/javascript:|vbscript:|data:/i);
  });

  test.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,x'],
    ['vbscript:x'],
    ['//evil.example'],
  ])('an unsafe link %s in imported markdown keeps its text and loses the link', (url) => {
    const state = stateFromMarkdown(`Click [here](${url}) now.`);
    expect(renderHtml(state)).toBe('<p>Click here now.</p>');
    expect(renderMarkdown(state)).toBe('Click here now.');
  });

  test('an unsafe link in imported HTML keeps its text and loses the link', () => {
    const state = stateFromHtml('<p>Click <a href="java\tscript:alert(1)"><b>here</b></a> now.</p>');
    expect(renderHtml(state)).toBe('<p>Click <strong>here</strong> now.</p>');
    expect(renderMarkdown(state)).toBe('Click **here** now.');
  });

  test('what a modified client writes into the document is rendered inert', () => {
    const { doc, editor } = loadInClient(emptyState());
    editor.update(
      () => {
        const paragraph = $createParagraphNode();
        const text = $createTextNode('<script>alert(1)</script><img src=x onerror=alert(1)>');
        text.setStyle('background: url(javascript:alert(1))');
        const link = $createLinkNode(' javascript:alert(1)', { target: '_blank', rel: 'opener', title: '"><script>' });
        link.append($createTextNode('click'));
        const good = $createLinkNode('https://example.org/"onmouseover="alert(1)');
        good.append($createTextNode('good'));
        paragraph.append(text, link, good);
        $getRoot().append(paragraph);
      },
      { discrete: true },
    );
    const html = renderHtml(doc);
    expectSanitized(html);
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;click<a href="https://example.org/&quot;onmouseover=&quot;alert(1)" rel="noopener noreferrer">good</a></p>',
    );
    expect(renderMarkdown(doc)).not.toMatch(/javascript:/i);
  });
});

describe('states', () => {
  test('emptyState is one empty paragraph', () => {
    const { editor } = loadInClient(emptyState());
    const children = editor.read(() => $getRoot().getChildren().map((node) => [node.getType(), node.getTextContent()]));
    expect(children).toEqual([['paragraph', '']]);
    expect(renderHtml(emptyState())).toBe('');
    expect(renderMarkdown(emptyState())).toBe('');
    expect(renderPlainText(emptyState())).toBe('');
  });

  test('an empty import still has a paragraph', () => {
    for (const state of [stateFromMarkdown(''), stateFromHtml(''), stateFromHtml('<script>x</script>')]) {
      const { editor } = loadInClient(state);
      expect(editor.read(() => $getRoot().getChildren().map((node) => node.getType()))).toEqual(['paragraph']);
    }
  });

  test('two states created independently from the same markdown are both valid', () => {
    const first = stateFromMarkdown(FULL_MARKDOWN);
    const second = stateFromMarkdown(FULL_MARKDOWN);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false); // different Yjs client ids
    expect(renderHtml(first)).toBe(FULL_HTML);
    expect(renderHtml(second)).toBe(FULL_HTML);
    expect(renderMarkdown(second)).toBe(FULL_MARKDOWN);
  });

  test('applying a state to a Y.Doc and rendering again is stable', () => {
    const state = stateFromMarkdown(FULL_MARKDOWN);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(renderHtml(doc)).toBe(FULL_HTML);
    expect(renderHtml(Y.encodeStateAsUpdate(doc))).toBe(FULL_HTML);
    expect(renderMarkdown(doc)).toBe(FULL_MARKDOWN);
    // Rendering reads the Y.Doc and leaves it as it was.
    const before = Y.encodeStateAsUpdate(doc);
    renderHtml(doc);
    renderMarkdown(doc);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  test('a client loads a server-made state, edits it, and the server renders the edit', () => {
    const { doc, editor } = loadInClient(stateFromMarkdown(FULL_MARKDOWN));
    expect(editor.read(() => $getRoot().getChildrenSize())).toBe(11);
    expect(renderHtml(doc)).toBe(FULL_HTML);
    editor.update(
      () => {
        $getRoot().append($createParagraphNode().append($createTextNode('Added by a client.')));
      },
      { discrete: true },
    );
    expect(renderHtml(doc)).toBe(`${FULL_HTML}<p>Added by a client.</p>`);

    // And edits made on the server side reach the client through Yjs updates.
    const other = loadInClient(Y.encodeStateAsUpdate(doc));
    expect(other.editor.read(() => $getRoot().getLastChild()?.getTextContent())).toBe('Added by a client.');
  });

  test('a state that is not a Lexical document is refused', () => {
    expect(() => renderHtml(new Uint8Array([1, 2, 3, 4]))).toThrow(DocumentConversionError);
  });

  test('a node type outside the schema is refused, not guessed at', () => {
    class ForeignNode extends ElementNode {
      $config() {
        return this.config('foreign', { extends: ElementNode });
      }
    }
    const doc = new Y.Doc();
    const editor = connectClient(doc, [ForeignNode]);
    Y.applyUpdate(doc, stateFromMarkdown('Before.'));
    editor.update(() => {}, { discrete: true });
    expect(renderPlainText(doc)).toBe('Before.');
    editor.update(() => $getRoot().append(new ForeignNode()), { discrete: true });
    expect(() => renderPlainText(doc)).toThrow(DocumentConversionError);
  });

  test('plain text has the words, one block per paragraph', () => {
    const text = renderPlainText(stateFromMarkdown(FULL_MARKDOWN));
    expect(text.startsWith('Heading one\n\nHeading two\n\nHeading three\n\nA paragraph with bold, italic')).toBe(true);
    expect(text).toContain('Deeply nested number');
    expect(text).toContain('CBM 7');
    expect(text.endsWith('Closing paragraph.')).toBe(true);
    expect(text).not.toMatch(/[<>*#|]/);
  });
});

describe('a long document', () => {
  // How fast, against decoding the same update, is measured by `npm run bench -- content`.
  test('a 100,000-character document renders whole to HTML, Markdown and plain text', () => {
    const paragraph =
      'Lorem ipsum dolor sit amet, **consectetur** adipiscing elit, sed do *eiusmod* tempor incididunt ut labore et dolore magna aliqua. ';
    let markdown = '';
    let sections = 0;
    for (let i = 0; markdown.length < 100_000; i++) {
      if (i % 10 === 0) {
        markdown += `## Section ${i}\n\n`;
        sections++;
      }
      markdown += i % 7 === 0 ? `- ${paragraph}\n- item\n\n` : `${paragraph}${paragraph}\n\n`;
    }
    const state = stateFromMarkdown(markdown);
    expect(renderPlainText(state).length).toBeGreaterThan(80_000);
    const html = renderHtml(state);
    expect(html.match(/<h2>Section \d+<\/h2>/g)?.length).toBe(sections);
    expect(html).toContain('<strong>consectetur</strong>');
    expect(renderMarkdown(state).match(/^## Section \d+$/gm)?.length).toBe(sections);
  });
});

describe('docxToHtml', () => {
  test('converts headings, formatting, lists, links and tables', async () => {
    const html = await docxToHtml(buildDocx());
    expect(html).toBe(
      '<h1>Action plan</h1>' +
        '<p><strong>Bold</strong> <em>italic</em> <u>under</u> <s>struck</s> <a href="https://example.org/" rel="noopener noreferrer">link</a></p>' +
        '<ul><li>First<ul><li>Nested</li></ul></li><li>Second</li></ul>' +
        '<ol><li>Step</li></ol>' +
        '<table><tbody><tr><td><p>A</p></td><td><p>B</p></td></tr></tbody></table>',
    );
    const state = stateFromHtml(html);
    expect(renderMarkdown(state)).toBe(
      '# Action plan\n\n**Bold** *italic* under ~~struck~~ [link](https://example.org/)\n\n- First\n    - Nested\n- Second\n\n1. Step\n\n| A | B |\n| --- | --- |',
    );
  });

  test("a table's header row (Word's \"Repeat as header row\") becomes header cells, in the document and its export", async () => {
    const row = (cells: string[], header = false) =>
      `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells.map((cell) => `<w:tc><w:p>${run(cell)}</w:p></w:tc>`).join('')}</w:tr>`;
    const html = await docxToHtml(buildDocx(`<w:tbl>${row(['Measure', 'Owner'], true)}${row(['CBM 3', 'Ministry'])}</w:tbl>`));
    const state = stateFromHtml(html);
    expect(renderHtml(state)).toBe(
      '<table><thead><tr><th>Measure</th><th>Owner</th></tr></thead><tbody><tr><td>CBM 3</td><td>Ministry</td></tr></tbody></table>',
    );
    expect(renderMarkdown(state)).toBe('| Measure | Owner |\n| --- | --- |\n| CBM 3 | Ministry |');
  });

  test('a first row of bold text is the header row; a bold cell elsewhere, or a row partly bold, is not', async () => {
    const cells = (texts: string[], bold: boolean[]) => texts.map((text, i) => `<w:tc><w:p>${run(text, bold[i] ? '<w:b/>' : '')}</w:p></w:tc>`).join('');
    const html = await docxToHtml(
      buildDocx(
        `<w:tbl><w:tr>${cells(['Measure', 'Owner'], [true, true])}</w:tr><w:tr>${cells(['CBM 3', 'Ministry'], [true, false])}</w:tr></w:tbl>` +
          `<w:p>${run('Between')}</w:p>` +
          `<w:tbl><w:tr>${cells(['Measure', 'Owner'], [true, false])}</w:tr><w:tr>${cells(['CBM 7', 'CERT'], [false, false])}</w:tr></w:tbl>`,
      ),
    );
    expect(renderHtml(stateFromHtml(html))).toBe(
      '<table><thead><tr><th><strong>Measure</strong></th><th><strong>Owner</strong></th></tr></thead><tbody><tr><td><strong>CBM 3</strong></td><td>Ministry</td></tr></tbody></table>' +
        '<p>Between</p>' +
        '<table><tbody><tr><td><strong>Measure</strong></td><td>Owner</td></tr><tr><td>CBM 7</td><td>CERT</td></tr></tbody></table>',
    );
  });

  test('refuses a file that is not a .docx', async () => {
    await expect(docxToHtml(Buffer.from('not a zip file'))).rejects.toBeInstanceOf(DocumentConversionError);
  });
});

// ---------------------------------------------------------------------------
// A minimal .docx, built with Node's zlib: a zip of a few WordprocessingML parts.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function run(text: string, properties = ''): string {
  return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
}

function listItem(text: string, numId: number, level: number): string {
  return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(text)}</w:p>`;
}

function buildDocx(body = SAMPLE_BODY): Buffer {
  return docxPackage(body);
}

const SAMPLE_BODY =
    `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run('Action plan')}</w:p>` +
    `<w:p>${run('Bold', '<w:b/>')}${run(' ')}${run('italic', '<w:i/>')}${run(' ')}${run('under', '<w:u w:val="single"/>')}${run(' ')}${run('struck', '<w:strike/>')}${run(' ')}<w:hyperlink r:id="rIdLink">${run('link')}</w:hyperlink></w:p>` +
    listItem('First', 1, 0) +
    listItem('Nested', 1, 1) +
    listItem('Second', 1, 0) +
    listItem('Step', 2, 0) +
    `<w:tbl><w:tr><w:tc><w:p>${run('A')}</w:p></w:tc><w:tc><w:p>${run('B')}</w:p></w:tc></w:tr></w:tbl>`;

function docxPackage(body: string): Buffer {
  const level = (ilvl: number, format: string) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${format === 'bullet' ? '•' : `%${ilvl + 1}.`}"/></w:lvl>`;
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`,
    'word/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>`,
    'word/numbering.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">${level(0, 'bullet')}${level(1, 'bullet')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${level(0, 'decimal')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
  });
}

/** A zip archive (deflate, no extras) holding the given files. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const compressed = deflateRawSync(data);
    const checksum = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}
