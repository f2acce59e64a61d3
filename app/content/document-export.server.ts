import type { DocumentRow } from '../../db/schema.ts';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// The TLP label heads every page of a print-out (a fixed element repeats on each printed page).
// FIRST TLP 2.0 colours, the label's colour on black: 5.6:1 (RED) to 21:1 (CLEAR), where white
// on the old green was 3.2:1.
const PRINT_CSS = `
  body { font-family: Georgia, 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; color: #111; }
  .tlp { font-family: 'Courier New', monospace; font-weight: bold; padding: 0.15rem 0.5rem; border: 2px solid #111; display: inline-block; background: #000; color: #fff; }
  .tlp-RED { color: #ff2b2b; } .tlp-AMBER, .tlp-AMBER\\+STRICT { color: #ffc000; } .tlp-GREEN { color: #33ff00; } .tlp-CLEAR { color: #fff; }
  header.doc-header { border-bottom: 1px solid #999; margin-bottom: 1.5rem; padding-bottom: 0.5rem; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #666; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1rem; color: #333; }
  h1, h2, h3, h4 { line-height: 1.25; page-break-after: avoid; }
  @media print {
    body { margin: 0; max-width: none; }
    .running-tlp { position: fixed; top: 0; right: 0; }
    a { color: inherit; }
  }
`;

/**
 * The body's headings moved so that its top level is h2: the file's own h1 is
 * the document's title (a page has one h1), and no level is skipped after it
 * (a body that starts at h2 stays as it is). The body is sanitizer output or
 * React markup, whose heading tags this pattern finds exactly.
 */
export function headingsBelowTitle(bodyHtml: string): string {
  const levels = [...bodyHtml.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
  if (levels.length === 0) return bodyHtml;
  const shift = 2 - Math.min(...levels);
  const moved = (level: string) => Math.min(Math.max(Number(level) + shift, 2), 6);
  return bodyHtml.replace(/<(\/?)h([1-6])([\s>])/g, (_tag, close: string, level: string, after: string) => `<${close}h${moved(level)}${after}`);
}

/** A standalone HTML file of the document, with its TLP label in the header. */
export function documentHtmlFile(document: Pick<DocumentRow, 'title' | 'tlp' | 'language'>, bodyHtml: string, note: string): string {
  const label = `TLP:${document.tlp}`;
  return `<!doctype html>
<html lang="${escapeHtml(document.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)} (${label})</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header class="doc-header"><span class="tlp tlp-${escapeHtml(document.tlp)} running-tlp">${label}</span>
<h1>${escapeHtml(document.title)}</h1>
<p><small>${escapeHtml(note)}</small></p></header>
<main>
${headingsBelowTitle(bodyHtml)}
</main>
</body>
</html>
`;
}

/**
 * Markdown whose text can carry no raw HTML: every `<` becomes `&lt;`, which
 * every Markdown renderer shows as the character and none reads as a tag, an
 * autolink or a comment. The portal's Markdown has no code spans or blocks
 * (app/editor/markdown-transformers.ts), so nothing needs a literal `<`.
 */
export function escapeMarkdownHtml(markdown: string): string {
  return markdown.replace(/</g, '&lt;');
}

/** The document as Markdown, its TLP label first, without raw HTML. */
export function documentMarkdownFile(document: Pick<DocumentRow, 'title' | 'tlp'>, bodyMarkdown: string): string {
  return escapeMarkdownHtml(`**TLP:${document.tlp}**\n\n# ${document.title}\n\n${bodyMarkdown.trim()}\n`);
}

/** A file name safe on every system. */
export function exportFileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'document'}.${extension}`;
}
