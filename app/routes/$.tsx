import { notFound } from '../services/session.server.ts';

/**
 * Every address no other route matches. Without this route Remix answers such
 * an address without running the root loader, so its 404 page would not know
 * who is signed in (and offer "Sign in" to someone who is).
 */
export async function loader() {
  throw notFound();
}

// A page route (not a resource route), so the thrown 404 renders the root's error page.
export default function NotFound() {
  return null;
}
