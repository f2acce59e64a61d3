/** The public page of an action item (TLP:CLEAR only); the list, the feed and the sitemap link here. */
export function publicItemPath(id: string): string {
  return `/progress/items/${id}`;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface PublicChange {
  statusFrom: string | null;
  statusTo: string | null;
  progressFrom: number | null;
  progressTo: number | null;
}

/**
 * What a progress update changed, as the public reads it on an item page and
 * in the Atom feed: "status In progress → Completed, progress 80 % → 100 %".
 * Only status and progress: an update's note is never public.
 */
export function publicChangeText(t: Translate, change: PublicChange, options: { sentence?: boolean } = {}): string {
  const parts: string[] = [];
  if (change.statusTo !== null) {
    const to = t(`trackerViews.status.${change.statusTo}`);
    parts.push(
      change.statusFrom === null
        ? t('trackerViews.progress.statusSet', { to })
        : t('trackerViews.progress.statusChange', { from: t(`trackerViews.status.${change.statusFrom}`), to }),
    );
  }
  if (change.progressTo !== null) {
    parts.push(
      change.progressFrom === null
        ? t('trackerViews.progress.progressSet', { to: change.progressTo })
        : t('trackerViews.progress.progressChange', { from: change.progressFrom, to: change.progressTo }),
    );
  }
  const text = parts.join(', ');
  // Standing alone (a line of the item page), the text starts with a capital; inside a title it follows a colon.
  return options.sentence ? text.charAt(0).toLocaleUpperCase() + text.slice(1) : text;
}
