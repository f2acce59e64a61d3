import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { cookieHeaders } from '../services/sign-in.server.ts';

export async function loader() {
  return redirect('/');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const response = await context.services.auth.api.signOut({ headers: request.headers, asResponse: true });
  return redirect('/login?notice=signed-out', { headers: cookieHeaders(response) });
}
