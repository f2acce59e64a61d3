import type { TFunction } from 'i18next';
import type { NotificationKind } from '../../db/schema.ts';
import { formatDate } from './format.ts';

/**
 * The message of a stored notification in the reader's language. Parameters
 * are stored raw (a status key, an ISO date) so the same row reads well in
 * every language; the enumerated and date values are translated here.
 */
export function notificationText(
  t: TFunction,
  language: string,
  notification: { kind: NotificationKind; params: Record<string, string | number>; actorName?: string | null },
): string {
  const params: Record<string, string | number> = { ...notification.params };
  if (typeof params.status === 'string') params.status = t(`documentStatuses.${params.status}`, { defaultValue: params.status });
  if (typeof params.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.due)) params.due = formatDate(`${params.due}T12:00:00Z`, language);
  if (params.actor === undefined) params.actor = notification.actorName ?? '';
  return t(`notifications.kinds.${notification.kind}`, params);
}
