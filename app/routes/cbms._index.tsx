import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES } from '../../db/schema.ts';
import { CbmSource } from '../components/cbm-source.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { cbmCoverage, countHiddenItems } from '../services/scoped-reads.server.ts';
import { HiddenItemsNote } from '../components/tracker/hidden-items-note.tsx';
import { listCbms } from '../models/cbm.server.ts';
import { can } from '../policies/permissions.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'cbms.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'cbm:view');
  const { db } = args.context.services;
  const language = await resolveLanguage(args.request);
  const listsItems = can(user, 'action-item:list');
  const [cbms, coverage, hidden] = await Promise.all([
    listCbms(db, language),
    listsItems ? cbmCoverage(db, user, { today: todayInSarajevo() }) : null,
    listsItems ? countHiddenItems(db, user) : 0,
  ]);
  return {
    cbms,
    hidden,
    coverage: coverage ? cbms.map((cbm) => ({ number: cbm.number, title: cbm.title, language: cbm.language, ...coverage.get(cbm.number)! })) : null,
    canEdit: can(user, 'cbm:update'),
    canReport: can(user, 'tracker:report'),
  };
}

export default function Cbms() {
  const { t } = useTranslation();
  const { cbms, coverage, hidden, canEdit, canReport } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('cbms.title')}
        lead={t('cbms.lead')}
        actions={
          canReport ? (
            <Link to="/cbms/osce-export" className="btn-secondary">
              {t('trackerData.osce.title')}
            </Link>
          ) : null
        }
      />
      {coverage ? (
        <section aria-labelledby="coverage-title" className="mb-8">
          <h2 id="coverage-title" className="mb-1 text-xl font-bold">
            {t('trackerViews.coverage.title')}
          </h2>
          <p className="mb-3 max-w-3xl text-sm text-slate-700">
            {t('trackerViews.coverage.lead')} {t('trackerViews.coverage.noItemsNote')}
          </p>
          <HiddenItemsNote count={hidden} scope="tracker" />
          <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
            <table className="data-table" id="cbm-matrix">
              <caption className="sr-only">{t('trackerViews.coverage.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('trackerViews.columns.cbm')}</th>
                  {ACTION_STATUSES.map((s) => (
                    <th key={s} scope="col" className="text-right">
                      {t(`trackerViews.status.${s}`)}
                    </th>
                  ))}
                  <th scope="col" className="text-right">
                    {t('trackerViews.columns.total')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('trackerViews.columns.percentCompleted')}
                  </th>
                  <th scope="col" className="text-right">
                    {t('trackerViews.columns.overdue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {coverage.map((row) => (
                  <tr key={row.number} id={`cbm-row-${row.number}`} className={row.total === 0 ? 'bg-amber-50' : undefined}>
                    <th scope="row" className="font-normal">
                      <Link to={`/cbms/${row.number}`} className="font-semibold">
                        {t('cbms.cbm', { number: row.number })}
                      </Link>
                      <span className="block text-xs text-slate-700" lang={row.language}>
                        {row.title}
                      </span>
                      {row.total === 0 ? (
                        <span className="mt-1 inline-flex items-center gap-1 rounded border border-amber-500 px-1 text-xs font-semibold text-amber-950">
                          <span aria-hidden="true">○</span>
                          {t('trackerViews.coverage.noItems')}
                        </span>
                      ) : null}
                    </th>
                    {ACTION_STATUSES.map((s) => (
                      <td key={s} className="text-right tabular-nums">
                        {row.counts[s]}
                      </td>
                    ))}
                    <td className="text-right font-semibold tabular-nums">{row.total}</td>
                    <td className="text-right tabular-nums">{row.percentCompleted === null ? '–' : `${row.percentCompleted} %`}</td>
                    <td className={`text-right tabular-nums ${row.overdue > 0 ? 'font-semibold text-red-800' : ''}`}>
                      {row.overdue > 0 ? (
                        <Link to={`/actions?cbm=${row.number}&overdue=1`} className="text-red-800">
                          {row.overdue}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <h2 className="mb-2 text-xl font-bold">{t('trackerViews.coverage.texts')}</h2>
      <p className="mb-5 max-w-3xl rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">{t('cbms.summaryNote')}</p>
      <ol className="space-y-3">
        {cbms.map((cbm) => (
          <li key={cbm.number} id={`cbm-${cbm.number}`} className="card">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-lg font-bold">
                <Link to={`/cbms/${cbm.number}`} className="text-slate-900">
                  <span className="mr-2 text-brand-600">{t('cbms.cbm', { number: cbm.number })}</span>
                  {/* The reader's language where translated, else the OSCE's English; marked either way (WCAG 3.1.2). */}
                  <span lang={cbm.language}>{cbm.title}</span>
                </Link>
              </h3>
              {canEdit ? (
                <Link to={`/cbms/${cbm.number}/edit`} className="text-sm" aria-label={t('cbms.editTitle', { number: cbm.number })}>
                  {t('cbms.edit')}
                </Link>
              ) : null}
            </div>
            <p className="mt-2 text-slate-800" lang={cbm.language}>
              {cbm.text}
            </p>
            {cbm.language !== 'en' ? (
              <details className="mt-2 text-sm text-slate-700">
                <summary>{t('cbms.officialEnglish')}</summary>
                <p className="mt-1 text-xs">{t('cbms.translationNote')}</p>
                <p className="mt-1 font-semibold" lang="en">
                  {cbm.official.title}
                </p>
                <p lang="en">{cbm.official.text}</p>
              </details>
            ) : null}
            <CbmSource cbm={cbm} className="mt-2 text-xs text-slate-600" />
          </li>
        ))}
      </ol>
    </div>
  );
}
