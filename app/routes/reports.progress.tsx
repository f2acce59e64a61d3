import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ProgressReportView } from '../components/progress-report-view.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { pageTitle } from '../locales/meta.ts';
import { buildProgressReport, parseReportQuery } from '../services/progress-report.server.ts';
import { requirePermission } from '../services/session.server.ts';
import { fileUrl } from '../downloads/tracker-downloads.server.tsx';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerData.report.title');

/** The report page; `?format=md|html` goes to the file routes. */
export async function loader(args: LoaderFunctionArgs) {
  const file = fileUrl(args.request, ['md', 'html']);
  if (file) throw redirect(file);
  const user = await requirePermission(args, 'tracker:report');
  const today = todayInSarajevo();
  const query = parseReportQuery(new URL(args.request.url).searchParams, today);
  const report = query.valid ? await buildProgressReport(args.context.services.db, user, { ...query, today }) : null;
  return data({ query, report }, { status: query.valid ? 200 : 400 });
}

export default function ProgressReportPage() {
  const { t, i18n } = useTranslation();
  const { query, report } = useLoaderData<typeof loader>();
  const download = (format: string) => `/reports/progress.${format}?${new URLSearchParams({ from: query.from, to: query.to, group: query.group })}`;
  return (
    <div>
      {/* Printing shows the report only, not the portal around it. */}
      <style>{'@media print { header, nav, footer, .no-print { display: none !important; } .card { border: 0; box-shadow: none; } }'}</style>
      <div className="no-print">
        <PageHeader
          title={t('trackerData.report.title')}
          lead={t('trackerData.report.lead')}
          actions={
            report ? (
              <>
                <a href={download('md')} className="btn-secondary" download>
                  {t('trackerData.report.downloadMd')}
                </a>
                <a href={download('html')} className="btn-secondary" download>
                  {t('trackerData.report.downloadHtml')}
                </a>
                <Link to="/cbms/osce-export" className="btn-secondary">
                  {t('trackerData.osce.title')}
                </Link>
              </>
            ) : null
          }
        />
        <Form method="get" className="card mb-5 flex flex-wrap items-end gap-4" aria-label={t('trackerData.report.title')}>
          <div>
            <label htmlFor="report-from" className="block text-sm font-semibold">
              {t('trackerData.report.from')}
            </label>
            <input id="report-from" name="from" type="date" defaultValue={query.from} className="field-input" aria-invalid={query.valid ? undefined : true} aria-describedby={query.valid ? undefined : 'report-range-error'} />
          </div>
          <div>
            <label htmlFor="report-to" className="block text-sm font-semibold">
              {t('trackerData.report.to')}
            </label>
            <input id="report-to" name="to" type="date" defaultValue={query.to} className="field-input" aria-invalid={query.valid ? undefined : true} aria-describedby={query.valid ? undefined : 'report-range-error'} />
          </div>
          <div>
            <label htmlFor="report-group" className="block text-sm font-semibold">
              {t('trackerData.report.groupBy')}
            </label>
            <select id="report-group" name="group" defaultValue={query.group} className="field-input">
              <option value="cbm">{t('trackerData.report.byCbm')}</option>
              <option value="pillar">{t('trackerData.report.byPillar')}</option>
            </select>
          </div>
          <button type="submit" className="btn-primary">
            {t('trackerData.report.show')}
          </button>
          {query.valid ? null : (
            <p id="report-range-error" role="alert" className="w-full text-sm font-medium text-red-800">
              {t('trackerData.report.invalidRange')}
            </p>
          )}
        </Form>
      </div>
      {report ? (
        <div className="card">
          <ProgressReportView report={report} t={t} language={i18n.language} />
        </div>
      ) : null}
    </div>
  );
}
