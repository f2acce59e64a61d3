import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../../db/schema.ts';
import { formatDateTime } from '../../utils/format.ts';
import { TitledSection } from '../ui/titled-section.tsx';

interface TransitionRow {
  id: string;
  createdAt: string;
  actorName: string | null;
  fromStatus: DocumentStatus;
  toStatus: DocumentStatus;
  note: string | null;
  versionNumber: number | null;
}

/** Every status change of the document: when, by whom, and which saved version it froze. */
export function TransitionsTable({ transitions }: { transitions: TransitionRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <TitledSection id="history-title" title={t('workflow.historyTitle')} empty={transitions.length === 0 ? t('workflow.noHistory') : null}>
      <table className="data-table stack-table">
        <caption className="sr-only">{t('workflow.historyTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workflow.when')}</th>
            <th scope="col">{t('workflow.who')}</th>
            <th scope="col">{t('workflow.moveColumn')}</th>
            <th scope="col">{t('workflow.note')}</th>
            <th scope="col">{t('workflow.version')}</th>
          </tr>
        </thead>
        <tbody>
          {transitions.map((move) => (
            <tr key={move.id}>
              <td data-label={t('workflow.when')} className="whitespace-nowrap">{formatDateTime(move.createdAt, i18n.language)}</td>
              <td data-label={t('workflow.who')}>{move.actorName}</td>
              <td data-label={t('workflow.moveColumn')}>
                {t('workflow.fromTo', {
                  from: t(`documentStatuses.${move.fromStatus}`),
                  to: t(`documentStatuses.${move.toStatus}`),
                })}
              </td>
              <td data-label={t('workflow.note')} className="whitespace-pre-line">{move.note}</td>
              <td data-label={t('workflow.version')}>{move.versionNumber !== null ? t('workflow.versionNumber', { number: move.versionNumber }) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TitledSection>
  );
}
