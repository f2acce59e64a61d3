import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { renderHtml, stateFromMarkdown } from './render.server.ts';
import { replaceContent } from './replace-content.server.ts';

/** The XmlText of the top-level paragraph whose text starts with `start`. */
function paragraphStarting(doc: Y.Doc, start: string): Y.XmlText {
  for (const block of doc.get('root', Y.XmlText).toDelta() as { insert: unknown }[]) {
    if (!(block.insert instanceof Y.XmlText)) continue;
    const text = (block.insert.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
    if (text.startsWith(start)) return block.insert;
  }
  throw new Error(`no paragraph starting "${start}"`);
}

describe('replaceContent', () => {
  test('turns the live content into the version content, tables and lists included', () => {
    const version = stateFromMarkdown('# Plan\n\nAgreed text.\n\n- one\n- two\n\n| A | B |\n| --- | --- |\n| 1 | 2 |');
    const current = stateFromMarkdown('# Plan\n\nDraft text with more words.\n\n1. other\n\nA closing paragraph.');
    const live = new Y.Doc();
    Y.applyUpdate(live, current);
    const { update, state } = replaceContent(Y.encodeStateAsUpdate(live), version);
    Y.applyUpdate(live, update);
    expect(renderHtml(live)).toBe(renderHtml(version));
    expect(renderHtml(state)).toBe(renderHtml(version));
  });

  test('is a new change on top of the history: blocks it does not change keep their Yjs items', () => {
    const version = stateFromMarkdown('# Title\n\nKeep this paragraph.\n\nOld ending.');
    const live = new Y.Doc();
    Y.applyUpdate(live, version);
    // Later edits: a changed ending and a new paragraph.
    const edited = replaceContent(Y.encodeStateAsUpdate(live), stateFromMarkdown('# Title\n\nKeep this paragraph.\n\nNew ending.\n\nExtra.'));
    Y.applyUpdate(live, edited.update);
    // A comment anchored inside the unchanged paragraph (a relative position, as Yjs-based anchors are).
    const kept = paragraphStarting(live, 'Keep this');
    const anchor = Y.createRelativePositionFromTypeIndex(kept, 3);
    const keptBefore = Y.createAbsolutePositionFromRelativePosition(anchor, live);
    expect(keptBefore?.type).toBe(kept);

    const { update } = replaceContent(Y.encodeStateAsUpdate(live), version);
    Y.applyUpdate(live, update);
    expect(renderHtml(live)).toBe(renderHtml(version));
    // The anchor still resolves in the same paragraph: it was not deleted and re-inserted.
    const keptAfter = Y.createAbsolutePositionFromRelativePosition(anchor, live);
    expect(keptAfter?.type).toBe(kept);
    expect(keptAfter?.index).toBe(keptBefore?.index);
    // The restore wrote new items (the old ending again) instead of rewinding.
    expect(Y.decodeUpdate(update).structs.length).toBeGreaterThan(0);
  });

  test('a version equal to the live text changes nothing', () => {
    const state = stateFromMarkdown('Same.');
    const live = new Y.Doc();
    Y.applyUpdate(live, state);
    const { update } = replaceContent(Y.encodeStateAsUpdate(live), state);
    const decoded = Y.decodeUpdate(update);
    expect(decoded.structs).toHaveLength(0);
  });
});
