/**
 * A minimal browser for HTTP tests: fetch with redirect: 'manual' and a
 * cookie jar, so every redirect and Set-Cookie header can be asserted.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseURL: string) {}

  async get(path: string): Promise<Response> {
    return this.request(path, { method: 'GET' });
  }

  /** Posts a form the way a Remix <Form method="post"> does without JavaScript. */
  async post(path: string, fields: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async request(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept', 'text/html');
    headers.set('accept-language', 'en');
    // Like a browser on the portal's own page: state-changing requests need an Origin (server/portal.ts).
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', new URL(this.baseURL).origin);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(new URL(path, this.baseURL), { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }

  private store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(header);
      const expired = cookie.attributes['max-age'] === '0' || (cookie.attributes.expires && Date.parse(cookie.attributes.expires) <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }
}

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; flags such as HttpOnly have the value ''. */
  attributes: Record<string, string>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(';');
  const index = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const part of rest) {
    const [key, ...value] = part.trim().split('=');
    attributes[key.toLowerCase()] = value.join('=');
  }
  return { name: pair.slice(0, index).trim(), value: pair.slice(index + 1).trim(), attributes };
}

/** The Set-Cookie header for one cookie name, parsed, or undefined. */
export function findSetCookie(response: Response, name: string): SetCookie | undefined {
  return response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .find((cookie) => cookie.name === name);
}
