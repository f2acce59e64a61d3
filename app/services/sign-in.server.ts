import type { AppLoadContext } from '@remix-run/node';

/** On success: better-auth's cookies, and the interface language remembered in the person's profile (or null). */
export type SignInResult = { ok: true; headers: Headers; language: string | null } | { ok: false; reason: 'invalid' | 'rate-limited' };

/**
 * Signs in through better-auth's own HTTP endpoint rather than its server API,
 * so its rate limiter and origin checks apply to our form as to any client.
 */
export async function signInWithPassword(context: AppLoadContext, request: Request, email: string, password: string): Promise<SignInResult> {
  const { auth, baseURL } = context.services;
  const headers = new Headers({ 'content-type': 'application/json', origin: new URL(baseURL).origin });
  for (const name of ['x-forwarded-for', 'user-agent']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const response = await auth.handler(
    new Request(new URL('/api/auth/sign-in/email', baseURL), { method: 'POST', headers, body: JSON.stringify({ email, password }) }),
  );
  if (response.status === 429) return { ok: false, reason: 'rate-limited' };
  if (!response.ok) return { ok: false, reason: 'invalid' };
  const body = (await response.clone().json().catch(() => null)) as { user?: { language?: unknown } } | null;
  const language = typeof body?.user?.language === 'string' ? body.user.language : null;
  return { ok: true, headers: cookieHeaders(response), language };
}

/** Carries better-auth's Set-Cookie headers over to our own response. */
export function cookieHeaders(response: Response): Headers {
  const headers = new Headers();
  for (const cookie of response.headers.getSetCookie()) headers.append('Set-Cookie', cookie);
  return headers;
}
