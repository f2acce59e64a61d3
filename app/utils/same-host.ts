/** Does this `Origin` header name the host the request was sent to? A malformed origin never does. */
export function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
