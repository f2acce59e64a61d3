import { useTranslation } from 'react-i18next';
import { formatBytes, formatDate, formatDateTime } from '../../utils/format.ts';
import type { ActionItemPageData } from '../../services/action-item-page.server.ts';

/** The progress updates with their evidence. */
export function Timeline({ itemId, updates }: { itemId: string; updates: ActionItemPageData['updates'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section id="timeline" aria-labelledby="timeline-title" className="space-y-3">
      <h2 id="timeline-title" className="text-lg font-semibold">
        {t('actions.item.timeline')} <span className="text-sm font-normal text-slate-600">({t('actions.item.updateCount', { count: updates.length })})</span>
      </h2>
      {updates.length === 0 ? (
        <p className="text-sm text-slate-600">{t('actions.item.noUpdates')}</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="timeline">
          {updates.map((u) => (
            <li key={u.id} className="space-y-1">
              <p className="text-sm">
                <time dateTime={u.date} className="font-semibold">
                  {formatDate(u.date, i18n.language)}
                </time>{' '}
                · {t('actions.item.updateBy', { name: u.authorName, institution: u.institutionName })}{' '}
                <span className="text-slate-600">({t('actions.item.postedOn', { date: formatDateTime(u.createdAt, i18n.language) })})</span>
              </p>
              {u.statusTo ? (
                <p className="text-sm font-medium">
                  {t('actions.item.statusChange', { from: t(`actions.statuses.${u.statusFrom}`), to: t(`actions.statuses.${u.statusTo}`) })}
                </p>
              ) : null}
              {u.progressTo !== null ? <p className="text-sm font-medium">{t('actions.item.progressChange', { from: u.progressFrom, to: u.progressTo })}</p> : null}
              <p className="whitespace-pre-line">{u.body}</p>
              {u.evidence.length > 0 ? (
                <div className="text-sm">
                  <p className="font-semibold">{t('actions.item.evidence')}</p>
                  <ul className="list-disc pl-5">
                    {u.evidence.map((e) => (
                      <li key={e.id}>
                        {e.kind === 'link' && e.url ? (
                          <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
                            {e.url}
                          </a>
                        ) : (
                          <a href={`/actions/${itemId}/evidence/${e.id}`} download>
                            {t('actions.item.download', { name: e.fileName, size: formatBytes(e.sizeBytes, i18n.language) })}
                          </a>
                        )}
                        {e.description ? <span className="text-slate-600"> — {e.description}</span> : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
