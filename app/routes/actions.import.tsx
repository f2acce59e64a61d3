import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FieldLabel } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { importActionItems } from '../models/tracker-data.server.ts';
import { MAX_IMPORT_FILE_BYTES, parseImportFile, type RawRow } from '../services/action-import.server.ts';
import type { ImportError } from '../services/action-import-validate.server.ts';
import { checkImportRows, importablePlans } from '../services/action-import-plans.server.ts';
import { deletePendingImport, loadPendingImport, savePendingImport } from '../services/import-store.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'trackerData.import.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'action-item:import');
  const plans = await importablePlans(args.context.services.db, user);
  const selected = new URL(args.request.url).searchParams.get('plan');
  return { plans, selectedPlan: plans.some((p) => p.id === selected) ? selected : (plans[0]?.id ?? null) };
}

interface PreviewRow {
  row: number;
  code: string;
  title: string;
  owner: string;
  cbms: string;
  status: string;
  dueDate: string;
}

type ActionResult =
  | { stage: 'form'; formError: string; planId: string | null }
  | { stage: 'preview'; fileName: string; planId: string; planTitle: string; rowCount: number; errors: ImportError[]; ready: PreviewRow[]; pendingId: string | null };

function formError(formError: string, planId: string | null, status: number) {
  return data<ActionResult>({ stage: 'form', formError, planId }, { status });
}

function previewRows(rows: RawRow[]): PreviewRow[] {
  return rows.map(({ row, cells }) => ({
    row,
    code: cells.code ?? '',
    title: cells.title ?? '',
    owner: cells.owner ?? '',
    cbms: cells.cbms ?? '',
    status: cells.status ?? '',
    dueDate: cells.due_date ?? '',
  }));
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'action-item:import');
  const { db, logger } = args.context.services;
  const plans = await importablePlans(db, user);
  const multipart = (args.request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');

  if (!multipart) {
    // Step 2: "Confirm import" carries only the id of the rows kept on the server.
    const form = await args.request.formData();
    const pendingId = String(form.get('pendingId') ?? '');
    const pending = await loadPendingImport(db, pendingId, user.id);
    const plan = pending && plans.find((p) => p.id === pending.planId);
    if (!pending || !plan) return formError('trackerData.import.expired', null, 410);
    const result = await checkImportRows(db, plan.id, pending.headers, pending.rows);
    if (result.errors.length > 0) {
      return data<ActionResult>(
        { stage: 'preview', fileName: pending.fileName, planId: plan.id, planTitle: plan.title, rowCount: pending.rows.length, errors: result.errors, ready: [], pendingId: null },
        { status: 409 },
      );
    }
    try {
      await importActionItems(
        db,
        user.id,
        plan.id,
        result.items.map((i) => i.input),
        pending.fileName,
      );
    } catch (error) {
      logger.warn({ err: error, requestId: args.context.requestId }, 'action item import rolled back');
      return formError('trackerData.import.failed', plan.id, 409);
    }
    await deletePendingImport(db, pendingId);
    return redirect(`/actions?plan=${encodeURIComponent(plan.id)}&notice=actions-imported`);
  }

  // Step 1: read the file and show every problem, or the rows ready to import.
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_FILE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return formError('trackerData.import.fileTooLarge', null, 413);
    throw error;
  }
  const planId = String(form.get('planId') ?? '');
  const plan = plans.find((p) => p.id === planId);
  if (!plan) return formError('trackerData.import.planRequired', null, 400);
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return formError('trackerData.import.fileRequired', plan.id, 400);
  const parsed = await parseImportFile(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return formError(parsed.error, plan.id, 400);
  const { headers, rows } = parsed.file;
  const result = await checkImportRows(db, plan.id, headers, rows);
  const pendingId = result.errors.length === 0 ? await savePendingImport(db, { userId: user.id, planId: plan.id, fileName: file.name, headers, rows }) : null;
  return data<ActionResult>(
    {
      stage: 'preview',
      fileName: file.name,
      planId: plan.id,
      planTitle: plan.title,
      rowCount: rows.length,
      errors: result.errors,
      ready: result.errors.length === 0 ? previewRows(rows) : [],
      pendingId,
    },
    { status: result.errors.length > 0 ? 422 : 200 },
  );
}

export default function ImportActions() {
  const { t } = useTranslation();
  const { plans, selectedPlan } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const planId = result?.planId ?? selectedPlan;
  const fileError = result?.stage === 'form' ? result.formError : null;

  return (
    <div>
      <PageHeader title={t('trackerData.import.title')} lead={t('trackerData.import.lead')} />

      {result?.stage === 'preview' ? <Preview result={result} busy={busy} /> : null}

      <Form method="post" encType="multipart/form-data" className="card space-y-4" aria-labelledby="import-form-title">
        <h2 id="import-form-title" className="text-lg font-semibold">
          {t('trackerData.import.preview')}
        </h2>
        {fileError ? (
          <p id="import-error" role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
            {t(fileError)}
          </p>
        ) : null}
        <div className="space-y-1">
          <FieldLabel htmlFor="import-plan" label={t('trackerData.import.plan')} required />
          <select id="import-plan" name="planId" required defaultValue={planId ?? ''} className="field-input max-w-xl" aria-describedby="import-plan-help">
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <p id="import-plan-help" className="text-xs text-slate-600">
            {t('trackerData.import.planHelp')}
          </p>
        </div>
        <div className="space-y-1">
          <FieldLabel htmlFor="import-file" label={t('trackerData.import.file')} required />
          <input
            id="import-file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="field-input"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'import-file-help import-error' : 'import-file-help'}
          />
          <p id="import-file-help" className="text-xs text-slate-600">
            {t('trackerData.import.fileHelp')}
          </p>
        </div>
        <p className="text-sm">
          <span className="font-semibold">{t('trackerData.import.templates')}:</span>{' '}
          <a href="/actions/import/template.csv" download>
            {t('trackerData.import.templateCsv')}
          </a>{' '}
          ·{' '}
          <a href="/actions/import/template.xlsx" download>
            {t('trackerData.import.templateXlsx')}
          </a>
        </p>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('trackerData.import.preview')}
        </button>
      </Form>
    </div>
  );
}

function Preview({ result, busy }: { result: Extract<ActionResult, { stage: 'preview' }>; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card mb-6 space-y-4" aria-labelledby="preview-title">
      <h2 id="preview-title" className="text-lg font-semibold">
        {t('trackerData.import.previewTitle', { file: result.fileName })}
      </h2>
      <p className="text-sm text-slate-700">{t('trackerData.import.rows', { count: result.rowCount })}</p>
      {result.errors.length > 0 ? (
        <div role="alert">
          <h3 className="text-base font-semibold text-red-800">{t('trackerData.import.errorsTitle', { count: result.errors.length })}</h3>
          <p className="mb-2 text-sm text-slate-700">{t('trackerData.import.errorsLead')}</p>
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t('trackerData.import.errorsCaption')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-1 pr-4">
                    {t('trackerData.import.row')}
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    {t('trackerData.import.column')}
                  </th>
                  <th scope="col" className="py-1">
                    {t('trackerData.import.problem')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((error, index) => (
                  <tr key={index} className="border-b border-slate-100 align-top" data-testid="import-error">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {error.row}
                    </th>
                    <td className="py-1 pr-4 font-mono">{error.column ?? '—'}</td>
                    <td className="py-1">{t(error.message, error.params)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <>
          <h3 className="text-base font-semibold">{t('trackerData.import.readyTitle', { count: result.ready.length })}</h3>
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t('trackerData.import.readyCaption', { plan: result.planTitle })}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  {(['row', 'code', 'title', 'owner', 'cbms', 'status', 'due_date'] as const).map((h) => (
                    <th key={h} scope="col" className="py-1 pr-4">
                      {h === 'row' ? t('trackerData.import.row') : <span className="font-mono">{h}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.ready.map((row) => (
                  <tr key={row.row} className="border-b border-slate-100 align-top">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {row.row}
                    </th>
                    <td className="py-1 pr-4">{row.code}</td>
                    <td className="py-1 pr-4">{row.title}</td>
                    <td className="py-1 pr-4">{row.owner}</td>
                    <td className="py-1 pr-4">{row.cbms}</td>
                    <td className="py-1 pr-4">{row.status}</td>
                    <td className="py-1 pr-4">{row.dueDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.pendingId ? (
            <Form method="post" className="flex flex-wrap gap-2">
              <input type="hidden" name="pendingId" value={result.pendingId} />
              <button type="submit" className="btn-primary" disabled={busy}>
                {t('trackerData.import.confirm')}
              </button>
              <Link to={`/actions/import?plan=${encodeURIComponent(result.planId)}`} className="btn-secondary">
                {t('trackerData.import.cancel')}
              </Link>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
