import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { InvitationLink } from '../components/invitation-link.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listPendingInvitations, renewInvitation, revokeInvitation } from '../models/invitation.server.ts';
import { listPeople } from '../models/person.server.ts';
import { canManagePerson } from '../policies/permissions.ts';
import { formatDate } from '../utils/format.ts';
import { deliverInvitation } from '../services/invitation-mail.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'person:list');
  const { db } = args.context.services;
  const includeDeactivated = new URL(args.request.url).searchParams.get('deactivated') === '1';
  const [people, invitations] = await Promise.all([listPeople(db, { includeDeactivated }), listPendingInvitations(db)]);
  return {
    people: people.map((p) => ({ ...p, manageable: canManagePerson(user, p) })),
    invitations,
    includeDeactivated,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'person:invite');
  const { db } = args.context.services;
  const form = await args.request.formData();
  const id = String(form.get('invitationId') ?? '');
  const invitation = (await listPendingInvitations(db)).find((i) => i.id === id);
  if (!invitation) throw new Response('Not Found', { status: 404 });
  if (form.get('intent') === 'revoke') {
    await revokeInvitation(db, user.id, id);
    return redirect('/people?notice=invitation-revoked');
  }
  const token = await renewInvitation(db, user.id, id);
  if (!token) throw new Response('Not Found', { status: 404 });
  const delivered = await deliverInvitation(args.context, args.request, {
    email: invitation.email,
    role: invitation.role,
    institutionName: invitation.institutionName,
    inviterName: user.name,
    token,
  });
  return data({ email: invitation.email, ...delivered });
}

export default function People() {
  const { t, i18n } = useTranslation();
  const { people, invitations, includeDeactivated } = useLoaderData<typeof loader>();
  const renewed = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('people.title')}
        lead={t('people.lead')}
        actions={
          <Link to="/people/invite" className="btn-primary">
            {t('people.invite')}
          </Link>
        }
      />
      {renewed ? <InvitationLink email={renewed.email} link={renewed.link} mailed={renewed.mailed} /> : null}

      <Form method="get" className="mb-3 flex items-center gap-2 text-sm">
        <input id="show-deactivated" type="checkbox" name="deactivated" value="1" defaultChecked={includeDeactivated} />
        <label htmlFor="show-deactivated">{t('people.showDeactivated')}</label>
        <button type="submit" className="btn-secondary">
          {t('common.filter')}
        </button>
        {params.get('deactivated') ? (
          <Link to="/people" className="ml-2">
            {t('common.clear')}
          </Link>
        ) : null}
      </Form>
      <div className="table-frame">
        <table className="data-table stack-table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('common.email')}</th>
              <th scope="col">{t('common.institution')}</th>
              <th scope="col">{t('common.role')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td data-label={t('common.name')} className="font-medium">{person.name}</td>
                <td data-label={t('common.email')} className="break-all">{person.email}</td>
                <td data-label={t('common.institution')}>
                  <Link to={`/institutions/${person.institutionId}`}>{person.institutionName}</Link>
                </td>
                <td data-label={t('common.role')}>{t(`roles.${person.role}`)}</td>
                <td data-label={t('common.status')}>{person.deactivatedAt ? t('common.deactivated') : t('common.active')}</td>
                <td data-label={t('common.actions')}>
                  {person.manageable ? (
                    <Link to={`/people/${person.id}`} aria-label={`${t('people.manage')}: ${person.name}`}>
                      {t('people.manage')}
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="mt-8" aria-labelledby="pending-title">
        <h2 id="pending-title" className="text-lg font-bold">
          {t('people.pendingTitle')}
        </h2>
        {invitations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('people.noPending')}</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="card flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="text-sm">
                  <p className="font-semibold">
                    {invitation.name ? `${invitation.name} · ` : ''}
                    {invitation.email}
                  </p>
                  <p className="text-slate-600">
                    {t(`roles.${invitation.role}`)} · {invitation.institutionName} · {t('people.invitedBy', { name: invitation.invitedByName })} ·{' '}
                    {t('people.expires', { date: formatDate(invitation.expiresAt, i18n.language) })}
                  </p>
                </div>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" name="intent" value="renew" className="btn-secondary" aria-label={t('people.renewLabel', { email: invitation.email })}>
                    {t('people.renew')}
                  </button>
                  <button type="submit" name="intent" value="revoke" className="btn-danger" aria-label={t('people.revokeLabel', { email: invitation.email })}>
                    {t('people.revoke')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
