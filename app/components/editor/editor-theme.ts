import type { EditorThemeClasses } from 'lexical';

/**
 * Tailwind classes for the nodes Lexical renders. The classes are written out
 * in full here so that Tailwind finds them when it scans app/.
 */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'my-2 leading-relaxed',
  heading: {
    h1: 'mb-3 mt-6 text-3xl font-bold tracking-tight text-slate-900 first:mt-0',
    h2: 'mb-2 mt-5 text-2xl font-bold tracking-tight text-slate-900 first:mt-0',
    h3: 'mb-2 mt-4 text-xl font-semibold text-slate-900 first:mt-0',
  },
  quote: 'my-3 border-l-4 border-slate-300 pl-4 italic text-slate-700',
  link: 'text-brand-600 underline underline-offset-2',
  // Comment anchors (MarkNode): highlighted, and a click opens the thread.
  mark: 'cursor-pointer rounded-sm bg-amber-100 underline decoration-amber-500 decoration-2 underline-offset-2',
  markOverlap: 'bg-amber-200',
  hr: 'my-6 border-0 border-t-2 border-slate-300',
  hrSelected: 'outline outline-2 outline-offset-2 outline-brand-500',
  list: {
    // The marker style comes from the depth classes, which Lexical adds to every list.
    ul: 'my-2 pl-7',
    ol: 'my-2 pl-7',
    ulDepth: ['list-disc', 'list-[circle]', 'list-[square]'],
    olDepth: ['list-decimal', 'list-[lower-alpha]', 'list-[lower-roman]'],
    listitem: 'my-1 pl-1',
    nested: {
      // The <li> that only holds a nested list shows no marker of its own.
      listitem: 'list-none',
      list: 'my-1',
    },
  },
  table: 'my-4 w-full table-fixed border-collapse border border-slate-400 text-sm',
  tableRow: '',
  tableCell: 'relative min-w-[4rem] border border-slate-400 px-2 py-1 text-left align-top [&>p]:my-0',
  tableCellHeader: 'bg-slate-100 font-semibold',
  tableCellSelected: 'bg-brand-100',
  tableSelection: 'selection:bg-transparent',
  tableScrollableWrapper: 'overflow-x-auto',
  text: {
    bold: 'font-bold',
    italic: 'italic',
    underline: 'underline underline-offset-2',
    strikethrough: 'line-through',
    underlineStrikethrough: '[text-decoration-line:underline_line-through]',
  },
};
