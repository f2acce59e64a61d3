/**
 * Word-level differences between two rendered texts (HTML from the allow-list
 * renderer: versions, the live text, published editions), keeping the block
 * structure: headings, paragraphs, quotes, list items and table cells.
 *
 * Both texts are split into blocks; blocks are aligned as a sequence (an
 * array diff on kind + text), and a removed block followed by an added block
 * of the same kind is shown as one changed block with a word diff inside.
 * The result holds plain text only; whoever displays it escapes it (React
 * does), so a diff can never inject markup.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';
import { parseFragment, withSafeDOM } from './safe-dom.server.ts';

export type BlockKind = 'heading' | 'paragraph' | 'quote' | 'listItem' | 'tableCell';

export interface TextBlock {
  kind: BlockKind;
  /** Heading level (1–3) or list nesting depth (1, 2, …). */
  level?: number;
  /** Table cells: which row they belong to (numbered through the text), so a view can show rows. */
  row?: number;
  text: string;
}

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface DiffBlock {
  kind: BlockKind;
  level?: number;
  /** Table cells: cells with the same value are one row ("old:3" for removed cells, "new:3" otherwise). */
  row?: string;
  status: 'same' | 'added' | 'removed' | 'changed';
  parts: DiffPart[];
}

export interface DiffSummary {
  /** Heading-delimited sections that contain at least one change (text before the first heading is a section too). */
  sectionsChanged: number;
  wordsAdded: number;
  wordsRemoved: number;
}

export interface TextDiff {
  blocks: DiffBlock[];
  summary: DiffSummary;
}

const HEADING = /^H([1-6])$/;
const BLOCK_INSIDE = /^(P|H[1-6]|BLOCKQUOTE|LI|DIV)$/;

/** The text blocks of a rendered HTML text, in reading order. Empty blocks are left out. */
export function htmlToBlocks(html: string): TextBlock[] {
  return withSafeDOM((window) => {
    const blocks: TextBlock[] = [];
    let rows = 0;
    const push = (kind: BlockKind, text: string, extra: { level?: number; row?: number } = {}) => {
      const clean = text.replace(/\s+/g, ' ').trim();
      if (clean !== '') blocks.push({ kind, ...extra, text: clean });
    };

    /** The text of an element, leaving out nested lists (their items are blocks of their own). */
    const ownText = (element: Element): string => {
      let text = '';
      for (const child of Array.from(element.childNodes)) {
        if (child.nodeType === 3) text += child.textContent ?? '';
        else if (child.nodeType === 1) {
          const tag = (child as Element).tagName;
          if (tag === 'UL' || tag === 'OL') continue;
          // Blocks inside a block (paragraphs in a table cell) are separated; inline formatting is not.
          text += tag === 'BR' ? ' ' : BLOCK_INSIDE.test(tag) ? ` ${ownText(child as Element)} ` : ownText(child as Element);
        }
      }
      return text;
    };

    const walkList = (list: Element, depth: number) => {
      for (const item of Array.from(list.children)) {
        if (item.tagName !== 'LI') continue;
        push('listItem', ownText(item), { level: depth });
        for (const nested of Array.from(item.children)) {
          if (nested.tagName === 'UL' || nested.tagName === 'OL') walkList(nested, depth + 1);
        }
      }
    };

    const walk = (parent: ParentNode) => {
      for (const node of Array.from(parent.childNodes)) {
        if (node.nodeType === 3) {
          push('paragraph', node.textContent ?? '');
          continue;
        }
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        const tag = element.tagName;
        const heading = HEADING.exec(tag);
        if (heading) push('heading', ownText(element), { level: Math.min(Number(heading[1]), 3) });
        else if (tag === 'P') push('paragraph', ownText(element));
        else if (tag === 'BLOCKQUOTE') push('quote', ownText(element));
        else if (tag === 'UL' || tag === 'OL') walkList(element, 1);
        else if (tag === 'TR') {
          rows++;
          for (const cell of Array.from(element.children)) {
            if (cell.tagName === 'TD' || cell.tagName === 'TH') push('tableCell', ownText(cell), { row: rows });
          }
        }
        else if (tag !== 'HR' && tag !== 'BR') walk(element);
      }
    };

    walk(parseFragment(window, html));
    return blocks;
  });
}

function wordsIn(text: string): string[] {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

function countWords(text: string): number {
  return wordsIn(text).length;
}

/** Share of words two texts have in common (0–1), to tell an edited block from a replaced one. */
function similarity(a: string, b: string): number {
  const left = wordsIn(a.toLowerCase());
  const right = new Set(wordsIn(b.toLowerCase()));
  const total = Math.max(left.length, right.size);
  if (total === 0) return 1;
  return left.filter((word) => right.has(word)).length / total;
}

const key = (block: TextBlock) => `${block.kind}\u0000${block.level ?? 0}\u0000${block.text}`;

/** Kind, level and row of the block as shown; removed cells keep the old text's row numbers apart from the new ones. */
function shape(block: TextBlock, side: 'old' | 'new'): Pick<DiffBlock, 'kind' | 'level' | 'row'> {
  return {
    kind: block.kind,
    ...(block.level === undefined ? {} : { level: block.level }),
    ...(block.row === undefined ? {} : { row: `${side}:${block.row}` }),
  };
}

function whole(block: TextBlock, status: 'same' | 'added' | 'removed'): DiffBlock {
  const part: DiffPart = status === 'same' ? { value: block.text } : { value: block.text, [status]: true };
  return { ...shape(block, status === 'removed' ? 'old' : 'new'), status, parts: [part] };
}

function changed(before: TextBlock, after: TextBlock): DiffBlock {
  const parts = diffWordsWithSpace(before.text, after.text).map((change) => {
    const part: DiffPart = { value: change.value };
    if (change.added) part.added = true;
    if (change.removed) part.removed = true;
    return part;
  });
  return { ...shape(after, 'new'), status: 'changed', parts };
}

/** Blocks removed and then added at one place: pair them up as edits where they look alike. */
function pairRun(removed: TextBlock[], added: TextBlock[]): DiffBlock[] {
  const out: DiffBlock[] = [];
  const pairs = Math.min(removed.length, added.length);
  for (let i = 0; i < pairs; i++) {
    const before = removed[i];
    const after = added[i];
    if (before.kind === after.kind && similarity(before.text, after.text) >= 0.3) out.push(changed(before, after));
    else out.push(whole(before, 'removed'), whole(after, 'added'));
  }
  for (const block of removed.slice(pairs)) out.push(whole(block, 'removed'));
  for (const block of added.slice(pairs)) out.push(whole(block, 'added'));
  return out;
}

function summarise(blocks: DiffBlock[]): DiffSummary {
  let section = 0;
  const sections = new Set<number>();
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const block of blocks) {
    if (block.kind === 'heading') section++;
    if (block.status !== 'same') sections.add(section);
    for (const part of block.parts) {
      if (part.added) wordsAdded += countWords(part.value);
      if (part.removed) wordsRemoved += countWords(part.value);
    }
  }
  return { sectionsChanged: sections.size, wordsAdded, wordsRemoved };
}

/** What changed from `oldHtml` to `newHtml`, block by block and word by word. */
export function diffHtml(oldHtml: string, newHtml: string): TextDiff {
  return diffBlocks(htmlToBlocks(oldHtml), htmlToBlocks(newHtml));
}

export function diffBlocks(before: TextBlock[], after: TextBlock[]): TextDiff {
  const changes = diffArrays(before.map(key), after.map(key));
  const blocks: DiffBlock[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  let removed: TextBlock[] = [];
  let added: TextBlock[] = [];
  const flush = () => {
    blocks.push(...pairRun(removed, added));
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.removed) {
      removed.push(...before.slice(oldIndex, oldIndex + change.count));
      oldIndex += change.count;
    } else if (change.added) {
      added.push(...after.slice(newIndex, newIndex + change.count));
      newIndex += change.count;
    } else {
      flush();
      for (const block of after.slice(newIndex, newIndex + change.count)) blocks.push(whole(block, 'same'));
      oldIndex += change.count;
      newIndex += change.count;
    }
  }
  flush();
  return { blocks, summary: summarise(blocks) };
}
