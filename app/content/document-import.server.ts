import { docxToHtml, emptyState, renderPlainText, stateFromHtml, stateFromMarkdown } from './render.server.ts';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportResult = { ok: true; state: Uint8Array; text: string } | { ok: false; error: 'documents.importFailed' };

/** The first Yjs state of a new document: empty, or built on the server from an uploaded file. */
export async function initialStateFromUpload(file: File | null): Promise<ImportResult> {
  if (!file || file.size === 0) return { ok: true, state: emptyState(), text: '' };
  const name = file.name.toLowerCase();
  try {
    let state: Uint8Array;
    if (name.endsWith('.md') || name.endsWith('.markdown') || name.endsWith('.txt')) {
      state = stateFromMarkdown(await file.text());
    } else if (name.endsWith('.docx')) {
      state = stateFromHtml(await docxToHtml(Buffer.from(await file.arrayBuffer())));
    } else {
      return { ok: false, error: 'documents.importFailed' };
    }
    return { ok: true, state, text: renderPlainText(state) };
  } catch {
    return { ok: false, error: 'documents.importFailed' };
  }
}
