import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/**
 * The error boundary of the public reading pages. Being the boundary of the
 * route itself (not the root's) matters for caching: Remix then passes the
 * headers of a thrown 304 to the route's `headers` export, so the 304 carries
 * its ETag and Cache-Control. 5xx errors go on to the root boundary, which
 * shows the request id. `back` is the list the reader is sent back to.
 */
export function PublicErrorBoundary({ back = { href: '/publications', labelKey: 'publications.allPublications' } }: { back?: { href: string; labelKey: string } } = {}) {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status >= 500) throw error;
  const key = error.status === 403 || error.status === 404 ? error.status : 'Other';
  return (
    <div className="card mx-auto max-w-xl">
      <p className="text-sm font-semibold text-slate-500">{error.status}</p>
      <h1 className="mt-1 text-2xl font-bold">{t(`errorPages.title${key}`)}</h1>
      {key === 'Other' ? null : <p className="mt-3 text-slate-700">{t(`errorPages.text${key}`)}</p>}
      <p className="mt-6">
        <a href={back.href} className="btn-secondary">
          {t(back.labelKey)}
        </a>
      </p>
    </div>
  );
}
