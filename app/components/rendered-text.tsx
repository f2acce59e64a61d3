/**
 * A text rendered on the server by the allow-list renderer (renderHtml): a
 * saved version or the like. Only pass such output: it is inserted as HTML.
 */
const TEXT_STYLES = [
  'space-y-3 leading-relaxed',
  '[&_h1]:mt-6 [&_h1]:text-2xl [&_h1]:font-bold [&_h2]:mt-5 [&_h2]:text-xl [&_h2]:font-bold [&_h3]:mt-4 [&_h3]:text-lg [&_h3]:font-semibold',
  '[&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:italic',
  '[&_table]:w-full [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left',
  '[&_hr]:my-4 [&_hr]:border-slate-300',
].join(' ');

/** `lang` is the text's own language (the document's), when it may differ from the page's (WCAG 3.1.2). */
export function RenderedText({ html, label, lang, className = '' }: { html: string; label: string; lang?: string; className?: string }) {
  return <article aria-label={label} lang={lang} className={`${TEXT_STYLES} ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
