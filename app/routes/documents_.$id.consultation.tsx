import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SECTORS, THREAD_DECISIONS } from '../../db/schema.ts';
import { ConsultationReportTable } from '../components/consultation/report-table.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { SelectField, TextAreaField } from '../components/ui/field.tsx';
import { FilterSelect } from '../components/ui/filter-select.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { pageTitle } from '../locales/meta.ts';
import { mayDecideConsultation, mayNamePeopleInReport, mayViewConsultationReport, type ReportDocumentContext } from '../policies/consultation-report.ts';
import { parseReportQuery, REPORT_DECISIONS, reportQueryString, ReportNamesSchema, ThreadDecisionSchema } from '../schemas/consultation-report.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { buildReportRows, changeReportNames, decisionCounts, filterChoices, filterRows, recordThreadDecision } from '../services/consultation-report.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { notFound } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, 'consultation.pageTitle', { title: data?.document.title ?? '' }),
  { name: 'robots', content: 'noindex' },
];

/** The document, if the person may read its report (404 otherwise: no report, or no access). */
async function requireReport(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireDocumentAccess(args, 'view');
  const doc: ReportDocumentContext & { id: string } = { ...access.accessContext, id: access.document.id, status: access.document.status, consultationRound: access.document.consultationRound };
  if (!mayViewConsultationReport(access.user, doc)) throw notFound();
  return { ...access, doc };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, document, doc } = await requireReport(args);
  const query = parseReportQuery(new URL(args.request.url).searchParams);
  const rows = await buildReportRows(args.context.services, document.id, { namesPeople: true, language: await resolveLanguage(args.request) });
  const shown = filterRows(rows, query);
  return {
    document: { id: document.id, title: document.title, status: document.status, tlp: document.tlp, language: document.language },
    rows: shown,
    total: rows.length,
    counts: decisionCounts(rows),
    choices: filterChoices(rows),
    query,
    queryString: reportQueryString(query),
    canDecide: mayDecideConsultation(user, doc),
    canName: mayNamePeopleInReport(user, doc),
    namesPeople: Number(document.reportNamesPeople) === 1,
  };
}

type ActionErrors = { threadId: string | null; errors: FieldErrors; values: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const { user, document, doc } = await requireReport(args);
  const { db } = args.context.services;
  const form = await args.request.formData();
  const back = `/documents/${document.id}/consultation${reportQueryString(parseReportQuery(new URL(args.request.url).searchParams))}`;
  const withNotice = (notice: string) => `${back}${back.includes('?') ? '&' : '?'}notice=${notice}`;
  if (form.get('intent') === 'names') {
    const parsed = parseForm(ReportNamesSchema, form);
    if (!parsed.ok) return data<ActionErrors>({ threadId: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await changeReportNames(db, user, doc, parsed.data.namesPeople === '1');
    return redirect(withNotice('names'));
  }
  const parsed = parseForm(ThreadDecisionSchema, form);
  const threadId = typeof form.get('threadId') === 'string' ? String(form.get('threadId')) : null;
  if (!parsed.ok) return data<ActionErrors>({ threadId, errors: parsed.errors, values: parsed.values }, { status: 400 });
  await recordThreadDecision(db, user, doc, parsed.data);
  return redirect(`${withNotice('decided')}#row-${parsed.data.threadId}`);
}

export default function ConsultationReportPage() {
  const { t, i18n } = useTranslation();
  const { document, rows, total, counts, choices, query, queryString, canDecide, canName, namesPeople } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/documents/${document.id}/consultation`;
  const filtered = Object.keys(query).length > 0;
  return (
    <div className="space-y-6">
      <NoticeBanner scope="consultation.notices" />
      <PageHeader
        title={t('consultation.pageTitle', { title: document.title })}
        lead={
          <span className="block space-y-1">
            <span className="block">{t('consultation.lead')}</span>
            <span className="flex flex-wrap items-center gap-2 text-sm">
              <StatusBadge status={document.status} /> <TlpBadge tlp={document.tlp} /> {t('consultation.rowsTotal', { total, pending: counts.pending })}
            </span>
          </span>
        }
        actions={
          <>
            <Link to={`/documents/${document.id}`} className="btn-secondary">
              {t('consultation.backToDocument')}
            </Link>
            <Link to={`/documents/${document.id}/workflow`} className="btn-secondary">
              {t('consultation.workflowLink')}
            </Link>
          </>
        }
      />

      <section aria-labelledby="report-filters" className="card space-y-3">
        <h2 id="report-filters" className="text-lg font-semibold">
          {t('consultation.filtersTitle')}
        </h2>
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <FilterSelect id="filter-institution" name="institution" label={t('consultation.institution')} value={query.institution} anyLabel={t('consultation.all')} options={choices.institutions.map((i) => ({ value: i.id, label: i.name }))} />
          <FilterSelect id="filter-sector" name="sector" label={t('consultation.sector')} value={query.sector} anyLabel={t('consultation.all')} options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
          <FilterSelect id="filter-decision" name="decision" label={t('consultation.decision')} value={query.decision} anyLabel={t('consultation.all')} options={REPORT_DECISIONS.map((d) => ({ value: d, label: t(`consultation.decisions.${d}`) }))} />
          <button type="submit" className="btn-primary">
            {t('consultation.apply')}
          </button>
          {filtered ? (
            <Link to={base} className="btn-secondary">
              {t('consultation.clear')}
            </Link>
          ) : null}
        </Form>
        <p className="text-sm text-slate-700" role="status">
          {t('consultation.shown', { shown: rows.length, total })}
        </p>
      </section>

      <section aria-labelledby="report-downloads" className="space-y-2">
        <h2 id="report-downloads" className="text-lg font-semibold">
          {t('consultation.downloadTitle')}
        </h2>
        <p className="flex flex-wrap gap-2">
          <a href={`${base}.docx${queryString}`} className="btn-secondary" download>
            {t('consultation.downloadDocx')}
          </a>
          <a href={`${base}.xlsx${queryString}`} className="btn-secondary" download>
            {t('consultation.downloadXlsx')}
          </a>
          <a href={`${base}.html${queryString}`} className="btn-secondary" download>
            {t('consultation.downloadHtml')}
          </a>
        </p>
        <p className="text-sm text-slate-700">{t('consultation.downloadNote')}</p>
      </section>

      {rows.length === 0 ? (
        <p className="text-slate-700">{total === 0 ? t('consultation.empty') : t('consultation.emptyFiltered')}</p>
      ) : (
        <ConsultationReportTable
          rows={rows}
          t={t}
          language={i18n.language}
          documentLanguage={document.language}
          decide={
            canDecide
              ? (row, number) => {
                  if (row.kind !== 'comment') return null;
                  const mine = actionData && actionData.threadId === row.id ? actionData : undefined;
                  return (
                    <details className="mt-2" open={mine ? true : undefined}>
                      <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t('consultation.decideSubmit')}</summary>
                      <Form method="post" className="mt-2 space-y-2" aria-label={t('consultation.decideLegend', { number })}>
                        <input type="hidden" name="intent" value="decide" />
                        <input type="hidden" name="threadId" value={row.id} />
                        <SelectField
                          label={t('consultation.decision')}
                          name="decision"
                          required
                          emptyLabel=""
                          defaultValue={mine?.values.decision ?? (row.decision === 'pending' ? '' : row.decision)}
                          options={THREAD_DECISIONS.map((d) => ({ value: d, label: t(`consultation.decisions.${d}`) }))}
                          error={mine?.errors.decision}
                        />
                        <TextAreaField
                          label={t('consultation.reasonLabel')}
                          name="reason"
                          rows={2}
                          maxLength={2000}
                          help={t('consultation.reasonHint')}
                          defaultValue={mine?.values.reason ?? row.decisionReason ?? ''}
                          error={mine?.errors.reason}
                        />
                        <button type="submit" className="btn-primary">
                          {t('consultation.decideSubmit')}
                        </button>
                      </Form>
                    </details>
                  );
                }
              : undefined
          }
        />
      )}

      {canName ? (
        <section aria-labelledby="report-names" className="card space-y-2">
          <h2 id="report-names" className="text-lg font-semibold">
            {t('consultation.namesTitle')}
          </h2>
          <p className="text-sm text-slate-700">{t('consultation.namesHelp')}</p>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="names" />
            <div className="flex items-start gap-2">
              <input id="names-people" type="checkbox" name="namesPeople" value="1" defaultChecked={namesPeople} className="mt-1 h-4 w-4" />
              <label htmlFor="names-people" className="text-sm font-medium">
                {t('consultation.namesLabel')}
              </label>
            </div>
            <p className="text-sm text-slate-700">{namesPeople ? t('consultation.namesOn') : t('consultation.namesOff')}</p>
            <button type="submit" className="btn-secondary">
              {t('consultation.namesSave')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
