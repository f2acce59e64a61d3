import type { LoaderFunctionArgs } from '@remix-run/node';

/** Crawlers may read the public pages; the members' area needs a sign-in anyway. */
export function loader({ context }: LoaderFunctionArgs) {
  const sitemap = new URL('/sitemap.xml', context.services.baseURL).href;
  const body = ['User-agent: *', 'Disallow: /api/', 'Disallow: /login', 'Disallow: /invite/', 'Allow: /', '', `Sitemap: ${sitemap}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
}
