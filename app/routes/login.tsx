import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { clearDeviceCopies } from '../components/editor/device-copy-storage.client.ts';
import { FormErrorSummary, TextField } from '../components/ui/field.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { isLanguage } from '../i18n.ts';
import { languageCookie } from '../utils/request-language.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { safeRedirect } from '../utils/safe-redirect.ts';
import { SignInSchema } from '../schemas/portal.ts';
import { getCurrentUser } from '../services/session.server.ts';
import { signInWithPassword } from '../services/sign-in.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'login.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getCurrentUser({ request, context })) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(SignInSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const result = await signInWithPassword(context, request, email, password);
  if (!result.ok) {
    const error = result.reason === 'rate-limited' ? 'errors.tooManyAttempts' : 'errors.invalidCredentials';
    return data(
      { errors: { _form: error, password: error } as FieldErrors, values: { email } as Record<string, string> },
      { status: result.reason === 'rate-limited' ? 429 : 401 },
    );
  }
  // The language the person chose before, on any device, is theirs again from this page on.
  if (isLanguage(result.language)) result.headers.append('Set-Cookie', await languageCookie.serialize(result.language));
  return redirect(safeRedirect(redirectTo), { headers: result.headers });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  // Nobody is signed in here (the loader sends signed-in people on), so no document kept on this
  // device has an owner who may read it: the fallback for a session that ended without signing out.
  useEffect(() => {
    clearDeviceCopies().catch((error: unknown) => console.error(error));
  }, []);
  return (
    <div className="mx-auto max-w-md">
      <NoticeBanner />
      <div className="card">
        <h1 className="text-2xl font-bold">{t('login.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">{t('login.lead')}</p>
        <Form method="post" className="mt-5 space-y-4" noValidate>
          <FormErrorSummary errors={actionData?.errors} />
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
          <TextField
            label={t('login.email')}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.values?.email}
            error={actionData?.errors?.email}
          />
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={actionData?.errors?.password}
          />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === 'submitting'}>
            {t('login.submit')}
          </button>
        </Form>
        <p className="mt-4 text-sm text-slate-600">{t('login.noAccount')}</p>
      </div>
    </div>
  );
}
