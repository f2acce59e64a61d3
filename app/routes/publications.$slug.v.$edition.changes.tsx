import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PublicErrorBoundary } from '../components/public-error.tsx';
import { DiffView } from '../components/diff-view.tsx';
import { editionNumber, getPublicEdition } from '../models/publication.server.ts';
import { formatDate } from '../utils/format.ts';
import { cachedRouteHeaders, publicCacheHeaders } from '../utils/http-cache.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { publicationPath } from '../content/publication-html.server.ts';
import { loadEdition } from '../services/publication-page.server.ts';
import { diffHtml } from '../content/text-diff.server.ts';
import { notFound } from '../services/session.server.ts';
import { staticPage } from '../utils/static-page.ts';

export const handle = staticPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data ? [...pageTitle(matches, 'publications.changesTitle', { number: data.number }), { name: 'robots', content: 'noindex' }] : pageTitle(matches, 'publications.title');

export const headers = cachedRouteHeaders;

/**
 * What changed between an edition and the one before it. Both are immutable,
 * so the diff is too, and it is cached like the edition page.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { db } = args.context.services;
  const slug = args.params.slug ?? '';
  const { edition, previous } = await loadEdition(db, slug, args.params.edition ?? '');
  if (!previous) throw notFound();
  const before = await getPublicEdition(db, slug, previous);
  if (!before) throw notFound();
  const headers = await publicCacheHeaders(args.request, ['changes', before.id, edition.id], 'immutable');
  const { blocks, summary } = diffHtml(before.html, edition.html);
  return data(
    {
      title: edition.title,
      language: edition.language,
      number: editionNumber(edition),
      previous: editionNumber(before),
      publishedAt: edition.publishedAt,
      path: publicationPath(slug, editionNumber(edition)),
      blocks,
      summary,
    },
    { headers },
  );
}

export default function EditionChanges() {
  const { t, i18n } = useTranslation();
  const diff = useLoaderData<typeof loader>();
  return (
    <div>
      <header className="mb-6 max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">
          <Link to="/publications">{t('publications.title')}</Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">{t('publications.changesTitle', { number: diff.number })}</h1>
        <p className="mt-1 text-lg" lang={diff.language}>
          {diff.title}
        </p>
        <p className="mt-2 text-slate-700">
          {t('publications.changesLead', { previous: diff.previous, number: diff.number })}{' '}
          {t('publications.publishedOn', { date: formatDate(diff.publishedAt, i18n.language) })}
        </p>
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          <Link to={diff.path}>{t('publications.backToEdition', { number: diff.number })}</Link>
        </p>
      </header>
      <div lang={diff.language}>
        <DiffView blocks={diff.blocks} summary={diff.summary} />
      </div>
    </div>
  );
}

export const ErrorBoundary = PublicErrorBoundary;
