/**
 * A document as a Word file (.docx), built with the `docx` package from the
 * Lexical tree (read through the same headless binding as every other export,
 * render.server.ts). Headings keep Word's own styles (Title, Heading1...),
 * lists are Word numbering, tables are Word tables and links are external
 * hyperlinks, so a reader can navigate, restyle and re-import the file.
 *
 * Mark nodes carry ids (decision 013). The caller says what each id is:
 * - a comment thread (`comments`): a Word comment on the marked range, its
 *   replies as Word replies;
 * - a pending suggestion (`suggestions`): a Word tracked change, the marked
 *   text deleted and the proposal inserted, with the proposer as author.
 * Ids in neither map export their words only, as in the HTML export. The
 * public edition passes no maps at all.
 *
 * Text reaches the file only as run text, which the `docx` package writes as
 * escaped XML text: there is no path for markup in the content to become
 * markup in the file. Characters that XML 1.0 cannot hold are dropped, or Word
 * would refuse to open the file.
 */
import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { $isMarkNode } from '@lexical/mark';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isTableCellNode, $isTableNode, $isTableRowNode, TableCellHeaderStates, type TableNode } from '@lexical/table';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ICommentOptions,
  type ILevelsOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { $getRoot, $isElementNode, $isLineBreakNode, $isParagraphNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import type { DocumentLanguage, Tlp } from '../../db/schema.ts';
import { safeHref } from '../editor/link-policy.ts';
import { $isHorizontalRuleNode } from '../editor/nodes.ts';
import { readDocumentTree, type DocumentState } from './render.server.ts';

/** One comment of a thread, as it should read in Word (a hidden or deleted one as its placeholder). */
export interface DocxComment {
  author: string;
  /** ISO 8601. */
  date: string;
  text: string;
}

/** A thread's comments, oldest first: the first opens the Word comment, the others are its replies. */
export type DocxThread = readonly DocxComment[];

/** A pending suggestion: the marked text is its deletion, `proposedText` its insertion ('' for a pure deletion). */
export interface DocxSuggestion {
  author: string;
  /** ISO 8601. */
  date: string;
  proposedText: string;
}

export interface DocxExportInput {
  state: DocumentState;
  title: string;
  tlp: Tlp;
  language: DocumentLanguage;
  summary?: string;
  /** A line under the title, such as "Exported 7 December 2026". */
  note: string;
  /** Written into the file's properties as its author (dc:creator). */
  creator?: string;
  /** By mark id. */
  comments?: ReadonlyMap<string, DocxThread>;
  /** By mark id. */
  suggestions?: ReadonlyMap<string, DocxSuggestion>;
}

/**
 * Word's language tags, as its proofing tools know them. Bosnian is Bosnian
 * (Latin) here, unlike the dates of app/utils/languages.ts: Word has its own
 * Bosnian spell checker, where Intl lacks Bosnian data in some browsers.
 */
export const WORD_LANGUAGES: Record<DocumentLanguage, string> = {
  bs: 'bs-Latn-BA',
  hr: 'hr-BA',
  'sr-Latn': 'sr-Latn-BA',
  'sr-Cyrl': 'sr-Cyrl-BA',
  en: 'en-GB',
};

// XML 1.0 allows tab, line feed, carriage return and these ranges, nothing else (lone surrogates included).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as an XML text node can hold it. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

const HEADINGS = {
  h1: HeadingLevel.HEADING_1,
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
  h4: HeadingLevel.HEADING_4,
  h5: HeadingLevel.HEADING_5,
  h6: HeadingLevel.HEADING_6,
} as const;

const ALIGNMENTS = {
  left: AlignmentType.LEFT,
  start: AlignmentType.START,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  end: AlignmentType.END,
  justify: AlignmentType.BOTH,
} as const;

const BULLETS = ['\u2022', '\u25E6', '\u25AA'];
const NUMBER_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
const LIST_LEVELS = 9;
const TABLE_HEADING_STYLE = 'TableHeading';

type RunFormat = Omit<IRunOptions, 'text' | 'children' | 'break'>;

interface Revision {
  author: string;
  date: string;
}

/** The walk's running state: ids handed out, and where each mark id's range ends. */
interface ExportState {
  comments: ReadonlyMap<string, DocxThread>;
  suggestions: ReadonlyMap<string, DocxSuggestion>;
  /** Marks of each id not yet walked: the range closes at the last one. */
  marksLeft: Map<string, number>;
  /** Word comment ids of each thread already opened (root first). */
  openThreads: Map<string, number[]>;
  wordComments: ICommentOptions[];
  nextRevisionId: number;
  listInstances: number;
  numberStarts: Set<number>;
  hasRevisions: boolean;
}

interface InlineContext {
  format: RunFormat;
  /** Set inside a pending suggestion's mark: its words are its deletion. */
  deletion: Revision | null;
}

function wordDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/**
 * Runs for `text`: a line break becomes a Word break and a tab a Word tab.
 * Inside a deletion or an insertion each run is its own w:del / w:ins.
 */
function textRuns(state: ExportState, text: string, format: RunFormat, revision: { kind: 'del' | 'ins'; by: Revision } | null): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  xmlSafe(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, index) => {
      const children = line.split('\t').flatMap((part, i) => (i === 0 ? (part ? [part] : []) : [new Tab(), ...(part ? [part] : [])]));
      if (children.length === 0 && index === 0) return;
      const options: IRunOptions = { ...format, children, ...(index > 0 ? { break: 1 } : {}) };
      if (!revision) {
        runs.push(new TextRun(options));
        return;
      }
      state.hasRevisions = true;
      const change = { id: state.nextRevisionId++, author: xmlSafe(revision.by.author), date: wordDate(revision.by.date) };
      runs.push(revision.kind === 'del' ? new DeletedTextRun({ ...options, ...change }) : new InsertedTextRun({ ...options, ...change }));
    });
  return runs;
}

function $formatOf(node: LexicalNode, base: RunFormat): RunFormat {
  if (!$isTextNode(node)) return base;
  const format: { -readonly [K in keyof RunFormat]: RunFormat[K] } = { ...base };
  if (node.hasFormat('bold')) format.bold = true;
  if (node.hasFormat('italic')) format.italics = true;
  if (node.hasFormat('underline')) format.underline = {};
  if (node.hasFormat('strikethrough')) format.strike = true;
  if (node.hasFormat('code')) format.font = 'Courier New';
  if (node.hasFormat('subscript')) format.subScript = true;
  if (node.hasFormat('superscript')) format.superScript = true;
  return format;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((word) => word[0].toUpperCase())
    .join('');
}

/** Opens the Word comment (and its replies) of a thread at its first mark. */
function openThread(state: ExportState, markId: string, thread: DocxThread): ParagraphChild[] {
  const first = state.wordComments.length;
  const ids = thread.map((_, i) => first + i);
  thread.forEach((comment, i) => {
    const author = xmlSafe(comment.author);
    state.wordComments.push({
      id: ids[i],
      author,
      initials: initials(author),
      date: new Date(wordDate(comment.date)),
      ...(i > 0 ? { parentId: ids[0] } : {}),
      children: xmlSafe(comment.text)
        .split(/\r?\n/)
        .map((line) => new Paragraph({ children: [new TextRun(line)] })),
    });
  });
  state.openThreads.set(markId, ids);
  return ids.map((id) => new CommentRangeStart(id));
}

function $inlineChildren(state: ExportState, element: ElementNode, context: InlineContext): ParagraphChild[] {
  return element.getChildren().flatMap((child) => $inline(state, child, context));
}

function $inline(state: ExportState, node: LexicalNode, context: InlineContext): ParagraphChild[] {
  const revision = context.deletion ? { kind: 'del' as const, by: context.deletion } : null;
  if ($isTextNode(node)) return textRuns(state, node.getTextContent(), $formatOf(node, context.format), revision);
  if ($isLineBreakNode(node)) return textRuns(state, '\n', context.format, revision);
  if ($isMarkNode(node)) return $mark(state, node.getIDs(), node, context);
  if ($isLinkNode(node)) {
    const href = safeHref(node.getURL());
    if (href === null) return $inlineChildren(state, node, context);
    // The Hyperlink character style gives Word's link colour and underline.
    return [new ExternalHyperlink({ link: href, children: $inlineChildren(state, node, { ...context, format: { ...context.format, style: 'Hyperlink' } }) })];
  }
  if ($isElementNode(node)) return $inlineChildren(state, node, context);
  return textRuns(state, node.getTextContent(), context.format, revision);
}

/**
 * A mark's words, with what its ids stand for around them: comment ranges
 * open at a thread's first mark and close at its last (a selection over
 * several blocks is one mark per block), and a suggestion's insertion follows
 * its last deleted words.
 */
function $mark(state: ExportState, ids: string[], node: ElementNode, context: InlineContext): ParagraphChild[] {
  const before: ParagraphChild[] = [];
  let deletion = context.deletion;
  for (const id of ids) {
    const thread = state.comments.get(id);
    if (thread && thread.length > 0 && !state.openThreads.has(id)) before.push(...openThread(state, id, thread));
    const suggestion = state.suggestions.get(id);
    if (suggestion && !deletion) deletion = suggestion;
  }
  const inner = $inlineChildren(state, node, { ...context, deletion });
  const closing: string[] = [];
  for (const id of ids) {
    const left = (state.marksLeft.get(id) ?? 1) - 1;
    state.marksLeft.set(id, left);
    if (left === 0) closing.push(id);
  }
  const insertions = closing.flatMap((id) => {
    const suggestion = state.suggestions.get(id);
    return suggestion && suggestion.proposedText !== '' ? textRuns(state, suggestion.proposedText, context.format, { kind: 'ins', by: suggestion }) : [];
  });
  const ends = closing.flatMap((id) =>
    (state.openThreads.get(id) ?? []).flatMap((commentId) => [new CommentRangeEnd(commentId), new TextRun({ children: [new CommentReference(commentId)] })]),
  );
  return [...before, ...inner, ...insertions, ...ends];
}

function $paragraphAlignment(element: ElementNode) {
  const type = element.getFormatType();
  return type && type in ALIGNMENTS ? { alignment: ALIGNMENTS[type as keyof typeof ALIGNMENTS] } : {};
}

function $blocks(state: ExportState, element: ElementNode, style?: string): FileChild[] {
  return element.getChildren().flatMap((child) => $block(state, child, style));
}

/** `style`: the paragraph style of plain paragraphs here (a header cell's). */
function $block(state: ExportState, node: LexicalNode, style?: string): FileChild[] {
  const format: RunFormat = {};
  const context: InlineContext = { format, deletion: null };
  if ($isHorizontalRuleNode(node)) return [new Paragraph({ thematicBreak: true })];
  if ($isHeadingNode(node)) {
    const level = HEADINGS[node.getTag()];
    return [new Paragraph({ heading: level, ...$paragraphAlignment(node), children: $inlineChildren(state, node, context) })];
  }
  if ($isQuoteNode(node)) return [new Paragraph({ style: 'Quote', ...$paragraphAlignment(node), children: $inlineChildren(state, node, context) })];
  if ($isListNode(node)) return $list(state, node, 0, format);
  if ($isTableNode(node)) return $table(state, node);
  if ($isParagraphNode(node)) {
    // Empty paragraphs are left out, as in the HTML export.
    if (node.getChildrenSize() === 0) return [];
    return [new Paragraph({ ...(style ? { style } : {}), ...$paragraphAlignment(node), children: $inlineChildren(state, node, context) })];
  }
  if ($isElementNode(node)) {
    return node.isInline() ? [new Paragraph({ children: $inline(state, node, context) })] : $blocks(state, node, style);
  }
  if ($isTextNode(node) || $isLineBreakNode(node)) return [new Paragraph({ children: $inline(state, node, context) })];
  return [];
}

/**
 * A Lexical list as Word list paragraphs. Each list is its own numbering
 * instance, so a numbered list that follows another starts again at its own
 * start; a nested list (Lexical puts it in an item of its own) goes one level
 * deeper.
 */
function $list(state: ExportState, list: ListNode, level: number, format: RunFormat): FileChild[] {
  const type = list.getListType();
  const start = list.getStart();
  if (type === 'number') state.numberStarts.add(start);
  const numbering = { reference: type === 'number' ? `number-${start}` : 'bullet', level: Math.min(level, LIST_LEVELS - 1), instance: ++state.listInstances };
  const paragraphs: FileChild[] = [];
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    let inline: ParagraphChild[] = [];
    const flush = () => {
      if (inline.length > 0) paragraphs.push(new Paragraph({ numbering, children: inline }));
      inline = [];
    };
    if (type === 'check') inline.push(new TextRun({ ...format, text: item.getChecked() ? '\u2612 ' : '\u2610 ' }));
    for (const child of item.getChildren()) {
      if ($isListNode(child)) {
        flush();
        paragraphs.push(...$list(state, child, level + 1, format));
      } else {
        inline.push(...$inline(state, child, { format, deletion: null }));
      }
    }
    flush();
  }
  return paragraphs;
}

function $table(state: ExportState, table: TableNode): FileChild[] {
  const rows: TableRow[] = [];
  let leadingHeader = true;
  for (const row of table.getChildren()) {
    if (!$isTableRowNode(row)) continue;
    const cells: TableCell[] = [];
    let allHeader = true;
    for (const cell of row.getChildren()) {
      if (!$isTableCellNode(cell)) continue;
      const isHeader = cell.getHeaderStyles() !== TableCellHeaderStates.NO_STATUS;
      if (!cell.hasHeaderState(TableCellHeaderStates.ROW)) allHeader = false;
      // Bold through a style, not the runs: the words stay as written, and an import reads them back unformatted.
      const blocks = $blocks(state, cell, isHeader ? TABLE_HEADING_STYLE : undefined);
      cells.push(
        new TableCell({
          // Word needs a paragraph in every cell.
          children: blocks.length > 0 ? (blocks as (Paragraph | Table)[]) : [new Paragraph({})],
          ...(cell.getColSpan() > 1 ? { columnSpan: cell.getColSpan() } : {}),
          ...(cell.getRowSpan() > 1 ? { rowSpan: cell.getRowSpan() } : {}),
        }),
      );
    }
    if (cells.length === 0) continue;
    leadingHeader = leadingHeader && allHeader;
    // Leading header rows repeat on every page, and mammoth reads them back as <th>.
    rows.push(new TableRow({ children: cells, ...(leadingHeader ? { tableHeader: true } : {}) }));
  }
  return rows.length > 0 ? [new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })] : [];
}

/** Marks per id in the tree, so each range can close at its id's last mark. */
function $countMarks(root: ElementNode): Map<string, number> {
  const counts = new Map<string, number>();
  const stack: LexicalNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as LexicalNode;
    if ($isMarkNode(node)) for (const id of node.getIDs()) counts.set(id, (counts.get(id) ?? 0) + 1);
    if ($isElementNode(node)) stack.push(...node.getChildren());
  }
  return counts;
}

function listLevels(kind: 'bullet' | 'number', start: number): ILevelsOptions[] {
  return Array.from({ length: LIST_LEVELS }, (_, level) => ({
    level,
    format: kind === 'bullet' ? LevelFormat.BULLET : NUMBER_FORMATS[level % NUMBER_FORMATS.length],
    text: kind === 'bullet' ? BULLETS[level % BULLETS.length] : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    ...(kind === 'number' ? { start: level === 0 ? start : 1 } : {}),
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** The document as a .docx file. Throws DocumentConversionError for a state it cannot read. */
export async function documentDocxFile(input: DocxExportInput): Promise<Buffer> {
  const state: ExportState = {
    comments: input.comments ?? new Map(),
    suggestions: input.suggestions ?? new Map(),
    marksLeft: new Map(),
    openThreads: new Map(),
    wordComments: [],
    nextRevisionId: 1,
    listInstances: 0,
    numberStarts: new Set(),
    hasRevisions: false,
  };
  const body = readDocumentTree(input.state, () => {
    const root = $getRoot();
    state.marksLeft = $countMarks(root);
    return $blocks(state, root);
  });
  const title = xmlSafe(input.title);
  const label = `TLP:${input.tlp}`;
  const document = new Document({
    title,
    description: xmlSafe(input.summary ?? ''),
    keywords: label,
    ...(input.creator ? { creator: xmlSafe(input.creator), lastModifiedBy: xmlSafe(input.creator) } : {}),
    customProperties: [{ name: 'TLP', value: input.tlp }],
    // Further edits in Word are tracked too when the file carries proposals.
    ...(state.hasRevisions ? { features: { trackRevisions: true } } : {}),
    styles: {
      default: { document: { run: { language: { value: WORD_LANGUAGES[input.language] } } } },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, color: '404040' },
          paragraph: { indent: { left: 720, right: 720 } },
        },
        { id: TABLE_HEADING_STYLE, name: 'Table Heading', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true } },
      ],
    },
    numbering: {
      config: [
        { reference: 'bullet', levels: listLevels('bullet', 1) },
        ...[...state.numberStarts].map((start) => ({ reference: `number-${start}`, levels: listLevels('number', start) })),
      ],
    },
    comments: { children: state.wordComments },
    sections: [
      {
        // The label heads every page, as on the print-out.
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: label, bold: true })] })] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          new Paragraph({ children: [new TextRun({ text: label, bold: true }), new TextRun({ text: ` · ${xmlSafe(input.note)}`, italics: true })] }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
