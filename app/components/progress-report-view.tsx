import type { TFunction } from 'i18next';
import { ACTION_STATUSES } from '../../db/schema.ts';
import { formatDate } from '../utils/format.ts';
import type { ProgressReport } from '../services/progress-report.server.ts';
import { reportGroupTitle } from '../utils/pillar-name.ts';

/**
 * The body of the progress report. It takes `t` as a prop rather than using
 * the hook, so the server renders the same markup into the downloadable,
 * print-ready HTML file.
 */
export function ProgressReportView({ report, t, language }: { report: ProgressReport; t: TFunction; language: string }) {
  const date = (d: string | null | undefined) => (d ? formatDate(d, language) : '—');
  const groupName = report.group === 'cbm' ? t('trackerData.report.byCbm') : t('trackerData.report.byPillar');
  const groupsOf = (item: ProgressReport['completed'][number]) => (report.group === 'cbm' ? item.cbms.map((n) => `CBM ${n}`).join(', ') : (item.pillarCode ?? '—'));
  return (
    <article className="progress-report space-y-6">
      <div>
        <p>
          <span className={`tlp tlp-${report.tlp} inline-block border-2 border-slate-900 px-2 font-mono font-bold`}>TLP:{report.tlp}</span>
        </p>
        <h2 className="mt-2 text-xl font-bold">{t('trackerData.report.heading', { from: date(report.from), to: date(report.to) })}</h2>
        <p className="text-sm text-slate-600">{t('trackerData.report.generated', { date: date(report.generatedAt), asOf: date(report.asOf) })}</p>
      </div>

      <section aria-labelledby="report-counts">
        <h3 id="report-counts" className="mb-2 text-lg font-semibold">
          {t('trackerData.report.countsTitle')}
        </h3>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t('trackerData.report.countsCaption', { group: groupName })}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">
                  {t('trackerData.report.group')}
                </th>
                {ACTION_STATUSES.map((s) => (
                  <th key={s} scope="col" className="py-1 pr-3 text-right">
                    {t(`actions.statuses.${s}`)}
                  </th>
                ))}
                <th scope="col" className="py-1 pr-3 text-right">
                  {t('trackerData.report.total')}
                </th>
                <th scope="col" className="py-1 text-right">
                  {t('trackerData.report.overdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => (
                <tr key={g.key} className="border-b border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    <span className="font-semibold">{g.label || t('trackerData.report.noPillar')}</span> {reportGroupTitle(report.group, g, t)}
                  </th>
                  {ACTION_STATUSES.map((s) => (
                    <td key={s} className="py-1 pr-3 text-right tabular-nums">
                      {g.coverage.counts[s]}
                    </td>
                  ))}
                  <td className="py-1 pr-3 text-right font-semibold tabular-nums">{g.coverage.total}</td>
                  <td className="py-1 text-right tabular-nums">{g.coverage.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="report-completed">
        <h3 id="report-completed" className="mb-2 text-lg font-semibold">
          {t('trackerData.report.completedTitle')}
        </h3>
        {report.completed.length === 0 ? (
          <p className="text-sm">{t('trackerData.report.noCompleted')}</p>
        ) : (
          <ItemTable
            caption={t('trackerData.report.completedCaption', { from: date(report.from), to: date(report.to) })}
            items={report.completed}
            t={t}
            groupsOf={groupsOf}
            last={{ header: t('trackerData.report.completedOn'), value: (i) => date(i.completedOn) }}
          />
        )}
      </section>

      <section aria-labelledby="report-overdue">
        <h3 id="report-overdue" className="mb-2 text-lg font-semibold">
          {t('trackerData.report.overdueTitle')}
        </h3>
        {report.overdue.length === 0 ? (
          <p className="text-sm">{t('trackerData.report.noOverdue')}</p>
        ) : (
          <ItemTable
            caption={t('trackerData.report.overdueCaption')}
            items={report.overdue}
            t={t}
            groupsOf={groupsOf}
            last={{ header: t('trackerData.report.due'), value: (i) => `${date(i.dueDate)} · ${t(`actions.statuses.${i.status}`)} · ${i.progress} %` }}
          />
        )}
      </section>

      <section aria-labelledby="report-notes">
        <h3 id="report-notes" className="mb-2 text-lg font-semibold">
          {t('trackerData.report.notesTitle')}
        </h3>
        {report.notes.length === 0 ? (
          <p className="text-sm">{t('trackerData.report.noNotes')}</p>
        ) : (
          <ol className="space-y-3">
            {report.notes.map((note) => (
              <li key={note.id} className="border-l-4 border-slate-300 pl-3">
                <p className="text-sm font-semibold">
                  {date(note.date)} · {note.code} {note.title} <span className="font-mono text-xs">TLP:{note.tlp}</span>
                </p>
                <p className="text-xs text-slate-600">{t('trackerData.report.noteBy', { author: note.authorName, institution: note.institutionName })}</p>
                <p className="whitespace-pre-line text-sm">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

type Item = ProgressReport['completed'][number];

function ItemTable({
  caption,
  items,
  t,
  groupsOf,
  last,
}: {
  caption: string;
  items: Item[];
  t: TFunction;
  groupsOf: (item: Item) => string;
  last: { header: string; value: (item: Item) => string };
}) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-3">
              {t('trackerData.report.code')}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t('trackerData.report.item')}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t('trackerData.report.owner')}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t('trackerData.report.groups')}
            </th>
            <th scope="col" className="py-1">
              {last.header}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-1 pr-3 font-normal">
                {item.code}
              </th>
              <td className="py-1 pr-3">
                {item.title} <span className="font-mono text-xs">TLP:{item.tlp}</span>
              </td>
              <td className="py-1 pr-3">{item.ownerName}</td>
              <td className="py-1 pr-3">{groupsOf(item)}</td>
              <td className="py-1">{last.value(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
