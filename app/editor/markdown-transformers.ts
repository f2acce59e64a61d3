/**
 * Markdown transformers shared by the browser editor (markdown shortcuts) and
 * the server (import and export). Import them through `~/editor/nodes`.
 *
 * Deliberately left out of the stock @lexical/markdown list: code blocks and
 * inline code (no CodeNode in the schema, no <code> in published HTML),
 * highlight and check lists. Markdown has no underline, so underline is lost
 * in a Markdown export.
 */
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  type ElementTransformer,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  type TextFormatTransformer,
  type TextMatchTransformer,
  type Transformer,
  UNORDERED_LIST,
  $convertFromMarkdownString,
  $convertToMarkdownString,
} from '@lexical/markdown';
import { $createHorizontalRuleNode, $isHorizontalRuleNode, HorizontalRuleNode } from '@lexical/extension';
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
import { $isParagraphNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';

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
const TEXT_MATCH_TRANSFORMERS: TextMatchTransformer[] = [LINK];
const CELL_TRANSFORMERS: Transformer[] = [...TEXT_FORMAT_TRANSFORMERS, ...TEXT_MATCH_TRANSFORMERS];

const TABLE_ROW = /^\|(.+)\|\s?$/;
const TABLE_DIVIDER = /^\|(?:\s?:?-+:?\s?\|)+\s?$/;

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

function $createCell(markdown: string, header: boolean): TableCellNode {
  const cell = $createTableCellNode(header ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS);
  $convertFromMarkdownString(markdown, CELL_TRANSFORMERS, cell);
  return cell;
}

function $cellToMarkdown(cell: TableCellNode): string {
  return $convertToMarkdownString(CELL_TRANSFORMERS, cell)
    .replace(/\n+/g, ' ')
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
  replace: (parentNode, _children, match) => {
    const line = match[0];
    const previous = parentNode.getPreviousSibling();
    if (TABLE_DIVIDER.test(line)) {
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
    const width = Math.max(...rows.map((row) => row.length));
    const target: ElementNode | null =
      $isTableNode(sibling) && columnCount(sibling) === width ? sibling : null;
    const table = target ?? $createTableNode();
    for (const row of rows) {
      const rowNode = $createTableRowNode();
      for (let i = 0; i < width; i++) rowNode.append($createCell(row[i] ?? '', false));
      table.append(rowNode);
    }
    if (target) {
      parentNode.remove();
    } else {
      parentNode.replace(table);
    }
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
  ...TEXT_FORMAT_TRANSFORMERS,
  ...TEXT_MATCH_TRANSFORMERS,
];
