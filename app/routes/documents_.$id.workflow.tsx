import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { POSITIONS, SECTORS, type DocumentStatus, type Position } from '../../db/schema.ts';
import { SectorBadge } from '../components/sector-badge.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { FormErrorSummary, TextAreaField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { editionLabel, latestEdition, listEditionSummaries, nextEditionNumber } from '../models/edition.server.ts';
import { listTransitions, positionTable, recordPosition, WorkflowConflictError } from '../models/workflow.server.ts';
import { canMoveDocument, canPublishFrom, canRecordPosition, canViewAllPositions, isAllowedMove, movesFrom, publicationBlocker } from '../policies/workflow.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { moveDocument, publishDocument } from '../services/document-workflow.server.ts';
import type { FieldErrors } from '../schemas/parse-form.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { formatDateTime } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { forbidden } from '../services/session.server.ts';
import { MoveSchema, PositionSchema, PublishSchema } from '../schemas/workflow.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, 'workflow.pageTitle', { title: data?.document.title ?? '' }),
  { name: 'robots', content: 'noindex' },
];

export async function loader(args: LoaderFunctionArgs) {
  const { user, document, accessContext } = await requireDocumentAccess(args, 'view');
  const { db } = args.context.services;
  const canMove = canMoveDocument(user, accessContext);
  const seesAll = canViewAllPositions(user, accessContext);
  const [transitions, editions, latest, positions] = await Promise.all([
    listTransitions(db, document.id),
    listEditionSummaries(db, document.id),
    latestEdition(db, document.id),
    document.consultationRound > 0 ? positionTable(db, document.id, document.consultationRound) : Promise.resolve([]),
  ]);
  return {
    document: { id: document.id, title: document.title, status: document.status, tlp: document.tlp, slug: document.slug, round: document.consultationRound },
    moves: canMove ? movesFrom(document.status) : [],
    canPublish: canMove && canPublishFrom(document.status),
    next: { minor: latest ? editionLabel(nextEditionNumber(latest, 'minor')) : null, major: editionLabel(nextEditionNumber(latest, 'major')) },
    canRecord: canRecordPosition(user, { ...accessContext, status: document.status }),
    seesAll,
    // Everyone else sees their own institution's row only.
    positions: seesAll ? positions : positions.filter((row) => row.institutionId === user.institutionId),
    ownPosition: positions.find((row) => row.institutionId === user.institutionId) ?? null,
    transitions,
    editions: editions.map((e) => ({ ...e, label: editionLabel(e) })),
  };
}

type ActionErrors = { form: 'move' | 'publish' | 'position'; errors: FieldErrors; values: Record<string, string> };

export async function action(args: ActionFunctionArgs) {
  const { user, document, accessContext } = await requireDocumentAccess(args, 'view');
  const services = args.context.services;
  const form = await args.request.formData();
  const intent = form.get('intent');
  const actor = { id: user.id, name: user.name };
  const ref = { id: document.id, title: document.title, status: document.status };
  // What was typed, so a refused form is shown again as it was.
  const values = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const fail = (which: ActionErrors['form'], errors: FieldErrors, status = 400) => data<ActionErrors>({ form: which, errors, values }, { status });

  if (intent === 'position') {
    if (!canRecordPosition(user, { ...accessContext, status: document.status })) throw forbidden();
    const parsed = parseForm(PositionSchema, form);
    if (!parsed.ok) return fail('position', parsed.errors);
    await recordPosition(services.db, {
      documentId: document.id,
      institutionId: user.institutionId,
      round: document.consultationRound,
      position: parsed.data.position,
      statement: parsed.data.statement,
      actorId: user.id,
    });
    return redirect(`/documents/${document.id}/workflow?notice=position`);
  }

  if (!canMoveDocument(user, accessContext)) throw forbidden();
  try {
    if (intent === 'move') {
      const parsed = parseForm(MoveSchema, form);
      if (!parsed.ok) return fail('move', parsed.errors);
      if (!isAllowedMove(document.status, parsed.data.to)) return fail('move', { to: 'workflow.errors.moveNotAllowed' });
      await moveDocument(services, { document: ref, to: parsed.data.to, note: parsed.data.note, actor });
      return redirect(`/documents/${document.id}/workflow?notice=moved`);
    }
    if (intent === 'publish') {
      const parsed = parseForm(PublishSchema, form);
      if (!parsed.ok) return fail('publish', parsed.errors);
      if (!canPublishFrom(document.status)) return fail('publish', { _form: 'workflow.errors.publishNotAllowed' });
      const reclassification = { confirmed: parsed.data.reclassify === '1', reason: parsed.data.reason };
      const blocker = publicationBlocker(document.tlp, reclassification);
      if (blocker === 'confirm-reclassification') return fail('publish', { reclassify: 'workflow.errors.confirmReclassification' });
      if (blocker === 'reason-required') return fail('publish', { reason: 'workflow.errors.reasonRequired' });
      await publishDocument(services, {
        document: ref,
        bump: parsed.data.bump,
        changelog: parsed.data.changelog,
        reclassification: document.tlp === 'CLEAR' ? null : reclassification,
        actor,
      });
      return redirect(`/documents/${document.id}/workflow?notice=published`);
    }
  } catch (error) {
    if (error instanceof WorkflowConflictError) {
      return fail(intent === 'publish' ? 'publish' : 'move', { _form: 'workflow.errors.conflict' }, 409);
    }
    throw error;
  }
  return fail('move', { _form: 'errors.invalidChoice' });
}

const NOTICES = ['moved', 'published', 'position'] as const;

function WorkflowNotice() {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const notice = params.get('notice');
  if (!NOTICES.some((n) => n === notice)) return null;
  return (
    <div role="status" className="mb-4 rounded border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
      {t(`workflow.notices.${notice}`)}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} role="alert" className="text-sm font-medium text-red-800">
      {t(error)}
    </p>
  );
}

function MoveForm({ moves, errors, values }: { moves: DocumentStatus[]; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <section aria-labelledby="move-title" className="rounded border border-slate-200 p-4">
      <h2 id="move-title" className="text-lg font-semibold">
        {t('workflow.moveTitle')}
      </h2>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="move" />
        <FormErrorSummary errors={errors} />
        <fieldset aria-describedby={errors?.to ? errorId : undefined}>
          <legend className="text-sm font-semibold text-slate-800">{t('workflow.moveTo')}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {moves.map((to, index) => (
              <label key={to} className="flex items-center gap-2 text-sm">
                <input type="radio" name="to" value={to} defaultChecked={values?.to ? values.to === to : index === 0} />
                {t(`workflow.moveLabels.${to}`)}
              </label>
            ))}
          </div>
          <FieldError id={errorId} error={errors?.to} />
        </fieldset>
        <TextAreaField label={t('workflow.note')} name="note" rows={2} maxLength={2000} defaultValue={values?.note} error={errors?.note} help={t('workflow.noteHelp')} />
        <button type="submit" className="btn-primary">
          {t('workflow.move')}
        </button>
      </Form>
    </section>
  );
}

function PublishForm({ tlp, next, errors, values }: { tlp: string; next: { minor: string | null; major: string }; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const reclassifyId = useId();
  const bump = values?.bump ?? 'minor';
  return (
    <section aria-labelledby="publish-title" className="rounded border border-slate-200 p-4">
      <h2 id="publish-title" className="text-lg font-semibold">
        {t('workflow.publishTitle')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('workflow.publishLead')}</p>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="publish" />
        <FormErrorSummary errors={errors} />
        {next.minor ? (
          <fieldset>
            <legend className="text-sm font-semibold text-slate-800">{t('workflow.edition')}</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="bump" value="minor" defaultChecked={bump === 'minor'} />
                {t('workflow.bumpMinor', { edition: next.minor })}
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="bump" value="major" defaultChecked={bump === 'major'} />
                {t('workflow.bumpMajor', { edition: next.major })}
              </label>
            </div>
          </fieldset>
        ) : (
          <p className="text-sm">
            <input type="hidden" name="bump" value="major" />
            {t('workflow.firstEdition', { edition: next.major })}
          </p>
        )}
        <TextAreaField label={t('workflow.changelog')} name="changelog" rows={3} maxLength={4000} required defaultValue={values?.changelog} error={errors?.changelog} help={t('workflow.changelogHelp')} />
        {tlp !== 'CLEAR' ? (
          <div className="space-y-3 rounded border border-amber-400 bg-amber-50 p-3">
            <p className="text-sm font-semibold text-amber-950">{t('workflow.reclassifyWarning', { tlp })}</p>
            <div>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="reclassify"
                  value="1"
                  defaultChecked={values?.reclassify === '1'}
                  aria-invalid={errors?.reclassify ? true : undefined}
                  aria-describedby={errors?.reclassify ? reclassifyId : undefined}
                  className="mt-1"
                />
                <span>{t('workflow.reclassifyConfirm', { tlp })}</span>
              </label>
              <FieldError id={reclassifyId} error={errors?.reclassify} />
            </div>
            <TextAreaField label={t('workflow.reclassifyReason')} name="reason" rows={2} maxLength={1000} required defaultValue={values?.reason} error={errors?.reason} />
          </div>
        ) : null}
        <button type="submit" className="btn-primary">
          {t('workflow.publish')}
        </button>
      </Form>
    </section>
  );
}

function PositionForm({ own, errors, values }: { own: { position: Position | null; statement: string | null } | null; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const errorId = useId();
  const chosen = values?.position ?? own?.position ?? '';
  return (
    <section aria-labelledby="position-title" className="rounded border border-slate-200 p-4">
      <h2 id="position-title" className="text-lg font-semibold">
        {t('workflow.positionFormTitle')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('workflow.positionFormLead')}</p>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="position" />
        <FormErrorSummary errors={errors} />
        <fieldset aria-describedby={errors?.position ? errorId : undefined}>
          <legend className="text-sm font-semibold text-slate-800">
            {t('workflow.position')} <span className="font-normal text-slate-500">({t('common.required')})</span>
          </legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {POSITIONS.map((position) => (
              <label key={position} className="flex items-center gap-2 text-sm">
                <input type="radio" name="position" value={position} defaultChecked={chosen === position} required />
                {t(`workflow.positions.${position}`)}
              </label>
            ))}
          </div>
          <FieldError id={errorId} error={errors?.position} />
        </fieldset>
        <TextAreaField label={t('workflow.statement')} name="statement" rows={3} maxLength={4000} required defaultValue={values?.statement ?? own?.statement ?? ''} error={errors?.statement} />
        <button type="submit" className="btn-primary">
          {t('workflow.recordPosition')}
        </button>
      </Form>
    </section>
  );
}

export default function DocumentWorkflow() {
  const { t, i18n } = useTranslation();
  const { document, moves, canPublish, next, canRecord, seesAll, positions, ownPosition, transitions, editions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (form: ActionErrors['form']) => (actionData?.form === form ? actionData : undefined);
  // A refused form that the page no longer offers (the status changed) still says why.
  const shown = { move: moves.length > 0, publish: canPublish, position: canRecord };
  const orphanError = actionData && !shown[actionData.form] ? actionData.errors._form : undefined;
  const sectors = SECTORS.filter((sector) => positions.some((row) => row.sector === sector));
  const taken = positions.filter((row) => row.position !== null).length;
  return (
    <div className="space-y-6">
      <WorkflowNotice />
      {orphanError ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(orphanError)}
        </div>
      ) : null}
      <PageHeader
        title={t('workflow.pageTitle', { title: document.title })}
        lead={
          <span className="flex flex-wrap items-center gap-2 text-sm">
            {t('workflow.currentStatus')}: <StatusBadge status={document.status} /> <TlpBadge tlp={document.tlp} />
            {document.round > 0 ? <span>{t('workflow.round', { round: document.round })}</span> : null}
          </span>
        }
        actions={
          <Link to={`/documents/${document.id}`} className="btn-secondary">
            {t('workflow.backToDocument')}
          </Link>
        }
      />

      {moves.length > 0 ? <MoveForm moves={moves} errors={errorsFor('move')?.errors} values={errorsFor('move')?.values} /> : null}
      {canPublish ? <PublishForm tlp={document.tlp} next={next} errors={errorsFor('publish')?.errors} values={errorsFor('publish')?.values} /> : null}
      {moves.length === 0 && !canPublish ? <p className="text-sm text-slate-700">{t('workflow.cannotMove')}</p> : null}

      {document.round > 0 ? (
        <section aria-labelledby="positions-title" className="space-y-3">
          <h2 id="positions-title" className="text-lg font-semibold">
            {t('workflow.positionsTitle')}
          </h2>
          {seesAll ? <p className="text-sm text-slate-700">{t('workflow.positionsTaken', { count: taken, total: positions.length })}</p> : <p className="text-sm text-slate-700">{t('workflow.positionsOwnOnly')}</p>}
          {positions.length > 0 ? (
            <div className="overflow-x-auto">
              <table className="data-table">
                <caption className="sr-only">{t('workflow.positionsCaption', { round: document.round })}</caption>
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
                          <td>{row.commented ? t('common.yes') : t('common.no')}</td>
                          <td>{row.position ? <strong>{t(`workflow.positions.${row.position}`)}</strong> : <span className="text-slate-600">{t('workflow.noPosition')}</span>}</td>
                          <td className="max-w-md whitespace-pre-line">{row.statement}</td>
                          <td className="text-slate-700">
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
      ) : null}

      {canRecord ? <PositionForm own={ownPosition} errors={errorsFor('position')?.errors} values={errorsFor('position')?.values} /> : null}

      <section aria-labelledby="editions-title" className="space-y-2">
        <h2 id="editions-title" className="text-lg font-semibold">
          {t('workflow.editionsTitle')}
        </h2>
        {editions.length === 0 ? (
          <p className="text-sm text-slate-700">{t('workflow.noEditions')}</p>
        ) : (
          <table className="data-table">
            <caption className="sr-only">{t('workflow.editionsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workflow.edition')}</th>
                <th scope="col">{t('workflow.publishedAt')}</th>
                <th scope="col">{t('workflow.publishedBy')}</th>
                <th scope="col">{t('workflow.changelog')}</th>
              </tr>
            </thead>
            <tbody>
              {editions.map((edition) => (
                <tr key={edition.id}>
                  <th scope="row" className="font-medium">
                    {document.slug ? <a href={`/publications/${document.slug}/v/${edition.label}`}>{edition.label}</a> : edition.label}
                  </th>
                  <td>{formatDateTime(edition.publishedAt, i18n.language)}</td>
                  <td>{edition.publishedByName}</td>
                  <td className="whitespace-pre-line">{edition.changelog}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="history-title" className="space-y-2">
        <h2 id="history-title" className="text-lg font-semibold">
          {t('workflow.historyTitle')}
        </h2>
        {transitions.length === 0 ? (
          <p className="text-sm text-slate-700">{t('workflow.noHistory')}</p>
        ) : (
          <table className="data-table">
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
                  <td className="whitespace-nowrap">{formatDateTime(move.createdAt, i18n.language)}</td>
                  <td>{move.actorName}</td>
                  <td>{t('workflow.fromTo', { from: t(`documentStatuses.${move.fromStatus}`), to: t(`documentStatuses.${move.toStatus}`) })}</td>
                  <td className="whitespace-pre-line">{move.note}</td>
                  <td>{move.versionNumber !== null ? t('workflow.versionNumber', { number: move.versionNumber }) : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
