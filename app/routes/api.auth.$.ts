import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

// better-auth's own endpoints (sessions for API clients); self sign-up is disabled there.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return context.services.auth.handler(request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return context.services.auth.handler(request);
}
