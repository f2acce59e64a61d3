import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CommentsWorkspace } from '../components/comments/comments-workspace.tsx';
import { ConsultationReportLink } from '../components/consultation/report-link.tsx';
import { LanguageFamily } from '../components/language-family.tsx';
import { SectorBadge } from '../components/sector-badge.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { getInstitution } from '../models/institution.server.ts';
import { listParticipants } from '../models/document.server.ts';
import { mayKeepOnDevice } from '../policies/device-copy.ts';
import { threadFilterFrom } from '../schemas/comment.ts';
import { commentPanelData } from '../services/comments.server.ts';
import { suggestionPanelData } from '../services/suggestions.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { languageFamilyPanel } from '../services/language-versions.server.ts';
import { formatDate } from '../utils/format.ts';
import { personColour } from '../utils/person-colour.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { groupName?: string } | undefined;
  return [{ title: `${data?.document.title ?? ''} · ${root?.groupName ?? ''}` }, { name: 'robots', content: 'noindex' }];
};

export async function loader(args: LoaderFunctionArgs) {
  const { user, document, access, canManage, accessContext } = await requireDocumentAccess(args, 'view');
  const { db } = args.context.services;
  const panelDoc = { ...accessContext, status: document.status };
  const [owner, participants, ownInstitution, comments, family, suggestions] = await Promise.all([
    getInstitution(db, document.ownerInstitutionId),
    listParticipants(db, document.id),
    getInstitution(db, user.institutionId),
    commentPanelData(args.context.services, user, { ...accessContext, status: document.status }, threadFilterFrom(new URL(args.request.url).searchParams)),
    languageFamilyPanel(args.context.services, user, accessContext),
    suggestionPanelData(args.context.services, user, panelDoc),
  ]);
  return {
    document,
    ownerName: owner?.name ?? '',
    participants,
    access,
    canManage,
    me: { name: user.name, institution: ownInstitution?.name ?? '', color: personColour(user.id) },
    // Whether this browser may keep the document (and unsent changes) between visits: decision 025.
    device: { personId: user.id, keep: mayKeepOnDevice(access, document.tlp) },
    comments,
    family,
    suggestions,
  };
}

export default function DocumentPage() {
  const { t, i18n } = useTranslation();
  const { document, ownerName, participants, access, canManage, me, comments, family, device, suggestions } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <ConsultationReportLink documentId={document.id} consultationRound={document.consultationRound} />
      <div className="mb-4 flex flex-col gap-3 border-b border-slate-200 pb-4 lg:flex-row lg:items-start lg:justify-between">
        <div>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <TlpBadge tlp={document.tlp} />
            <span>{t(`documentTypes.${document.type}`)}</span>
            <span aria-hidden="true">·</span>
            <StatusBadge status={document.status} />
            <span aria-hidden="true">·</span>
            <span>{t(`documentLanguages.${document.language}`)}</span>
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight" lang={document.language}>
            {document.title}
          </h1>
          {document.summary ? (
            <p className="mt-1 max-w-3xl text-slate-700" lang={document.language}>
              {document.summary}
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-600">
            {t('documents.owner')}: {ownerName} · {t('documents.updated', { date: formatDate(document.updatedAt, i18n.language) })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link to={`/documents/${document.id}/versions`} className="btn-secondary">
            {t('versions.title')}
          </Link>
          <span className="text-sm font-semibold text-slate-700">{t('documents.export')}:</span>
          <a href={`/documents/${document.id}/export?format=html`} className="btn-secondary">
            {t('documents.exportHtml')}
          </a>
          <a href={`/documents/${document.id}/export?format=md`} className="btn-secondary">
            {t('documents.exportMarkdown')}
          </a>
          <a href={`/documents/${document.id}/export?format=docx`} className="btn-secondary" download>
            {t('wordExport.menuLabel')}
          </a>
          <a href={`/documents/${document.id}/export?format=print`} className="btn-secondary">
            {t('documents.exportPrint')}
          </a>
          <Link to={`/documents/${document.id}/workflow`} className="btn-secondary">
            {t('workflow.link')}
          </Link>
          {canManage ? (
            <Link to={`/documents/${document.id}/settings`} className="btn-secondary">
              {t('documents.settings')}
            </Link>
          ) : null}
        </div>
      </div>
      <LanguageFamily documentId={document.id} panel={family} />
      <CommentsWorkspace
        editor={{ documentId: document.id, user: me, canEdit: access === 'edit', label: document.title, language: document.language, device }}
        comments={comments}
        suggestions={suggestions}
      >
        <section aria-labelledby="participants-title" className="space-y-2 text-sm">
          <h2 id="participants-title" className="font-semibold">
            {t('documents.participants')}
          </h2>
          <ul className="space-y-1">
            <li>
              <strong>{ownerName}</strong> <span className="text-slate-600">({t('access.edit')})</span>
            </li>
            {participants.institutions.map((p) => (
              <li key={p.institutionId} className="flex flex-wrap items-center gap-1">
                {p.name} <SectorBadge sector={p.sector} /> <span className="text-slate-600">({t(`access.${p.access}`)})</span>
              </li>
            ))}
            {participants.people.map((p) => (
              <li key={p.userId}>
                {p.name} <span className="text-slate-600">— {p.institutionName} ({t(`access.${p.access}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      </CommentsWorkspace>
    </div>
  );
}
