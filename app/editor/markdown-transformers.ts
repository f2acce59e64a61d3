/**
 * Markdown transformers shared by the browser editor (markdown shortcuts) and
 * the server (import and export). Use MARKDOWN_TRANSFORMERS from ./nodes.ts.
 *
 * Differences from the stock @lexical/markdown TRANSFORMERS:
 * - no code blocks, inline code, highlight or check lists (not in the schema);
 * - headings stop at h3 (#### and deeper become h3);
 * - horizontal rules (---) and GFM pipe tables;
 * - links with an unsafe target (see link-policy.ts) keep their text only;
 * - a line break inside a block is written as a hard break ("\\" + newline);
 * - paragraph text that looks like block syntax ("- x", "1. x") is escaped.
 * Markdown has no underline: it is lost in a Markdown export.
 */
import { $createHorizontalRuleNode, $isHorizontalRuleNode, HorizontalRuleNode } from '@lexical/extension';
import { $isLinkNode } from '@lexical/link';
import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  type ElementTransformer,
  ITALIC_STAR,
  isTableRowDivider,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  type TextFormatTransformer,
  type TextMatchTransformer,
  type Transformer,
  UNORDERED_LIST,
} from '@lexical/markdown';
import { $createHeadingNode, $isHeadingNode, HeadingNode, type HeadingTagType } from '@lexical/rich-text';
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  $isTableCellNode,
  $isTableNode,
  $isTableRowNode,
  TableCellHeaderStates,
  TableCellNode,
  TableNode,
  TableRowNode,
} from '@lexical/table';
import {
  $isLineBreakNode,
  $isParagraphNode,
  $isTextNode,
  type LexicalNode,
  LineBreakNode,
} from 'lexical';
import { safeHref } from './link-policy.ts';

/** The deepest heading the portal uses; deeper Markdown headings become h3. */
const MAX_HEADING_LEVEL = 3;

export const HEADING: ElementTransformer = {
  dependencies: [HeadingNode],
  export: (node, exportChildren) => {
    if (!$isHeadingNode(node)) return null;
    const level = Math.min(Number(node.getTag().slice(1)), MAX_HEADING_LEVEL);
    return `${'#'.repeat(level)} ${exportChildren(node)}`;
  },
  regExp: /^(#{1,6})\s/,
  replace: (parentNode, children, match, isImport) => {
    const level = Math.min(match[1].length, MAX_HEADING_LEVEL);
    const heading = $createHeadingNode(`h${level}` as HeadingTagType);
    heading.append(...children);
    parentNode.replace(heading);
    if (!isImport) heading.select(0, 0);
  },
  triggerOnEnter: true,
  type: 'element',
};

export const HORIZONTAL_RULE: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  export: (node) => ($isHorizontalRuleNode(node) ? '---' : null),
  regExp: /^(?:---|\*\*\*|___)\s?$/,
  replace: (parentNode, _children, _match, isImport) => {
    const rule = $createHorizontalRuleNode();
    // While typing, keep the paragraph the caret is in after the new rule.
    if (isImport || parentNode.getNextSibling() !== null) {
      parentNode.replace(rule);
    } else {
      parentNode.insertBefore(rule);
    }
    if (!isImport) rule.selectNext();
  },
  type: 'element',
};

/**
 * Escape a line of paragraph text that Markdown would otherwise read as the
 * start of a heading, quote, list, table or rule ("- not a list").
 */
function escapeBlockStart(line: string): string {
  const ordered = /^(\s*\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[0].length - ordered[3].length)}`;
  const marker = /^(\s*)(#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|\||(?:[-*_=]\s*){3,}$|=+\s*$)/.exec(line);
  return marker ? `${marker[1]}\\${line.slice(marker[1].length)}` : line;
}

/** Plain paragraphs, with text that looks like block syntax escaped. Export only. */
export const PARAGRAPH: ElementTransformer = {
  dependencies: [],
  export: (node, exportChildren) => {
    if (!$isParagraphNode(node) || node.isEmpty()) return null;
    return exportChildren(node).split('\n').map(escapeBlockStart).join('\n');
  },
  regExp: /(?!)/, // never matches: paragraphs are what is left when nothing else does
  replace: () => false,
  type: 'element',
};

// Text transformers used inside table cells: a GFM cell holds one line of
// inline content, so no block transformers apply there.
const TEXT_FORMAT_TRANSFORMERS: TextFormatTransformer[] = [
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
];
/**
 * Markdown links, refusing unsafe targets (see link-policy): an unsafe link
 * keeps its text and loses the link, when imported, typed or exported.
 */
export const SAFE_LINK: TextMatchTransformer = {
  ...LINK,
  export: (node, exportChildren, exportFormat) => {
    if ($isLinkNode(node) && safeHref(node.getURL()) === null) return exportChildren(node);
    return LINK.export ? LINK.export(node, exportChildren, exportFormat) : null;
  },
  replace: (textNode, match) => {
    const linkText = LINK.replace?.(textNode, match);
    const link = linkText?.getParent();
    if (linkText && $isLinkNode(link) && safeHref(link.getURL()) === null) {
      for (const child of link.getChildren()) link.insertBefore(child);
      link.remove();
    }
    return linkText;
  },
};

/**
 * Line breaks inside a block (Shift+Enter) are written as CommonMark hard
 * breaks ("\\" at the end of the line); a bare newline would be read back as
 * a space.
 */
export const HARD_LINE_BREAK: TextMatchTransformer = {
  dependencies: [LineBreakNode],
  export: (node) => ($isLineBreakNode(node) ? '\\\n' : null),
  regExp: /(?!)/, // export only: never matches text
  type: 'text-match',
};

const TEXT_MATCH_TRANSFORMERS: TextMatchTransformer[] = [SAFE_LINK];
const CELL_TRANSFORMERS: Transformer[] = [...TEXT_FORMAT_TRANSFORMERS, ...TEXT_MATCH_TRANSFORMERS];

const TABLE_ROW = /^\|(.+)\|\s?$/;

/** Split "| a | b \| c |" into ["a", "b | c"]; null when it is not a row. */
function splitRow(line: string): string[] | null {
  const match = TABLE_ROW.exec(line);
  if (!match) return null;
  const cells: string[] = [];
  let current = '';
  const inner = match[1];
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (char === '\\' && inner[i + 1] === '|') {
      current += '|';
      i++;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current.trim());
  return cells;
}

function $createCell(markdown: string): TableCellNode {
  const cell = $createTableCellNode(TableCellHeaderStates.NO_STATUS);
  $convertFromMarkdownString(markdown, CELL_TRANSFORMERS, cell);
  return cell;
}

function $cellToMarkdown(cell: TableCellNode): string {
  return $convertToMarkdownString(CELL_TRANSFORMERS, cell)
    .replace(/\\?\n/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function columnCount(table: TableNode): number {
  const firstRow = table.getFirstChild();
  return $isTableRowNode(firstRow) ? firstRow.getChildrenSize() : 0;
}

/**
 * GFM pipe tables. Export always writes the delimiter row after the first row
 * so that the output is a valid GFM table; on import that row marks the row
 * above it as the header row.
 */
export const TABLE: ElementTransformer = {
  dependencies: [TableNode, TableRowNode, TableCellNode],
  export: (node) => {
    if (!$isTableNode(node)) return null;
    const lines: string[] = [];
    for (const row of node.getChildren()) {
      if (!$isTableRowNode(row)) continue;
      const cells = row.getChildren().filter($isTableCellNode).map($cellToMarkdown);
      lines.push(`| ${cells.join(' | ')} |`);
      if (lines.length === 1) lines.push(`|${cells.map(() => ' --- ').join('|')}|`);
    }
    return lines.join('\n');
  },
  regExp: TABLE_ROW,
  replace: (parentNode, _children, match, isImport) => {
    const line = match[0];
    const previous = parentNode.getPreviousSibling();
    if (isTableRowDivider(line)) {
      if ($isTableNode(previous)) {
        const lastRow = previous.getLastChild();
        if ($isTableRowNode(lastRow)) {
          for (const cell of lastRow.getChildren()) {
            if ($isTableCellNode(cell)) cell.setHeaderStyles(TableCellHeaderStates.ROW, TableCellHeaderStates.ROW);
          }
        }
        parentNode.remove();
        return;
      }
      return false;
    }
    const cells = splitRow(line);
    if (!cells) return false;

    // Rows typed before the shortcut fired are still plain paragraphs.
    const rows: string[][] = [cells];
    let sibling: LexicalNode | null = previous;
    while ($isParagraphNode(sibling) && sibling.getChildrenSize() === 1) {
      const only = sibling.getFirstChild();
      const earlier = $isTextNode(only) ? splitRow(only.getTextContent()) : null;
      if (!earlier) break;
      rows.unshift(earlier);
      const before: LexicalNode | null = sibling.getPreviousSibling();
      sibling.remove();
      sibling = before;
    }
    // A row under a table joins it, padded or cut to its width as GFM does.
    const target = $isTableNode(sibling) ? sibling : null;
    const width = target ? columnCount(target) : Math.max(...rows.map((row) => row.length));
    const table = target ?? $createTableNode();
    for (const row of rows) {
      const rowNode = $createTableRowNode();
      for (let i = 0; i < width; i++) rowNode.append($createCell(row[i] ?? ''));
      table.append(rowNode);
    }
    if (target) {
      parentNode.remove();
    } else {
      parentNode.replace(table);
    }
    if (!isImport) table.selectEnd();
  },
  type: 'element',
};

/** Every transformer the portal understands, in matching order. */
export const MARKDOWN_TRANSFORMERS: Transformer[] = [
  HEADING,
  QUOTE,
  HORIZONTAL_RULE,
  TABLE,
  UNORDERED_LIST,
  ORDERED_LIST,
  PARAGRAPH,
  ...TEXT_FORMAT_TRANSFORMERS,
  ...TEXT_MATCH_TRANSFORMERS,
  HARD_LINE_BREAK,
];
