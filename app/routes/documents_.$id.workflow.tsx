import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ConsultationReportLink } from '../components/consultation/report-link.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { Banner, NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { EditionsTable } from '../components/workflow/editions-table.tsx';
import { MoveForm } from '../components/workflow/move-form.tsx';
import { PositionForm } from '../components/workflow/position-form.tsx';
import { PositionsTable } from '../components/workflow/positions-table.tsx';
import { PublishForm } from '../components/workflow/publish-form.tsx';
import { PendingSuggestions } from '../components/suggestions/pending-suggestions.tsx';
import { TransitionsTable } from '../components/workflow/transitions-table.tsx';
import { latestEdition, listEditionSummaries, nextEditionNumber } from '../models/edition.server.ts';
import { editionNumber } from '../models/publication.server.ts';
import { listTransitions, positionTable, recordPosition, WorkflowConflictError } from '../models/workflow.server.ts';
import { countPendingSuggestions, listSuggestions } from '../models/suggestion.server.ts';
import { canMoveDocument, canPublishFrom, canRecordPosition, canViewAllPositions, isAllowedMove, movesFrom, publicationBlocker } from '../policies/workflow.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { moveDocument, publishDocument } from '../services/document-workflow.server.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { forbidden } from '../services/session.server.ts';
import { MoveSchema, PositionSchema, PublishSchema } from '../schemas/workflow.ts';
import { formatDate } from '../utils/format.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, 'workflow.pageTitle', { title: data?.document.title ?? '' }),
  { name: 'robots', content: 'noindex' },
];

export async function loader(args: LoaderFunctionArgs) {
  const { user, document, accessContext } = await requireDocumentAccess(args, 'view');
  const { db } = args.context.services;
  const canMove = canMoveDocument(user, accessContext);
  const seesAll = canViewAllPositions(user, accessContext);
  const [transitions, editions, latest, positions, pendingSuggestions] = await Promise.all([
    listTransitions(db, document.id),
    listEditionSummaries(db, document.id),
    latestEdition(db, document.id),
    document.consultationRound > 0 ? positionTable(db, document.id, document.consultationRound) : Promise.resolve([]),
    listSuggestions(db, document.id, { status: ['pending'] }),
  ]);
  return {
    document: { id: document.id, title: document.title, status: document.status, tlp: document.tlp, slug: document.slug, round: document.consultationRound, deadline: document.status === 'consultation' ? document.consultationDeadline : null },
    moves: canMove ? movesFrom(document.status) : [],
    canPublish: canMove && canPublishFrom(document.status),
    next: { minor: latest ? editionNumber(nextEditionNumber(latest, 'minor')) : null, major: editionNumber(nextEditionNumber(latest, 'major')) },
    canRecord: canRecordPosition(user, { ...accessContext, status: document.status }),
    seesAll,
    // Everyone else sees their own institution's row only.
    positions: seesAll ? positions : positions.filter((row) => row.institutionId === user.institutionId),
    ownPosition: positions.find((row) => row.institutionId === user.institutionId) ?? null,
    transitions,
    editions: editions.map((e) => ({ ...e, label: editionNumber(e) })),
    // They block publishing: listed with a link to each.
    pendingSuggestions: pendingSuggestions.map((row) => ({ id: row.id, quote: row.quote, institutionName: row.institutionName })),
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
      const deadline = parsed.data.to === 'consultation' ? parsed.data.deadline : null;
      await moveDocument(services, { document: ref, to: parsed.data.to, note: parsed.data.note, actor, deadline });
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
      if ((await countPendingSuggestions(services.db, document.id)) > 0) return fail('publish', { _form: 'suggestions.errors.pendingBeforePublish' }, 409);
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
    if (error instanceof WorkflowConflictError && error.reason === 'suggestions-pending') {
      return fail('publish', { _form: 'suggestions.errors.pendingBeforePublish' }, 409);
    }
    if (error instanceof WorkflowConflictError) {
      return fail(intent === 'publish' ? 'publish' : 'move', { _form: 'workflow.errors.conflict' }, 409);
    }
    throw error;
  }
  return fail('move', { _form: 'errors.invalidChoice' });
}

export default function DocumentWorkflow() {
  const { t, i18n } = useTranslation();
  const { document, moves, canPublish, next, canRecord, seesAll, positions, ownPosition, transitions, editions, pendingSuggestions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (form: ActionErrors['form']) => (actionData?.form === form ? actionData : undefined);
  // A refused form that the page no longer offers (the status changed) still says why.
  const shown = { move: moves.length > 0, publish: canPublish, position: canRecord };
  const orphanError = actionData && !shown[actionData.form] ? actionData.errors._form : undefined;
  return (
    <div className="space-y-6">
      <NoticeBanner scope="workflow.notices" />
      <ConsultationReportLink documentId={document.id} consultationRound={document.round} />
      {orphanError ? <Banner tone="error">{t(orphanError)}</Banner> : null}
      <PageHeader
        title={t('workflow.pageTitle', { title: document.title })}
        lead={
          <span className="flex flex-wrap items-center gap-2 text-sm">
            {t('workflow.currentStatus')}: <StatusBadge status={document.status} /> <TlpBadge tlp={document.tlp} />
            {document.round > 0 ? <span>{t('workflow.round', { round: document.round })}</span> : null}
            {document.deadline ? <span data-testid="consultation-deadline">{t('workflow.deadlineOn', { date: formatDate(document.deadline, i18n.language) })}</span> : null}
          </span>
        }
        actions={
          <Link to={`/documents/${document.id}`} className="btn-secondary">
            {t('workflow.backToDocument')}
          </Link>
        }
      />

      {moves.length > 0 ? <MoveForm moves={moves} errors={errorsFor('move')?.errors} values={errorsFor('move')?.values} /> : null}
      <PendingSuggestions documentId={document.id} items={pendingSuggestions} />
      {canPublish ? <PublishForm tlp={document.tlp} next={next} errors={errorsFor('publish')?.errors} values={errorsFor('publish')?.values} /> : null}
      {moves.length === 0 && !canPublish ? <p className="text-sm text-slate-700">{t('workflow.cannotMove')}</p> : null}

      {document.round > 0 ? <PositionsTable round={document.round} positions={positions} seesAll={seesAll} /> : null}

      {canRecord ? <PositionForm own={ownPosition} errors={errorsFor('position')?.errors} values={errorsFor('position')?.values} /> : null}

      <EditionsTable slug={document.slug} editions={editions} />
      <TransitionsTable transitions={transitions} />
    </div>
  );
}
