import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../../db/schema.ts';
import type { PositionRow } from '../../models/workflow.server.ts';
import { formatDateTime } from '../../utils/format.ts';
import { SectorBadge } from '../sector-badge.tsx';

/** The institutions' positions in a consultation round, grouped by sector. */
export function PositionsTable({ round, positions, seesAll }: { round: number; positions: PositionRow[]; seesAll: boolean }) {
  const { t, i18n } = useTranslation();
  const sectors = SECTORS.filter((sector) => positions.some((row) => row.sector === sector));
  const taken = positions.filter((row) => row.position !== null).length;
  return (
    <section aria-labelledby="positions-title" className="space-y-3">
      <h2 id="positions-title" className="text-lg font-semibold">
        {t('workflow.positionsTitle')}
      </h2>
      {seesAll ? <p className="text-sm text-slate-700">{t('workflow.positionsTaken', { count: taken, total: positions.length })}</p> : <p className="text-sm text-slate-700">{t('workflow.positionsOwnOnly')}</p>}
      {positions.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="data-table stack-table">
            <caption className="sr-only">{t('workflow.positionsCaption', { round })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.institution')}</th>
                <th scope="col">{t('workflow.commented')}</th>
                <th scope="col">{t('workflow.position')}</th>
                <th scope="col">{t('workflow.statement')}</th>
                <th scope="col">{t('workflow.recordedBy')}</th>
              </tr>
            </thead>
            {sectors.map((sector) => (
              <tbody key={sector} className="border-b border-slate-200">
                <tr className="bg-slate-50">
                  <th scope="rowgroup" colSpan={5} className="py-1.5 pr-4 font-semibold">
                    <SectorBadge sector={sector} />
                  </th>
                </tr>
                {positions
                  .filter((row) => row.sector === sector)
                  .map((row) => (
                    <tr key={row.institutionId}>
                      <th scope="row" className="font-medium">
                        {row.name}
                        {row.isOwner ? <span className="ml-1 text-xs font-normal text-slate-600">({t('workflow.owner')})</span> : null}
                      </th>
                      <td data-label={t('workflow.commented')}>{row.commented ? t('common.yes') : t('common.no')}</td>
                      <td data-label={t('workflow.position')}>{row.position ? <strong>{t(`workflow.positions.${row.position}`)}</strong> : <span className="text-slate-600">{t('workflow.noPosition')}</span>}</td>
                      <td data-label={t('workflow.statement')} className="max-w-md whitespace-pre-line">{row.statement}</td>
                      <td data-label={t('workflow.recordedBy')} className="text-slate-700">
                        {row.recordedByName && row.recordedAt ? t('workflow.recordedByAt', { name: row.recordedByName, date: formatDateTime(row.recordedAt, i18n.language) }) : null}
                      </td>
                    </tr>
                  ))}
              </tbody>
            ))}
          </table>
        </div>
      ) : null}
    </section>
  );
}
