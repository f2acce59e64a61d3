import {
  data,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES } from '../../db/schema.ts';
import { ActionNotice } from '../components/action-notice.tsx';
import { formatAmount, formatBytes, formatNumber, historyFieldLabel, historyValue, OverdueMarker, ProgressBar } from '../components/action-item-parts.tsx';
import { SectorBadge } from '../components/sector-badge.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { FormErrorSummary, SelectField, TextAreaField, TextField } from '../components/ui/field.tsx';
import { ActionItemInputError, getActionItem } from '../models/action-item.server.ts';
import { addActionComment, historyNames, listActionComments, listActionItemChanges, listActionUpdates, postProgressUpdate, type EvidenceInput } from '../models/action-update.server.ts';
import { isOverdue, todayInSarajevo } from '../utils/action-dates.ts';
import { requireActionItem } from '../services/action-item-access.server.ts';
import { commentSchema, formFields, MAX_EVIDENCE_LINKS, parseProgressUpdateForm } from '../schemas/action-item.ts';
import { createEvidenceUploads, EvidenceRequestTooLargeError, evidenceDir } from '../services/evidence-storage.server.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { formatDate, formatDateTime } from '../utils/format.ts';
import { notFound } from '../services/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { groupName?: string } | undefined;
  return [{ title: `${data ? `${data.item.code} ${data.item.title}` : ''} · ${root?.groupName ?? ''}` }, { name: 'robots', content: 'noindex' }];
};

export async function loader(args: LoaderFunctionArgs) {
  const { itemId, rights } = await requireActionItem(args, 'read');
  const { db } = args.context.services;
  const [item, updates, changes, comments] = await Promise.all([getActionItem(db, itemId), listActionUpdates(db, itemId), listActionItemChanges(db, itemId), listActionComments(db, itemId)]);
  if (!item) throw notFound();
  const names = await historyNames(
    db,
    changes.flatMap((c) => c.changes),
  );
  const today = todayInSarajevo();
  return { item, updates, changes, names, comments, rights, today, overdue: isOverdue(item, today) };
}

type UpdateResult = { intent: 'update' | 'comment'; errors: FieldErrors; values: Record<string, string[]> };

function refused(intent: UpdateResult['intent'], errors: FieldErrors, values: Record<string, string[]>, status = 400) {
  return data<UpdateResult>({ intent, errors, values }, { status });
}

/** Text fields are small; files go through the evidence handler and never into memory. */
const TEXT_PART_BYTES = 100_000;

async function progressUpdate(args: ActionFunctionArgs, given: FormData | null) {
  // Rights first: nobody else gets to send files to disk.
  const { user, itemId } = await requireActionItem(args, 'updateProgress');
  const { db, env } = args.context.services;
  const uploads = createEvidenceUploads(evidenceDir(env));
  let form: FormData;
  try {
    form =
      given ??
      (await unstable_parseMultipartFormData(args.request, unstable_composeUploadHandlers(uploads.handler, unstable_createMemoryUploadHandler({ maxPartSize: TEXT_PART_BYTES }))));
  } catch (error) {
    await uploads.removeAll();
    if (error instanceof EvidenceRequestTooLargeError) return refused('update', { evidenceFile: 'actions.errors.requestTooLarge' }, {}, 413);
    if (error instanceof MaxPartSizeExceededError) return refused('update', { _form: 'errors.tooLong' }, {}, 413);
    throw error;
  }
  const { values } = formFields(form);
  const parsed = parseProgressUpdateForm(form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (uploads.rejected.some((r) => r.reason === 'tooLarge')) errors.evidenceFile = 'actions.errors.fileTooLarge';
  else if (uploads.rejected.some((r) => r.reason === 'tooMany')) errors.evidenceFile = 'actions.errors.tooManyFiles';
  if (!parsed.ok || Object.keys(errors).length > 0) {
    await uploads.removeAll();
    return refused('update', errors, values, errors.evidenceFile === 'actions.errors.fileTooLarge' ? 413 : 400);
  }
  const input = parsed.data;
  const evidence: EvidenceInput[] = [
    ...input.evidenceUrls.map((url) => ({ kind: 'link' as const, url, description: input.evidenceDescription })),
    ...uploads.uploads.map((file) => ({ kind: 'file' as const, ...file, description: input.evidenceDescription })),
  ];
  try {
    await postProgressUpdate(db, {
      itemId,
      authorId: user.id,
      institutionId: user.institutionId,
      date: input.date,
      body: input.body,
      status: input.status,
      progress: input.progress,
      indicators: input.indicators,
      evidence,
    });
  } catch (error) {
    // The rows were rolled back; the files they would have pointed at go too.
    await uploads.removeAll();
    if (error instanceof ActionItemInputError) return refused('update', error.errors, values);
    throw error;
  }
  return redirect(`/actions/${itemId}?notice=updated#timeline`);
}

async function comment(args: ActionFunctionArgs, form: FormData) {
  const { user, itemId } = await requireActionItem(args, 'comment');
  const parsed = parseForm(commentSchema, form);
  if (!parsed.ok) return refused('comment', parsed.errors, formFields(form).values);
  await addActionComment(args.context.services.db, { itemId, authorId: user.id, institutionId: user.institutionId, body: parsed.data.body });
  return redirect(`/actions/${itemId}?notice=commented#comments`);
}

export async function action(args: ActionFunctionArgs) {
  const contentType = args.request.headers.get('content-type') ?? '';
  // Only the progress form sends files; it is read as a stream after the rights check.
  if (contentType.startsWith('multipart/form-data')) return progressUpdate(args, null);
  await requireActionItem(args, 'read');
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'update') return progressUpdate(args, form);
  if (intent === 'comment') return comment(args, form);
  throw new Response('Bad Request', { status: 400 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Overview({ item, overdue }: { item: LoaderData['item']; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  const pillarName = i18n.language === 'bs' ? item.pillarNameBs : item.pillarName;
  return (
    <section aria-labelledby="overview-title" className="card space-y-4">
      <h2 id="overview-title" className="text-lg font-semibold">
        {t('actions.item.overview')}
      </h2>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold text-slate-700">{t('actions.item.owner')}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <Link to={`/institutions/${item.ownerInstitutionId}`}>{item.ownerName}</Link> <SectorBadge sector={item.ownerSector} />
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.supporters')}</dt>
        <dd>
          {item.supporters.length === 0 ? (
            t('actions.item.none')
          ) : (
            <ul className="space-y-1">
              {item.supporters.map((s) => (
                <li key={s.id}>
                  <Link to={`/institutions/${s.id}`}>{s.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.plan')}</dt>
        <dd>
          <Link to={`/documents/${item.planId}`}>{item.planTitle}</Link>
          {item.sectionRef ? <span className="block text-slate-600">{t('actions.item.section', { section: item.sectionRef })}</span> : null}
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.pillar')}</dt>
        <dd>{item.pillarCode ? `${item.pillarCode}. ${pillarName ?? ''}` : t('actions.item.notSet')}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.cbms')}</dt>
        <dd>
          <ul className="space-y-1" data-testid="item-cbms">
            {item.cbms.map((cbm) => (
              <li key={cbm.number}>
                <Link to={`/cbms/${cbm.number}`}>{t('actions.form.cbmLabel', { number: cbm.number, title: cbm.title })}</Link>
                {cbm.primary ? <strong className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs uppercase">{t('actions.item.primary')}</strong> : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.dates')}</dt>
        <dd>
          {item.startDate || item.dueDate ? (
            <>
              {item.startDate ? <span className="mr-3">{t('actions.item.start', { date: formatDate(item.startDate, i18n.language) })}</span> : null}
              {item.dueDate ? <span>{t('actions.item.due', { date: formatDate(item.dueDate, i18n.language) })}</span> : null}
              {overdue ? <OverdueMarker /> : null}
            </>
          ) : (
            t('actions.item.noDates')
          )}
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.priority')}</dt>
        <dd>{t(`actions.priorities.${item.priority}`)}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.budget')}</dt>
        <dd>{item.budgetAmount !== null ? formatAmount(item.budgetAmount, item.budgetCurrency, i18n.language) : t('actions.item.notSet')}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.funding')}</dt>
        <dd>{item.fundingSource ? t(`actions.fundingSources.${item.fundingSource}`) : t('actions.item.notSet')}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.tags')}</dt>
        <dd>
          {item.tags.length === 0 ? (
            t('actions.item.none')
          ) : (
            <ul className="flex flex-wrap gap-1">
              {item.tags.map((tag) => (
                <li key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <ProgressBar value={item.progress} label={t('actions.item.progressLabel')} />
      {item.description ? <p className="whitespace-pre-line text-slate-800">{item.description}</p> : null}
    </section>
  );
}

function Indicators({ item }: { item: LoaderData['item'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="indicators-title" className="space-y-2">
      <h2 id="indicators-title" className="text-lg font-semibold">
        {t('actions.item.indicators')}
      </h2>
      {item.indicators.length === 0 ? (
        <p className="text-sm text-slate-600">{t('actions.item.noIndicators')}</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t('actions.item.indicatorsCaption')}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="py-1 pr-3">
                {t('actions.item.indicatorName')}
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                {t('actions.item.baseline')}
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                {t('actions.item.target')}
              </th>
              <th scope="col" className="py-1 text-right">
                {t('actions.item.current')}
              </th>
            </tr>
          </thead>
          <tbody>
            {item.indicators.map((indicator) => (
              <tr key={indicator.id} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 text-left font-normal">
                  {indicator.name}
                  {indicator.unit ? <span className="text-slate-600"> ({indicator.unit})</span> : null}
                </th>
                <td className="py-1 pr-3 text-right">{formatNumber(indicator.baseline, i18n.language)}</td>
                <td className="py-1 pr-3 text-right">{formatNumber(indicator.target, i18n.language)}</td>
                <td className="py-1 text-right">{formatNumber(indicator.current, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProgressUpdateForm({ item, today, result }: { item: LoaderData['item']; today: string; result?: UpdateResult }) {
  const { t } = useTranslation();
  const errors = result?.intent === 'update' ? result.errors : undefined;
  const values = result?.intent === 'update' ? result.values : {};
  const one = (key: string, fallback: string) => values[key]?.[0] ?? fallback;
  return (
    <section aria-labelledby="update-title" className="card space-y-3">
      <h2 id="update-title" className="text-lg font-semibold">
        {t('actions.update.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('actions.update.lead')}</p>
      <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
        <input type="hidden" name="intent" value="update" />
        <FormErrorSummary errors={errors} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('actions.update.date')} name="date" type="date" required defaultValue={one('date', today)} error={errors?.date} />
          <SelectField
            label={t('actions.update.status')}
            name="status"
            required
            defaultValue={one('status', item.status)}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actions.statuses.${s}`) }))}
            error={errors?.status}
            help={t('actions.update.completedHelp')}
          />
          <TextField label={t('actions.update.progress')} name="progress" type="number" required defaultValue={one('progress', String(item.progress))} error={errors?.progress} />
        </div>
        <TextAreaField label={t('actions.update.body')} name="body" required rows={4} defaultValue={one('body', '')} error={errors?.body} maxLength={5000} />
        {item.indicators.length > 0 ? (
          <fieldset className="space-y-2 rounded border border-slate-200 p-4">
            <legend className="px-1 font-semibold">{t('actions.update.indicatorsLegend')}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {item.indicators.map((indicator) => (
                <TextField
                  key={indicator.id}
                  label={t('actions.update.indicatorValue', { name: indicator.name, unit: indicator.unit || '—' })}
                  name={`indicator.${indicator.id}`}
                  defaultValue={one(`indicator.${indicator.id}`, indicator.current === null ? '' : String(indicator.current))}
                  error={errors?.[`indicator.${indicator.id}`]}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <fieldset className="space-y-3 rounded border border-slate-200 p-4">
          <legend className="px-1 font-semibold">{t('actions.update.evidenceLegend')}</legend>
          <p className="text-sm text-slate-600">{t('actions.update.evidenceHelp')}</p>
          {errors?.evidenceUrls ? (
            <p className="text-sm font-medium text-red-800" role="alert">
              {t(errors.evidenceUrls)}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-3">
            {Array.from({ length: MAX_EVIDENCE_LINKS }, (_, i) => (
              <TextField key={i} label={t('actions.update.link', { number: i + 1 })} name="evidenceUrl" type="url" defaultValue={values.evidenceUrl?.[i] ?? ''} maxLength={1000} />
            ))}
          </div>
          <div className="space-y-1">
            <label htmlFor="evidence-files" className="block text-sm font-semibold text-slate-800">
              {t('actions.update.files')}
            </label>
            <input
              id="evidence-files"
              name="evidenceFile"
              type="file"
              multiple
              aria-invalid={errors?.evidenceFile ? true : undefined}
              aria-describedby={errors?.evidenceFile ? 'evidence-files-error' : undefined}
              className="block text-sm"
            />
            {errors?.evidenceFile ? (
              <p id="evidence-files-error" className="text-sm font-medium text-red-800" role="alert">
                {t(errors.evidenceFile)}
              </p>
            ) : null}
          </div>
          <TextField label={t('actions.update.description')} name="evidenceDescription" defaultValue={one('evidenceDescription', '')} error={errors?.evidenceDescription} maxLength={300} />
        </fieldset>
        <button type="submit" className="btn-primary">
          {t('actions.update.submit')}
        </button>
      </Form>
    </section>
  );
}

function Timeline({ itemId, updates }: { itemId: string; updates: LoaderData['updates'] }) {
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

function Comments({ comments, canComment, result }: { comments: LoaderData['comments']; canComment: boolean; result?: UpdateResult }) {
  const { t, i18n } = useTranslation();
  const errors = result?.intent === 'comment' ? result.errors : undefined;
  return (
    <section id="comments" aria-labelledby="comments-title" className="space-y-3">
      <h2 id="comments-title" className="text-lg font-semibold">
        {t('actions.item.comments')}
      </h2>
      {comments.length === 0 ? (
        <p className="text-sm text-slate-600">{t('actions.item.noComments')}</p>
      ) : (
        <ul className="space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="rounded border border-slate-200 p-3">
              <p className="text-sm text-slate-600">
                {t('actions.item.commentBy', { name: c.authorName, institution: c.institutionName })} · {formatDateTime(c.createdAt, i18n.language)}
              </p>
              <p className="whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment ? (
        <Form method="post" className="space-y-2" noValidate>
          <input type="hidden" name="intent" value="comment" />
          <TextAreaField label={t('actions.item.commentLabel')} name="body" required rows={3} defaultValue={result?.intent === 'comment' ? result.values.body?.[0] : ''} error={errors?.body} maxLength={4000} />
          <button type="submit" className="btn-secondary">
            {t('actions.item.postComment')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function History({ changes, names }: { changes: LoaderData['changes']; names: LoaderData['names'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="history-title" className="space-y-2">
      <h2 id="history-title" className="text-lg font-semibold">
        {t('actions.item.history')}
      </h2>
      {changes.length === 0 ? (
        <p className="text-sm text-slate-600">{t('actions.item.noHistory')}</p>
      ) : (
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
                          <span className="text-slate-600">({t('actions.item.via', { source: t(`actions.sources.${change.source}`, { defaultValue: change.source }) })})</span>
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
      )}
    </section>
  );
}

export default function ActionItemPage() {
  const { t, i18n } = useTranslation();
  const { item, updates, changes, names, comments, rights, today, overdue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <ActionNotice />
      <div className="flex flex-col gap-3 border-b border-slate-200 pb-4 lg:flex-row lg:items-start lg:justify-between">
        <div>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <TlpBadge tlp={item.tlp} />
            <span data-testid="item-status">{t(`actions.statuses.${item.status}`)}</span>
            <span aria-hidden="true">·</span>
            <span>
              {t('actions.fields.priority')}: {t(`actions.priorities.${item.priority}`)}
            </span>
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight">
            <span className="mr-2 font-mono text-slate-600">{item.code}</span>
            {item.title}
          </h1>
          <p className="mt-1 text-xs text-slate-600">
            {t('actions.item.created', { name: item.createdByName ?? t('actions.item.system'), date: formatDate(item.createdAt, i18n.language) })}{' '}
            {t('actions.item.lastUpdate', { date: formatDate(item.lastUpdateAt, i18n.language) })}
          </p>
        </div>
        {rights.edit ? (
          <Link to={`/actions/${item.id}/edit`} className="btn-secondary">
            {t('actions.item.edit')}
          </Link>
        ) : null}
      </div>
      <Overview item={item} overdue={overdue} />
      <Indicators item={item} />
      {rights.updateProgress ? <ProgressUpdateForm item={item} today={today} result={result} /> : null}
      {!rights.updateProgress && !rights.edit ? <p className="text-sm text-slate-600">{t('actions.item.readOnly')}</p> : null}
      <Timeline itemId={item.id} updates={updates} />
      <Comments comments={comments} canComment={rights.comment} result={result} />
      <History changes={changes} names={names} />
    </div>
  );
}
