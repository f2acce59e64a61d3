/**
 * Allow-list HTML sanitizer: the security boundary for every HTML the server
 * renders or imports.
 *
 * It never edits the parsed tree and never serializes it with innerHTML.
 * Instead it walks the parsed DOM and writes a new document from scratch:
 * only the tags below, only the attributes below, every text and attribute
 * value escaped. Whatever the parser made of odd input, the output can only
 * contain what this file writes.
 *
 * Formatting given as inline styles (Google Docs, Word, Lexical itself) is
 * turned into <strong>/<em>/<u>/<s> before the styles are dropped.
 */
import { safeHref } from '../editor/link-policy.ts';
import { parseFragment, withSafeDOM } from './safe-dom.server.ts';

/** Dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'svg', 'math', 'img', 'picture', 'video', 'audio', 'canvas', 'map',
  'head', 'title', 'meta', 'link', 'base', 'textarea', 'select', 'option', 'optgroup', 'datalist',
  'input', 'button', 'xmp', 'plaintext', 'caption', 'colgroup', 'col', 'dialog', 'portal',
]);

/** Block-level wrappers whose content is kept without the wrapper itself. */
const CONTAINER_BLOCKS = new Set([
  'html', 'body', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure',
  'figcaption', 'address', 'center', 'dl', 'dt', 'dd', 'details', 'summary', 'fieldset', 'form',
  'legend', 'hgroup', 'search',
]);

const BLOCK_TAGS = new Set([
  ...CONTAINER_BLOCKS,
  'p', 'pre', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

// Maps, not object literals: a tag named "constructor" must not find Object's.
const HEADINGS = new Map([['h1', 'h1'], ['h2', 'h2'], ['h3', 'h3'], ['h4', 'h3'], ['h5', 'h3'], ['h6', 'h3']]);
const FORMAT_TAGS = new Map<string, Format>([
  ['b', 'strong'], ['strong', 'strong'], ['i', 'em'], ['em', 'em'], ['u', 'u'], ['s', 's'], ['strike', 's'], ['del', 's'],
]);

type Format = 'strong' | 'em' | 'u' | 's';
const FORMAT_ORDER: Format[] = ['strong', 'em', 'u', 's'];
const NO_FORMATS: ReadonlySet<Format> = new Set();

/**
 * Where the walker is writing:
 * - block: top level; loose inline content is wrapped in <p>.
 * - flow: inside li, td, th; blocks and inline content may mix.
 * - inline: inside p, headings, blockquote, a and formatting; blocks are
 *   flattened (a blockquote holds inline content, as in the editor).
 */
type Mode = 'block' | 'flow' | 'inline';

const MAX_DEPTH = 256;
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Escape text for use between tags. */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape a value for use inside a double-quoted attribute. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Clean an HTML string down to the allow-list. Synchronous; safe to call anywhere on the server. */
export function sanitizeHtml(html: string): string {
  return withSafeDOM((window) => sanitizeNodes(parseFragment(window, html).childNodes));
}

/** Sanitize already-parsed nodes (call inside withSafeDOM). */
export function sanitizeNodes(nodes: ArrayLike<Node>): string {
  return new Writer(false, NO_FORMATS, elementsAroundBlocks(nodes)).writeChildren(nodes, 'block', NO_FORMATS, 0).finish();
}

/**
 * The elements that have a block element somewhere inside, found in one pass
 * (happy-dom's querySelector recurses and overflows the stack on deep input).
 */
function elementsAroundBlocks(roots: ArrayLike<Node>): Set<Node> {
  const found = new Set<Node>();
  const stack: Array<[Node, boolean]> = Array.from(roots, (node): [Node, boolean] => [node, false]);
  while (stack.length > 0) {
    const [node, childrenDone] = stack.pop() as [Node, boolean];
    if (node.nodeType !== ELEMENT_NODE) continue;
    if (!childrenDone) {
      stack.push([node, true]);
      for (const child of Array.from(node.childNodes)) stack.push([child, false]);
      continue;
    }
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = (child as Element).localName.toLowerCase();
      if (BLOCK_TAGS.has(tag) || tag === 'hr' || found.has(child)) {
        found.add(node);
        break;
      }
    }
  }
  return found;
}

/** Formats that an element's inline style turns on, and the ones it turns off. */
function styleFormats(element: Element): { on: Format[]; off: Format[] } {
  const on: Format[] = [];
  const off: Format[] = [];
  const style = element.getAttribute('style');
  if (!style) return { on, off };
  for (const declaration of style.toLowerCase().split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim();
    const value = declaration.slice(colon + 1).replace(/!important/, '').trim();
    if (property === 'font-weight') {
      if (value === 'bold' || value === 'bolder' || Number(value) >= 600) on.push('strong');
      else off.push('strong');
    } else if (property === 'font-style') {
      if (value === 'italic' || value === 'oblique') on.push('em');
      else if (value === 'normal') off.push('em');
    } else if (property === 'text-decoration' || property === 'text-decoration-line') {
      if (value.includes('underline')) on.push('u');
      if (value.includes('line-through')) on.push('s');
    }
  }
  return { on, off };
}

function cellSpan(value: string | null): string | null {
  if (value === null || !/^\s*\d{1,3}\s*$/.test(value)) return null;
  const n = Number(value);
  return n > 1 && n <= 100 ? String(n) : null;
}

class Writer {
  private out: string[] = [];
  /** Inline content not yet written (block and flow modes). */
  private pending: string[] = [];
  private pendingHasContent = false;
  private mode: Mode = 'block';

  /**
   * @param preserveNewlines Inside <pre>: line ends become <br>.
   * @param emitted Formats whose tags an enclosing inline element already wrote.
   */
  constructor(
    private readonly preserveNewlines: boolean,
    private readonly emitted: ReadonlySet<Format>,
    /** Elements with a block inside (see elementsAroundBlocks). */
    private readonly aroundBlocks: ReadonlySet<Node>,
  ) {}

  finish(): string {
    this.flush();
    return this.out.join('');
  }

  writeChildren(nodes: ArrayLike<Node>, mode: Mode, formats: ReadonlySet<Format>, depth: number): this {
    const previousMode = this.mode;
    this.mode = mode;
    for (let i = 0; i < nodes.length; i++) this.writeNode(nodes[i], formats, depth);
    this.flush();
    this.mode = previousMode;
    return this;
  }

  private inline(html: string, hasContent: boolean): void {
    if (this.mode === 'inline') {
      this.out.push(html);
      return;
    }
    this.pending.push(html);
    if (hasContent) this.pendingHasContent = true;
  }

  private block(html: string): void {
    this.flush();
    this.out.push(html);
  }

  /** Write the pending inline run: as a <p> at the top level, as it is in li/td. */
  private flush(): void {
    if (this.pending.length > 0 && this.pendingHasContent) {
      const run = this.pending.join('');
      this.out.push(this.mode === 'block' ? `<p>${run}</p>` : run);
    }
    this.pending = [];
    this.pendingHasContent = false;
  }

  /** Render `nodes` into a separate string in the given mode (a new block when `emitted` is left out). */
  private sub(
    nodes: ArrayLike<Node>,
    mode: Mode,
    formats: ReadonlySet<Format>,
    depth: number,
    { pre = this.preserveNewlines, emitted = NO_FORMATS }: { pre?: boolean; emitted?: ReadonlySet<Format> } = {},
  ): string {
    return new Writer(pre, emitted, this.aroundBlocks).writeChildren(nodes, mode, formats, depth).finish();
  }

  /** Wrap `html` in the tags of the formats that no enclosing element wrote yet. */
  private format(html: string, formats: ReadonlySet<Format>): string {
    for (let i = FORMAT_ORDER.length - 1; i >= 0; i--) {
      const format = FORMAT_ORDER[i];
      if (formats.has(format) && !this.emitted.has(format)) html = `<${format}>${html}</${format}>`;
    }
    return html;
  }

  private writeNode(node: Node, formats: ReadonlySet<Format>, depth: number): void {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      const blank = text.trim() === '';
      // Whitespace before the first inline content of a run is layout, not content.
      if (text === '' || (this.mode !== 'inline' && blank && this.pending.length === 0)) return;
      const escaped = this.preserveNewlines
        ? text.replace(/\r\n?/g, '\n').split('\n').map(escapeText).join('<br>')
        : escapeText(text);
      this.inline(blank ? escaped : this.format(escaped, formats), !blank);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return; // comments, doctypes, processing instructions
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (DROP_WITH_CONTENT.has(tag) || element.namespaceURI !== XHTML_NAMESPACE) return;
    // Pathologically deep input is cut off rather than risk the stack.
    if (depth >= MAX_DEPTH) return;
    const next = depth + 1;
    const children = element.childNodes;

    if (tag === 'br') {
      this.inline('<br>', false);
      return;
    }
    if (tag === 'hr') {
      if (this.mode !== 'inline') this.block('<hr>');
      return;
    }
    if (!BLOCK_TAGS.has(tag)) {
      this.writeInlineElement(element, tag, formats, next);
      return;
    }

    // Block elements below. Inside inline content they are flattened into lines.
    if (this.mode === 'inline') {
      this.writeChildren(children, 'inline', formats, next);
      if (hasContentAfter(element)) this.inline(tag === 'td' || tag === 'th' ? ' ' : '<br>', false);
      return;
    }
    if (tag === 'p' || tag === 'pre' || HEADINGS.has(tag)) {
      const name = HEADINGS.get(tag) ?? 'p';
      const inner = trimBreaks(this.sub(children, 'inline', formats, next, { pre: tag === 'pre' || this.preserveNewlines }));
      if (inner !== '') this.block(`<${name}>${inner}</${name}>`);
      return;
    }
    if (tag === 'blockquote') {
      const inner = trimBreaks(this.sub(children, 'inline', formats, next));
      if (inner !== '') this.block(`<blockquote>${inner}</blockquote>`);
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      const inner = this.listItems(Array.from(children), formats, next);
      if (inner !== '') this.block(`<${tag}>${inner}</${tag}>`);
      return;
    }
    if (tag === 'li') {
      // A stray item outside a list gets a list of its own.
      const inner = this.listItems([element], formats, depth);
      if (inner !== '') this.block(`<ul>${inner}</ul>`);
      return;
    }
    if (tag === 'table') {
      const inner = this.tableSections(element, formats, next);
      if (inner !== '') this.block(`<table>${inner}</table>`);
      return;
    }
    // Container blocks (div, section, ...) and table parts outside a table:
    // keep the content, drop the wrapper.
    this.flush();
    this.writeChildren(children, this.mode, formats, next);
  }

  private writeInlineElement(element: Element, tag: string, formats: ReadonlySet<Format>, depth: number): void {
    const { on, off } = styleFormats(element);
    const tagFormat = FORMAT_TAGS.get(tag);
    const wanted = new Set(formats);
    // <b style="font-weight:normal"> is how Google Docs wraps a whole paste.
    if (tagFormat && !off.includes(tagFormat)) wanted.add(tagFormat);
    for (const format of on) wanted.add(format);

    // An inline element wrapped around blocks (Google Docs' <b>, a <span> round
    // paragraphs) is a container: its formats go to the text inside the blocks.
    if (tag !== 'a' && this.aroundBlocks.has(element)) {
      this.writeChildren(element.childNodes, this.mode, wanted, depth);
      return;
    }
    const opened = FORMAT_ORDER.filter((format) => wanted.has(format) && !this.emitted.has(format));
    let inner = this.sub(element.childNodes, 'inline', wanted, depth, { emitted: new Set([...this.emitted, ...opened]) });
    if (inner === '') return;
    const hasContent = inner.replace(/<[^>]*>/g, '').trim() !== '';
    for (let i = opened.length - 1; i >= 0; i--) inner = `<${opened[i]}>${inner}</${opened[i]}>`;
    if (tag === 'a') {
      const href = safeHref(element.getAttribute('href'));
      if (href !== null) inner = `<a href="${escapeAttribute(href)}" rel="noopener noreferrer">${inner}</a>`;
    }
    this.inline(inner, hasContent);
  }

  /** The <li>s for `nodes`; a list nested directly in a list joins the item before it. */
  private listItems(nodes: Node[], formats: ReadonlySet<Format>, depth: number): string {
    if (depth >= MAX_DEPTH) return '';
    const items: string[] = [];
    let loose: Node[] = [];
    const flushLoose = () => {
      const inner = this.sub(loose, 'flow', formats, depth + 1);
      if (inner !== '') items.push(`<li>${inner}</li>`);
      loose = [];
    };
    for (const node of nodes) {
      const element = node.nodeType === ELEMENT_NODE ? (node as Element) : null;
      const tag = element?.localName.toLowerCase();
      if (element && (tag === 'ul' || tag === 'ol')) {
        flushLoose();
        const nested = this.listItems(Array.from(element.childNodes), formats, depth + 1);
        if (nested === '') continue;
        const html = `<${tag}>${nested}</${tag}>`;
        const last = items.length - 1;
        if (last >= 0) items[last] = `${items[last].slice(0, -'</li>'.length)}${html}</li>`;
        else items.push(`<li>${html}</li>`);
      } else if (element && tag === 'li') {
        flushLoose();
        items.push(`<li>${this.sub(element.childNodes, 'flow', formats, depth + 1)}</li>`);
      } else {
        loose.push(node);
      }
    }
    flushLoose();
    return items.join('');
  }

  private tableSections(table: Element, formats: ReadonlySet<Format>, depth: number): string {
    const head: string[] = [];
    const body: string[] = [];
    const visit = (parent: Element, section: string[]): void => {
      for (const child of Array.from(parent.children)) {
        const tag = child.localName.toLowerCase();
        if (tag === 'thead') visit(child, head);
        else if (tag === 'tbody' || tag === 'tfoot') visit(child, body);
        else if (tag === 'tr') {
          const row = this.tableCells(child, formats, depth + 1);
          if (row !== '') section.push(`<tr>${row}</tr>`);
        }
      }
    };
    visit(table, body);
    return (
      (head.length > 0 ? `<thead>${head.join('')}</thead>` : '') +
      (body.length > 0 ? `<tbody>${body.join('')}</tbody>` : '')
    );
  }

  private tableCells(row: Element, formats: ReadonlySet<Format>, depth: number): string {
    const cells: string[] = [];
    for (const cell of Array.from(row.children)) {
      const tag = cell.localName.toLowerCase();
      if (tag !== 'td' && tag !== 'th') continue;
      const colspan = cellSpan(cell.getAttribute('colspan'));
      const rowspan = cellSpan(cell.getAttribute('rowspan'));
      const attributes = (colspan ? ` colspan="${colspan}"` : '') + (rowspan ? ` rowspan="${rowspan}"` : '');
      cells.push(`<${tag}${attributes}>${this.sub(cell.childNodes, 'flow', formats, depth + 1)}</${tag}>`);
    }
    return cells.join('');
  }
}

function hasContentAfter(element: Element): boolean {
  for (let sibling = element.nextSibling; sibling; sibling = sibling.nextSibling) {
    if (sibling.nodeType === ELEMENT_NODE || (sibling.nodeValue ?? '').trim() !== '') return true;
  }
  return false;
}

/** Drop line breaks and whitespace at either end of inline content; '' when nothing is left. */
function trimBreaks(html: string): string {
  // A loop, not a regex: /(\s|<br>)+$/ backtracks quadratically on long runs.
  let start = 0;
  let end = html.length;
  for (;;) {
    if (html.startsWith('<br>', start) && start + 4 <= end) start += 4;
    else if (start < end && /\s/.test(html[start])) start++;
    else break;
  }
  for (;;) {
    if (end - 4 >= start && html.startsWith('<br>', end - 4)) end -= 4;
    else if (end > start && /\s/.test(html[end - 1])) end--;
    else break;
  }
  const trimmed = html.slice(start, end);
  return trimmed.replace(/<[^>]*>/g, '').trim() === '' ? '' : trimmed;
}
