/**
 * Content benchmark: the timed budgets that used to sit in the unit tests
 * (app/content/*.test.ts check only what the code produces), measured here as
 * ratios against a baseline taken in the same run, in turns with it, so that a
 * busy machine slows both sides alike.
 *
 *   (a) renderer: a 100,000-character document rendered to HTML, Markdown and
 *       plain text, against merely decoding its Yjs update into a Y.Doc
 *       (most of a render is Yjs and Lexical loading the document: typically
 *       1.5 to 2.5x);
 *   (b) sanitiser: a paragraph with a 200,000-space run, against a paragraph
 *       of the same length made of ordinary words (a backtracking regex on
 *       whitespace would make the first orders of magnitude slower).
 *
 * Best of N for every figure: the minimum is the least disturbed by the host.
 * Prints PASS/FAIL per target; a missed target is a result, not an error.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { renderHtml, renderMarkdown, renderPlainText, stateFromMarkdown } from '../app/content/render.server.ts';
import { sanitizeHtml } from '../app/content/sanitize-html.server.ts';
import { checkTarget, fmt, fmtRatio, log, printTable, printTargetSummary, ratio } from './support/report.ts';

const RUNS = 5;
/** Was `expect(html / decode).toBeLessThan(8)` in app/content/render.server.test.ts. */
const RENDER_RATIO_LIMIT = 8;
/** Was `toBeLessThan(2000)` ms in app/content/sanitize-html.server.test.ts; now relative to ordinary text of the same length. */
const WHITESPACE_RATIO_LIMIT = 5;

/** Runs the named tasks in turns, RUNS times, after one warm-up round; returns each one's best time in ms. */
function bestOf<K extends string>(tasks: Record<K, () => unknown>): Record<K, number> {
  const names = Object.keys(tasks) as K[];
  for (const name of names) tasks[name]();
  const best = Object.fromEntries(names.map((name) => [name, Number.POSITIVE_INFINITY])) as Record<K, number>;
  for (let run = 0; run < RUNS; run++) {
    for (const name of names) {
      const started = performance.now();
      tasks[name]();
      best[name] = Math.min(best[name], performance.now() - started);
    }
  }
  return best;
}

// (a) Renderer.
const paragraph = 'Lorem ipsum dolor sit amet, **consectetur** adipiscing elit, sed do *eiusmod* tempor incididunt ut labore et dolore magna aliqua. ';
let markdown = '';
for (let i = 0; markdown.length < 100_000; i++) {
  if (i % 10 === 0) markdown += `## Section ${i}\n\n`;
  markdown += i % 7 === 0 ? `- ${paragraph}\n- item\n\n` : `${paragraph}${paragraph}\n\n`;
}
const state = stateFromMarkdown(markdown);
const render = bestOf({
  decode: () => Y.applyUpdate(new Y.Doc(), state),
  html: () => renderHtml(state),
  markdown: () => renderMarkdown(state),
  text: () => renderPlainText(state),
});
printTable(`Renderer, ${markdown.length.toLocaleString('en')} characters of Markdown, best of ${RUNS}`, [
  ['Step', 'ms', 'x decode'],
  ...(['decode', 'html', 'markdown', 'text'] as const).map((name) => [name, fmt(render[name], 1), fmtRatio(ratio(render[name], render.decode))]),
]);
for (const name of ['html', 'markdown', 'text'] as const) {
  const value = ratio(render[name], render.decode);
  checkTarget({ name: `render ${name} / decode`, value: fmtRatio(value), limit: `< ${RENDER_RATIO_LIMIT}x`, pass: value < RENDER_RATIO_LIMIT });
}

// (b) Sanitiser.
const SPACES = 200_000;
const whitespaceRun = `<p>a${' '.repeat(SPACES)}b</p>`;
const ordinaryText = `<p>a${'word '.repeat(SPACES / 5)}b</p>`;
const sanitize = bestOf({ ordinary: () => sanitizeHtml(ordinaryText), whitespace: () => sanitizeHtml(whitespaceRun) });
printTable(`Sanitiser, ${whitespaceRun.length.toLocaleString('en')} characters, best of ${RUNS}`, [
  ['Input', 'ms'],
  ['ordinary words (baseline)', fmt(sanitize.ordinary, 1)],
  [`a run of ${SPACES.toLocaleString('en')} spaces`, fmt(sanitize.whitespace, 1)],
]);
const whitespaceRatio = ratio(sanitize.whitespace, sanitize.ordinary);
checkTarget({ name: 'sanitise a whitespace run / ordinary text', value: fmtRatio(whitespaceRatio), limit: `< ${WHITESPACE_RATIO_LIMIT}x`, pass: whitespaceRatio < WHITESPACE_RATIO_LIMIT });

printTargetSummary('Content targets');
log('');
