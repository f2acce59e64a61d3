/**
 * Conversions between a document's Yjs state and HTML, Markdown and plain
 * text, on the server. Every function is synchronous except docxToHtml.
 *
 * Both directions go through a headless Lexical editor bound to a Y.Doc with
 * @lexical/yjs, registered with the same EDITOR_NODES as the browser. States
 * written here are therefore exactly what a browser CollaborationPlugin would
 * have written, and a browser loads them like any other edit.
 *
 * Why renderHtml does not use $generateHtmlFromNodes: under happy-dom 20.14
 * `element.replaceWith(element)` removes the element, and TableNode's export
 * does exactly that, so every table silently disappears from the output. It
 * also writes formatting as <b><strong style="white-space: pre-wrap"> chains
 * and unsafe links as href="about:blank". Instead renderHtml walks the Lexical
 * tree and writes the allow-list directly: tags only from literals below, text
 * only through escapeText, links only through safeHref + escapeAttribute (the
 * sanitizer's own functions). Its output is thus already what sanitizeHtml
 * would produce (the tests check sanitizeHtml(renderHtml(x)) === renderHtml(x)
 * for every document they render, a tampering client's included), so it is
 * not parsed a second time: that re-parse alone would cost about as much as
 * the rest of a render (~40 ms more for 100,000 characters).
 */
import { $generateNodesFromDOM } from '@lexical/html';
import { $isLinkNode, type LinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { $convertFromMarkdownString, $convertToMarkdownString } from '@lexical/markdown';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isTableCellNode, $isTableNode, $isTableRowNode, TableCellHeaderStates, type TableNode } from '@lexical/table';
import {
  $createParagraphNode,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $isLineBreakNode,
  $isParagraphNode,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import mammoth from 'mammoth';
import * as Y from 'yjs';
import { safeHref } from '../editor/link-policy.ts';
import { $isHorizontalRuleNode, MARKDOWN_TRANSFORMERS } from '../editor/nodes.ts';
import { bindServerEditor, followDoc, loadInto, writeToDoc } from './headless-binding.server.ts';
import { escapeAttribute, escapeText, sanitizeHtml, sanitizeNodes } from './sanitize-html.server.ts';
import { parseFragment, withSafeDOM } from './safe-dom.server.ts';

/** A document's content: Yjs update bytes as stored, or a live Y.Doc (only read, never changed). */
export type DocumentState = Uint8Array | Y.Doc;

/** The document could not be converted (a file that is not a .docx, a corrupt state...). */
export class DocumentConversionError extends Error {
  constructor(
    readonly code: 'invalid-docx' | 'invalid-state',
    options?: { cause?: unknown },
  ) {
    super(`Document conversion failed: ${code}`, options);
    this.name = 'DocumentConversionError';
  }
}


const BINDING_ID = 'server';

/** A headless editor holding the document's content, read through a private copy of the Y.Doc. */
function loadEditor(state: DocumentState): LexicalEditor {
  // Never bind to the caller's Y.Doc: a binding caches its collab nodes on the
  // shared types, which would disturb a live Hocuspocus document.
  const update = state instanceof Y.Doc ? Y.encodeStateAsUpdate(state) : state;
  const doc = new Y.Doc();
  const bound = bindServerEditor(doc, BINDING_ID);
  const stop = followDoc(bound);
  try {
    loadInto(bound, doc, update);
  } catch (error) {
    throw new DocumentConversionError('invalid-state', { cause: error });
  } finally {
    stop();
    doc.destroy();
  }
  const { editor } = bound;
  return editor;
}

function read<T>(state: DocumentState, fn: () => T): T {
  return loadEditor(state).read(fn);
}

/** Runs `fn` inside a read of the document's Lexical tree: for exports that walk the tree themselves (.docx). Throws like renderHtml. */
export function readDocumentTree<T>(state: DocumentState, fn: () => T): T {
  return read(state, fn);
}

/**
 * Build a new document: `build` fills the empty root inside a Lexical update,
 * and the binding writes the result into a fresh Y.Doc as a client would.
 */
function writeState(build: (editor: LexicalEditor) => void): Uint8Array {
  const doc = new Y.Doc();
  const bound = bindServerEditor(doc, BINDING_ID);
  const { editor } = bound;
  const removeListener = writeToDoc(bound);
  try {
    editor.update(
      () => {
        build(editor);
        $enforceSchema();
      },
      { discrete: true },
    );
    return Y.encodeStateAsUpdate(doc);
  } finally {
    removeListener();
    doc.destroy();
  }
}

/** What every stored document satisfies: safe links only, never an empty root. */
function $enforceSchema(): void {
  const root = $getRoot();
  for (const link of $collectLinks(root)) {
    const href = safeHref(link.getURL());
    if (href === null) {
      // Keep the words, lose the link.
      for (const child of link.getChildren()) link.insertBefore(child);
      link.remove();
    } else {
      link.setURL(href).setRel(null).setTarget(null).setTitle(null);
    }
  }
  if (root.getChildrenSize() === 0) root.append($createParagraphNode());
}

function $collectLinks(element: ElementNode): LinkNode[] {
  const links: LinkNode[] = [];
  const stack: LexicalNode[] = [element];
  while (stack.length > 0) {
    const node = stack.pop() as LexicalNode;
    if ($isLinkNode(node)) links.push(node);
    if ($isElementNode(node)) stack.push(...node.getChildren());
  }
  return links;
}

/** Top-level nodes from an import: inline runs are wrapped in paragraphs. */
function $appendBlocks(nodes: LexicalNode[]): void {
  const root = $getRoot();
  let paragraph: ElementNode | null = null;
  for (const node of nodes) {
    const isBlock = ($isElementNode(node) || $isDecoratorNode(node)) && !node.isInline();
    if (isBlock) {
      paragraph = null;
      root.append(node);
    } else {
      if (paragraph === null) {
        paragraph = $createParagraphNode();
        root.append(paragraph);
      }
      paragraph.append(node);
    }
  }
}

/** The Yjs state of a document with one empty paragraph. */
export function emptyState(): Uint8Array {
  return writeState(() => {});
}

/** The Yjs state of a new document holding `markdown` (CommonMark-ish, GFM tables). */
export function stateFromMarkdown(markdown: string): Uint8Array {
  const normalized = markdown.replace(/\r\n?/g, '\n');
  return writeState(() => {
    $convertFromMarkdownString(normalized, MARKDOWN_TRANSFORMERS, undefined, false, true);
  });
}

/** The Yjs state of a new document holding `html`, cleaned by the allow-list first. */
export function stateFromHtml(html: string): Uint8Array {
  return withSafeDOM((window) => {
    const clean = sanitizeNodes(parseFragment(window, html).childNodes);
    // Lexical reads text nodes through their parent element, so import from
    // inside a container rather than from a fragment.
    const container = window.document.createElement('div');
    container.innerHTML = clean;
    return writeState((editor) => {
      $appendBlocks($generateNodesFromDOM(editor, container as unknown as ParentNode));
    });
  });
}

/** The document as sanitized HTML (allow-listed tags only). Throws DocumentConversionError for a state it cannot read. */
export function renderHtml(state: DocumentState): string {
  return read(state, () => $blocksToHtml($getRoot()));
}

/** The document as Markdown (GFM pipe tables). Throws DocumentConversionError for a state it cannot read. */
export function renderMarkdown(state: DocumentState): string {
  return read(state, () => $convertToMarkdownString(MARKDOWN_TRANSFORMERS, undefined, false));
}

/** The document's words for search indexing, blocks separated by blank lines. Throws like renderHtml. */
export function renderPlainText(state: DocumentState): string {
  return read(state, () => $getRoot().getTextContent()).replace(/\n{3,}/g, '\n\n').trim();
}

/** The parts of mammoth's document model that header rows are read from. */
interface DocxElement {
  type: string;
  children?: DocxElement[];
  isHeader?: boolean;
  isBold?: boolean;
  value?: string;
}

function docxText(element: DocxElement): string {
  return element.type === 'text' ? (element.value ?? '') : (element.children ?? []).map(docxText).join('');
}

/** Every run with text in `element` is bold (and there is one). */
function allBold(element: DocxElement): boolean {
  const runs: DocxElement[] = [];
  const stack = [element];
  while (stack.length > 0) {
    const node = stack.pop() as DocxElement;
    if (node.type === 'run' && docxText(node).trim() !== '') runs.push(node);
    else stack.push(...(node.children ?? []));
  }
  return runs.length > 0 && runs.every((run) => run.isBold === true);
}

/**
 * Mammoth turns only rows marked "Repeat as header row" into <th>. Most
 * people mark a header row by making its text bold instead, so a first row
 * whose every cell is bold text counts as the header row too: a table
 * without header cells is a grid of values to a screen reader (WCAG 1.3.1).
 */
function markHandMadeHeaderRows(element: DocxElement): DocxElement {
  if (element.type === 'table') {
    const first = element.children?.find((child) => child.type === 'tableRow');
    const cells = first?.children?.filter((child) => child.type === 'tableCell') ?? [];
    if (first && !first.isHeader && (element.children?.length ?? 0) > 1 && cells.length > 0 && cells.every(allBold)) first.isHeader = true;
  }
  for (const child of element.children ?? []) markHandMadeHeaderRows(child);
  return element;
}

/** Convert a .docx file to sanitized HTML, ready for stateFromHtml. */
export async function docxToHtml(buffer: Buffer): Promise<string> {
  let result: { value: string };
  try {
    result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: [
          'u => u',
          'strike => s',
          "p[style-name='Title'] => h1:fresh",
          "p[style-name='Subtitle'] => h2:fresh",
          // Word's quote styles, which the portal's own .docx export writes for quotes too.
          "p[style-name='Quote'] => blockquote:fresh",
          "p[style-name='Intense Quote'] => blockquote:fresh",
        ],
        externalFileAccess: false,
        transformDocument: markHandMadeHeaderRows,
        // Images are not part of the schema; skip reading them at all.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
  } catch (error) {
    throw new DocumentConversionError('invalid-docx', { cause: error });
  }
  return sanitizeHtml(result.value);
}

// ---------------------------------------------------------------------------
// Lexical tree -> HTML. Only allow-listed tags; every text and URL escaped.

function $blocksToHtml(element: ElementNode): string {
  let html = '';
  for (const child of element.getChildren()) html += $blockToHtml(child);
  return html;
}

function $blockToHtml(node: LexicalNode): string {
  if ($isHorizontalRuleNode(node)) return '<hr>';
  if ($isHeadingNode(node)) {
    const level = Math.min(Number(node.getTag().slice(1)), 3);
    return `<h${level}>${$inlineToHtml(node)}</h${level}>`;
  }
  if ($isQuoteNode(node)) return `<blockquote>${$inlineToHtml(node)}</blockquote>`;
  if ($isListNode(node)) return $listToHtml(node);
  if ($isTableNode(node)) return $tableToHtml(node);
  if ($isParagraphNode(node)) {
    const inner = $inlineToHtml(node);
    return inner === '' ? '' : `<p>${inner}</p>`;
  }
  if ($isElementNode(node)) {
    return node.isInline() ? `<p>${$inlineToHtml(node)}</p>` : $blocksToHtml(node);
  }
  if ($isTextNode(node) || $isLineBreakNode(node)) return `<p>${$inlineNodeToHtml(node)}</p>`;
  return ''; // unknown decorators carry no text we could publish
}

function $listToHtml(list: ListNode): string {
  const tag = list.getListType() === 'number' ? 'ol' : 'ul';
  const items: string[] = [];
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const children = item.getChildren();
    // Lexical nests a list in an item of its own; HTML puts it in the item before.
    if (children.length === 1 && $isListNode(children[0])) {
      const nested = $listToHtml(children[0]);
      if (items.length > 0) items[items.length - 1] += nested;
      else items.push(nested);
      continue;
    }
    let inner = '';
    for (const child of children) inner += $isListNode(child) ? $listToHtml(child) : $inlineNodeToHtml(child);
    items.push(inner);
  }
  return `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
}

function $tableToHtml(table: TableNode): string {
  const head: string[] = [];
  const body: string[] = [];
  for (const row of table.getChildren()) {
    if (!$isTableRowNode(row)) continue;
    let cells = '';
    let allHeader = true;
    for (const cell of row.getChildren()) {
      if (!$isTableCellNode(cell)) continue;
      const isHeader = cell.getHeaderStyles() !== TableCellHeaderStates.NO_STATUS;
      if (!cell.hasHeaderState(TableCellHeaderStates.ROW)) allHeader = false;
      const tag = isHeader ? 'th' : 'td';
      const colSpan = cell.getColSpan();
      const rowSpan = cell.getRowSpan();
      const attributes = (colSpan > 1 ? ` colspan="${colSpan}"` : '') + (rowSpan > 1 ? ` rowspan="${rowSpan}"` : '');
      // One paragraph is the usual cell; write it without the <p>.
      const blocks = cell.getChildren();
      const inner =
        blocks.length === 1 && $isParagraphNode(blocks[0]) ? $inlineToHtml(blocks[0]) : $blocksToHtml(cell);
      cells += `<${tag}${attributes}>${inner}</${tag}>`;
    }
    // Leading rows of header cells form the <thead>.
    (allHeader && body.length === 0 ? head : body).push(`<tr>${cells}</tr>`);
  }
  if (head.length === 0 && body.length === 0) return '';
  const thead = head.length > 0 ? `<thead>${head.join('')}</thead>` : '';
  const tbody = body.length > 0 ? `<tbody>${body.join('')}</tbody>` : '';
  return `<table>${thead}${tbody}</table>`;
}

function $inlineToHtml(element: ElementNode): string {
  let html = '';
  for (const child of element.getChildren()) html += $inlineNodeToHtml(child);
  return html;
}

function $inlineNodeToHtml(node: LexicalNode): string {
  if ($isTextNode(node)) {
    let html = escapeText(node.getTextContent());
    if (node.hasFormat('strikethrough')) html = `<s>${html}</s>`;
    if (node.hasFormat('underline')) html = `<u>${html}</u>`;
    if (node.hasFormat('italic')) html = `<em>${html}</em>`;
    if (node.hasFormat('bold')) html = `<strong>${html}</strong>`;
    return html;
  }
  if ($isLineBreakNode(node)) return '<br>';
  if ($isLinkNode(node)) {
    const inner = $inlineToHtml(node);
    const href = safeHref(node.getURL());
    return href === null ? inner : `<a href="${escapeAttribute(href)}" rel="noopener noreferrer">${inner}</a>`;
  }
  if ($isElementNode(node)) return node.isInline() ? $inlineToHtml(node) : $blockToHtml(node);
  return escapeText(node.getTextContent());
}
