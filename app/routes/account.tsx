import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary, TextField } from '../components/ui/field.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listSessionsForUser, revokeSessionForUser } from '../models/account-session.server.ts';
import { getInstitution } from '../models/institution.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { ChangePasswordSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';
import { cookieHeaders } from '../services/sign-in.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'account:manage-own');
  const { db } = args.context.services;
  const [sessions, institution] = await Promise.all([listSessionsForUser(db, user.id), getInstitution(db, user.institutionId)]);
  return {
    profile: { name: user.name, email: user.email, role: user.role, institutionName: institution?.name ?? '' },
    sessions: sessions.map((s) => ({ ...s, current: s.id === user.sessionId })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'account:manage-own');
  const { db, auth } = args.context.services;
  const form = await args.request.formData();

  if (form.get('intent') === 'revoke-session') {
    const sessionId = String(form.get('sessionId') ?? '');
    // Only a session of one's own is ended, and then its open editors too.
    if (await revokeSessionForUser(db, user.id, sessionId)) args.context.services.collab.closeSession(sessionId);
    return redirect('/account?notice=session-revoked');
  }

  const parsed = parseForm(ChangePasswordSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const response = await auth.api.changePassword({
    headers: args.request.headers,
    body: { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, revokeOtherSessions: true },
    asResponse: true,
  });
  if (!response.ok) return data({ errors: { currentPassword: 'errors.wrongPassword' } as FieldErrors }, { status: 400 });
  return redirect('/account?notice=password-changed', { headers: cookieHeaders(response) });
}

export default function Account() {
  const { t, i18n } = useTranslation();
  const { profile, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <NoticeBanner />
      <PageHeader title={t('account.title')} />
      <section className="card max-w-2xl" aria-labelledby="profile-title">
        <h2 id="profile-title" className="text-lg font-bold">
          {t('account.profile')}
        </h2>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold text-slate-600">{t('common.name')}</dt>
          <dd>{profile.name}</dd>
          <dt className="font-semibold text-slate-600">{t('common.email')}</dt>
          <dd>{profile.email}</dd>
          <dt className="font-semibold text-slate-600">{t('common.institution')}</dt>
          <dd>{profile.institutionName}</dd>
          <dt className="font-semibold text-slate-600">{t('common.role')}</dt>
          <dd>{t(`roles.${profile.role}`)}</dd>
        </dl>
      </section>

      <section className="card max-w-2xl" aria-labelledby="password-title">
        <h2 id="password-title" className="text-lg font-bold">
          {t('account.passwordTitle')}
        </h2>
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <FormErrorSummary errors={actionData?.errors} />
          <input type="hidden" name="username" autoComplete="username" value={profile.email} />
          <TextField
            label={t('account.currentPassword')}
            name="currentPassword"
            type="password"
            required
            autoComplete="current-password"
            error={actionData?.errors?.currentPassword}
          />
          <TextField
            label={t('account.newPassword')}
            name="newPassword"
            type="password"
            required
            autoComplete="new-password"
            help={t('invite.passwordHelp')}
            error={actionData?.errors?.newPassword}
          />
          <TextField
            label={t('account.confirmPassword')}
            name="confirmPassword"
            type="password"
            required
            autoComplete="new-password"
            error={actionData?.errors?.confirmPassword}
          />
          <button type="submit" name="intent" value="change-password" className="btn-primary">
            {t('account.changePassword')}
          </button>
        </Form>
      </section>

      <section className="card max-w-2xl" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-lg font-bold">
          {t('account.sessionsTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('account.sessionsLead')}</p>
        <ul className="mt-3 divide-y divide-slate-200" data-testid="sessions">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
              <div>
                <p className="font-medium">
                  {session.userAgent ?? t('account.unknownDevice')}
                  {session.current ? (
                    <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900">{t('account.thisSession')}</span>
                  ) : null}
                </p>
                <p className="text-slate-600">
                  {t('account.started', { date: formatDateTime(session.createdAt, i18n.language) })}
                  {session.ipAddress ? ` · ${session.ipAddress}` : ''}
                </p>
              </div>
              {session.current ? null : (
                <Form method="post">
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="revoke-session"
                    className="btn-secondary"
                    aria-label={t('account.revokeLabel', { date: formatDateTime(session.createdAt, i18n.language) })}
                  >
                    {t('account.revoke')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
