import { useEffect } from 'react';
import type { TextPoint } from '../../editor/text-points.ts';

/** A passage as the browser sends it: normalised text points and the text between them. */
export interface AnchoredPassage {
  start: TextPoint;
  end: TextPoint;
  quote: string;
}

/** What the server answered: stored, refused with its first message key, or not reached at all. */
export type AnchoredPostResult = { ok: true } | { ok: false; error: string | null } | { ok: false; offline: true };

/**
 * Posts a new comment thread or suggestion on a passage. The server places
 * the mark (decision 013), so the browser only sends the form, the new id and
 * where the passage is; both composers share this request and its reading.
 */
export async function postAnchored(actionUrl: string, form: HTMLFormElement, id: { field: string; value: string }, passage: AnchoredPassage): Promise<AnchoredPostResult> {
  const data = new FormData(form);
  data.set('intent', 'create');
  data.set(id.field, id.value);
  data.set('quote', passage.quote);
  data.set('anchor', JSON.stringify({ start: passage.start, end: passage.end }));
  try {
    const response = await fetch(actionUrl, { method: 'POST', body: data, headers: { Accept: 'application/json', 'X-Requested-With': 'fetch' } });
    const result = (await response.json().catch(() => null)) as { ok?: boolean; errors?: Record<string, string> } | null;
    if (response.ok && result?.ok) return { ok: true };
    return { ok: false, error: Object.values(result?.errors ?? {})[0] ?? null };
  } catch {
    return { ok: false, offline: true };
  }
}

/** Escape closes an open composer, unless something inside it (a mention list) took the key first. */
export function useEscapeToClose(open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, close]);
}
