import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SectorBadge } from '../components/sector-badge.tsx';
import { Banner, NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { InstitutionActionItems } from '../components/tracker/institution-action-items.tsx';
import { countHiddenItems, listInstitutionItems } from '../services/scoped-reads.server.ts';
import { getInstitution } from '../models/institution.server.ts';
import { listPeople } from '../models/person.server.ts';
import { can } from '../policies/permissions.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { requirePermission, notFound } from '../services/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { groupName?: string } | undefined;
  return [{ title: `${data?.institution.name ?? ''} · ${root?.groupName ?? ''}` }];
};

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'institution:view');
  const { db } = args.context.services;
  const institution = await getInstitution(db, args.params.id ?? '');
  if (!institution || (institution.archivedAt && !can(user, 'institution:view-archived'))) throw notFound();
  const listsItems = can(user, 'action-item:list');
  const [members, actionItems, hiddenItems] = await Promise.all([
    listPeople(db, { institutionId: institution.id }),
    listsItems ? listInstitutionItems(db, user, institution.id, { today: todayInSarajevo() }) : null,
    listsItems ? countHiddenItems(db, user, { ownerInstitutionId: institution.id }) : 0,
  ]);
  return {
    institution,
    actionItems,
    hiddenItems,
    members: members.map(({ id, name, role }) => ({ id, name, role })),
    canEdit: can(user, 'institution:update'),
    canInvite: can(user, 'person:invite') && !institution.archivedAt,
    canManagePeople: can(user, 'person:list'),
  };
}

export default function InstitutionPage() {
  const { t } = useTranslation();
  const { institution, members, actionItems, hiddenItems, canEdit, canInvite, canManagePeople } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={institution.name}
        lead={institution.localName && institution.localName !== institution.name ? institution.localName : undefined}
        actions={
          <>
            {canEdit ? (
              <Link to={`/institutions/${institution.id}/edit`} className="btn-secondary">
                {t('common.edit')}
              </Link>
            ) : null}
            {canInvite ? (
              <Link to={`/people/invite?institutionId=${institution.id}`} className="btn-primary">
                {t('institutions.invitePerson')}
              </Link>
            ) : null}
          </>
        }
      />
      {institution.archivedAt ? (
        <Banner tone="info">{t('institutions.archivedNotice')}</Banner>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        <section className="card md:col-span-1">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="font-semibold text-slate-600">{t('common.sector')}</dt>
              <dd>
                <SectorBadge sector={institution.sector} />
              </dd>
            </div>
            <div>
              <dt className="font-semibold text-slate-600">{t('common.level')}</dt>
              <dd>{institution.level ? t(`levels.${institution.level}`) : t('institutions.noLevel')}</dd>
            </div>
            {institution.acronym ? (
              <div>
                <dt className="font-semibold text-slate-600">{t('institutions.acronym')}</dt>
                <dd>{institution.acronym}</dd>
              </div>
            ) : null}
            {institution.website ? (
              <div>
                <dt className="font-semibold text-slate-600">{t('institutions.website')}</dt>
                <dd className="break-all">
                  <a href={institution.website} rel="noopener noreferrer">
                    {institution.website}
                  </a>
                </dd>
              </div>
            ) : null}
            {institution.contactEmail ? (
              <div>
                <dt className="font-semibold text-slate-600">{t('institutions.contactEmail')}</dt>
                <dd>
                  <a href={`mailto:${institution.contactEmail}`}>{institution.contactEmail}</a>
                </dd>
              </div>
            ) : null}
          </dl>
          {institution.description ? <p className="mt-4 text-sm text-slate-700">{institution.description}</p> : null}
        </section>
        <section className="card md:col-span-2" aria-labelledby="members-title">
          <h2 id="members-title" className="text-lg font-bold">
            {t('institutions.membersTitle')}
          </h2>
          {members.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('institutions.noMembers')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {members.map((member) => (
                <li key={member.id} className="flex items-center justify-between py-2 text-sm">
                  <span>{canManagePeople ? <Link to={`/people/${member.id}`}>{member.name}</Link> : member.name}</span>
                  <span className="text-slate-600">{t(`roles.${member.role}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {actionItems ? <InstitutionActionItems name={institution.name} items={actionItems} hidden={hiddenItems} /> : null}
    </div>
  );
}
