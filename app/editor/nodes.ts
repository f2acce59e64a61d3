/**
 * The document schema shared by the browser editor and the server. Both sides
 * must register exactly EDITOR_NODES: a node type the other side does not know
 * cannot be read back from the shared Yjs document.
 *
 * The horizontal rule is the framework-free HorizontalRuleNode from
 * @lexical/extension (type 'horizontalrule'). It renders a plain <hr> from
 * createDOM and needs no React, so the same class works headless. Do not also
 * register the deprecated React one from @lexical/react/LexicalHorizontalRuleNode
 * (same type name), and do not use HorizontalRulePlugin, which creates that one.
 */
import { HorizontalRuleNode } from '@lexical/extension';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { MarkNode } from '@lexical/mark';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import type { Klass, LexicalNode } from 'lexical';

export {
  $createHorizontalRuleNode,
  $isHorizontalRuleNode,
  HorizontalRuleNode,
  INSERT_HORIZONTAL_RULE_COMMAND,
} from '@lexical/extension';
export { MARKDOWN_TRANSFORMERS } from './markdown-transformers.ts';

/** Lexical namespace of the document editor, on the client and the server. */
export const EDITOR_NAMESPACE = 'ppp-portal';

/** Name of the root Y.XmlText in each document's Y.Doc (the @lexical/yjs default). */
export const ROOT_NAME = 'root';

/** Every node class a document may contain (ParagraphNode, TextNode, LineBreakNode are built in). */
export const EDITOR_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  HorizontalRuleNode,
  // Comment anchors: the thread id is the mark id. Renderers write its text only (docs/comments.md).
  MarkNode,
];
