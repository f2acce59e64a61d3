import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../utils/format.ts';
import { historyFieldLabel, historyValue } from './history-value.ts';
import type { ActionItemPageData } from '../../services/action-item-page.server.ts';
import { TitledSection } from '../ui/titled-section.tsx';

/** Every recorded field change, grouped by the change that made it. */
export function History({ changes, names }: { changes: ActionItemPageData['changes']; names: ActionItemPageData['names'] }) {
  const { t, i18n } = useTranslation();
  return (
    <TitledSection id="history-title" title={t('actions.item.history')} empty={changes.length === 0 ? t('actions.item.noHistory') : null}>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="history">
          <caption className="sr-only">{t('actions.item.historyCaption')}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-3">
                {t('actions.item.when')}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t('actions.item.who')}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t('actions.item.field')}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t('actions.item.before')}
              </th>
              <th scope="col" className="py-1">
                {t('actions.item.after')}
              </th>
            </tr>
          </thead>
          {changes.map((change) => (
            <tbody key={change.id} className="border-b border-slate-200">
              {change.changes.map((c, index) => (
                <tr key={`${change.id}-${c.field}-${index}`} className="align-top">
                  <td className="py-1 pr-3 whitespace-nowrap">{index === 0 ? formatDateTime(change.createdAt, i18n.language) : null}</td>
                  <td className="py-1 pr-3">
                    {index === 0 ? (
                      <>
                        {change.actorName ?? t('actions.item.system')}{' '}
                        <span className="text-slate-600">
                          (
                          {t('actions.item.via', {
                            source: t(`actions.sources.${change.source}`, {
                              defaultValue: change.source,
                            }),
                          })}
                          )
                        </span>
                      </>
                    ) : null}
                  </td>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    {historyFieldLabel(t, c.field)}
                  </th>
                  <td className="py-1 pr-3 break-words">{c.field === 'created' ? t('actions.item.empty') : historyValue(t, i18n.language, c.field, c.before, names)}</td>
                  <td className="py-1 break-words">{historyValue(t, i18n.language, c.field, c.after, names)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </TitledSection>
  );
}
