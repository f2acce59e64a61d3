import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { ReportEntry, ReportRow } from '../../services/consultation-report.server.ts';
import { formatDate } from '../../utils/format.ts';

/**
 * The consultation report as a table: the members' page, the public page and
 * the downloadable HTML file render this same markup. It takes `t` as a prop
 * (like ProgressReportView) so the server can render it without the i18n
 * provider. Below 640 px the `stack-table` rows become cards.
 */
export function ConsultationReportTable({
  rows,
  t,
  language,
  documentLanguage,
  decide,
}: {
  rows: ReportRow[];
  t: TFunction;
  /** The interface language, for dates. */
  language: string;
  /** The document's language: quotes and proposals are in it. */
  documentLanguage: string;
  /** The decision form of a row, on the members' page only. */
  decide?: (row: ReportRow, number: number) => ReactNode;
}) {
  return (
    <div className="table-frame">
      <table className="data-table stack-table" data-testid="consultation-report">
        <caption className="sr-only">{t('consultation.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consultation.columns.number')}</th>
            <th scope="col">{t('consultation.columns.passage')}</th>
            <th scope="col">{t('consultation.columns.from')}</th>
            <th scope="col">{t('consultation.columns.comment')}</th>
            <th scope="col">{t('consultation.columns.decision')}</th>
            <th scope="col">{t('consultation.columns.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id} id={`row-${row.id}`} data-decision={row.decision}>
              <th scope="row" className="font-medium">
                {index + 1}
                <span className="block text-xs font-normal text-slate-600">
                  {t(`consultation.kinds.${row.kind}`)} · {t('consultation.round', { round: row.round })}
                </span>
              </th>
              <td data-label={t('consultation.columns.passage')} className="max-w-xs">
                <blockquote className="whitespace-pre-line border-l-4 border-slate-300 pl-2 italic" lang={documentLanguage}>
                  {row.quote}
                </blockquote>
              </td>
              <td data-label={t('consultation.columns.from')}>
                <span className="font-medium">{row.institutionName}</span>
                <span className="block text-slate-700">{t(`sectors.${row.sector}`)}</span>
                {row.authorName ? <span className="block text-xs text-slate-600">{row.authorName}</span> : null}
              </td>
              <td data-label={t('consultation.columns.comment')} className="max-w-md">
                {row.proposal ? (
                  <div className="space-y-1">
                    {row.proposal.text === '' ? (
                      <p>{t('consultation.proposesDeletion')}</p>
                    ) : (
                      <p>
                        <span className="font-semibold">{t('consultation.proposedText')}:</span>{' '}
                        <span className="whitespace-pre-line" lang={documentLanguage}>
                          {row.proposal.text}
                        </span>
                      </p>
                    )}
                    {row.proposal.rationale ? (
                      <p className="whitespace-pre-line">
                        <span className="font-semibold">{t('consultation.rationale')}:</span> {row.proposal.rationale}
                      </p>
                    ) : null}
                  </div>
                ) : null}
                <Entries entries={row.comments} replies={row.kind === 'suggestion'} t={t} />
              </td>
              <td data-label={t('consultation.columns.decision')}>
                <strong>{t(`consultation.decisions.${row.decision}`)}</strong>
                {row.decisionReason ? (
                  <p className="whitespace-pre-line">
                    <span className="font-semibold">{t('consultation.reason')}:</span> {row.decisionReason}
                  </p>
                ) : null}
                {row.decidedAt ? (
                  <p className="text-xs text-slate-600">
                    {row.deciderName ? t('consultation.decidedBy', { name: row.deciderName, date: formatDate(row.decidedAt, language) }) : t('consultation.decidedOn', { date: formatDate(row.decidedAt, language) })}
                  </p>
                ) : null}
                {decide ? decide(row, index + 1) : null}
              </td>
              <td data-label={t('consultation.columns.result')} className="max-w-xs">
                {row.result.state === 'text' ? (
                  <span className="whitespace-pre-line" lang={documentLanguage}>
                    {row.result.text}
                  </span>
                ) : (
                  <span className="text-slate-700">{t(`consultation.results.${row.result.state}`)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Entries({ entries, replies, t }: { entries: ReportEntry[]; replies: boolean; t: TFunction }) {
  if (entries.length === 0) return null;
  return (
    <ol className="mt-1 list-none space-y-1 p-0">
      {entries.map((entry, index) => (
        <li key={entry.id} className={index > 0 || replies ? 'border-l-2 border-slate-200 pl-2' : undefined}>
          {index > 0 || replies ? <span className="text-xs font-semibold text-slate-600">{t('consultation.reply')}: </span> : null}
          {entry.authorName ? <span className="text-xs font-semibold text-slate-600">{entry.authorName}: </span> : null}
          {entry.state === 'shown' ? (
            <span className="whitespace-pre-line">{entry.body}</span>
          ) : (
            <em className="text-slate-700">{t(entry.state === 'hidden' ? 'consultation.hidden' : 'consultation.deleted')}</em>
          )}
        </li>
      ))}
    </ol>
  );
}
