import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { hashPassword } from 'better-auth/crypto';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary, TextField } from '../components/ui/field.tsx';
import { acceptInvitation, findUsableInvitation } from '../models/invitation.server.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { AcceptInvitationSchema } from '../schemas/portal.ts';
import { signInWithPassword } from '../services/sign-in.server.ts';

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, 'invite.title'), { name: 'robots', content: 'noindex' }];

const GONE = { status: 410 } as const;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findUsableInvitation(context.services.db, params.token ?? '');
  if (!invitation) return data({ invitation: null }, GONE);
  const { email, name, role, institutionName } = invitation;
  return { invitation: { email, name, role, institutionName } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? '';
  const parsed = parseForm(AcceptInvitationSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, gone: false }, { status: 400 });
  const result = await acceptInvitation(context.services.db, token, {
    name: parsed.data.name,
    passwordHash: await hashPassword(parsed.data.password),
  });
  if (!result.ok) {
    if (result.reason === 'invalid') return data({ errors: undefined, values: undefined, gone: true }, GONE);
    return data({ errors: { _form: 'errors.emailTaken' } as FieldErrors, values: { name: parsed.data.name } as Record<string, string>, gone: false }, { status: 409 });
  }
  const signIn = await signInWithPassword(context, request, result.email, parsed.data.password);
  return redirect(signIn.ok ? '/dashboard?notice=welcome' : '/login', signIn.ok ? { headers: signIn.headers } : undefined);
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!invitation || actionData?.gone) {
    return (
      <div className="card mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">{t('invite.invalidTitle')}</h1>
        <p className="mt-2 text-slate-700">{t('invite.invalidText')}</p>
      </div>
    );
  }
  return (
    <div className="card mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t('invite.title')}</h1>
      <p className="mt-1 text-slate-700">{t('invite.lead', { role: t(`roles.${invitation.role}`), institution: invitation.institutionName })}</p>
      <Form method="post" className="mt-5 space-y-4" noValidate>
        <FormErrorSummary errors={actionData?.errors} />
        <TextField label={t('invite.email')} name="email" type="email" autoComplete="username" defaultValue={invitation.email} readOnly />
        <TextField
          label={t('invite.name')}
          name="name"
          required
          autoComplete="name"
          defaultValue={actionData?.values?.name ?? invitation.name}
          error={actionData?.errors?.name}
        />
        <TextField
          label={t('invite.password')}
          name="password"
          type="password"
          required
          autoComplete="new-password"
          help={t('invite.passwordHelp')}
          error={actionData?.errors?.password}
        />
        <TextField label={t('invite.confirm')} name="confirm" type="password" required autoComplete="new-password" error={actionData?.errors?.confirm} />
        <button type="submit" className="btn-primary w-full">
          {t('invite.submit')}
        </button>
      </Form>
    </div>
  );
}
