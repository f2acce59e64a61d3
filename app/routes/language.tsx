import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { isLanguage } from '../i18n.ts';
import { languageCookie } from '../utils/request-language.server.ts';
import { safeRedirect } from '../utils/safe-redirect.ts';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get('lng');
  const to = safeRedirect(form.get('redirectTo'), '/');
  if (!isLanguage(lng)) return redirect(to);
  return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(lng) } });
}
