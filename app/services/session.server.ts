import { redirect, type AppLoadContext } from '@remix-run/node';
import { can, type Action } from '../policies/permissions.ts';
import { signedInPerson, type CurrentUser } from './signed-in-person.server.ts';

export type { CurrentUser };

type Args = { request: Request; context: AppLoadContext };

// The root loader and the route's own loader both ask for the person behind a
// request; the session lookup (a database read through better-auth) is done once.
const currentUsers = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The signed-in, active person behind this request, or null for the public. */
export function getCurrentUser(args: Args): Promise<CurrentUser | null> {
  let user = currentUsers.get(args.request);
  if (!user) {
    user = lookUpCurrentUser(args);
    currentUsers.set(args.request, user);
  }
  return user;
}

function lookUpCurrentUser({ request, context }: Args): Promise<CurrentUser | null> {
  return signedInPerson(context.services.auth, request.headers);
}

/** Sends the public to the sign-in page, then back here. */
export async function requireUser(args: Args): Promise<CurrentUser> {
  const user = await getCurrentUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

export function forbidden(): Response {
  return new Response('Forbidden', { status: 403 });
}

export function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

/** Signed in and allowed to perform this action, or a 403 page. */
export async function requirePermission(args: Args, action: Action): Promise<CurrentUser> {
  const user = await requireUser(args);
  if (!can(user, action)) throw forbidden();
  return user;
}
