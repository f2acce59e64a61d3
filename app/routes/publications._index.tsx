import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DOCUMENT_LANGUAGES, DOCUMENT_TYPES } from '../../db/schema.ts';
import { PublicErrorBoundary } from '../components/public-error.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { editionNumber, listPublications } from '../models/publication.server.ts';
import { formatDate } from '../utils/format.ts';
import { cachedRouteHeaders, publicCacheHeaders } from '../utils/http-cache.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { staticPage } from '../utils/static-page.ts';
import { FilterSelect } from '../components/ui/filter-select.tsx';

export const handle = staticPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...pageTitle(matches, 'publications.title'),
  ...(data ? [{ name: 'description', content: data.description }] : []),
  { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: '/publications.atom' },
];

export const headers = cachedRouteHeaders;

// Unknown filter values are ignored rather than refused: the list is public and bookmarkable.
const PublicationFilterSchema = z.object({
  type: z.enum(DOCUMENT_TYPES).optional().catch(undefined),
  language: z.enum(DOCUMENT_LANGUAGES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined).transform((q) => q || undefined),
});

/** Published documents, each at its latest edition, newest first. Public. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const filter = PublicationFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Only what the list shows: the internal document id stays out of public pages.
  const publications = (await listPublications(context.services.db, { type: filter.type, language: filter.language, query: filter.q })).map(({ documentId: _id, ...p }) => ({ ...p, number: editionNumber(p) }));
  const headers = await publicCacheHeaders(request, ['list', filter.type ?? '', filter.language ?? '', filter.q ?? '', ...publications.map((p) => p.id)], 'revalidate');
  const t = await i18nServer.getFixedT(request);
  return data({ publications, filter, description: t('publications.lead') }, { headers });
}

export default function Publications() {
  const { t, i18n } = useTranslation();
  const { publications, filter } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.type || filter.language || filter.q);
  return (
    <div>
      <PageHeader title={t('publications.title')} lead={t('publications.lead')} />
      <Form method="get" className="card mb-5 flex flex-wrap items-end gap-4" role="search" aria-label={t('publications.filters')}>
        <div>
          <label htmlFor="pub-q" className="block text-sm font-semibold">
            {t('publications.searchLabel')}
          </label>
          <input id="pub-q" name="q" type="search" defaultValue={filter.q ?? ''} className="field-input" />
        </div>
        <FilterSelect
          id="pub-type"
          name="type"
          label={t('publications.filterType')}
          value={filter.type}
          options={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documentTypes.${v}`) }))}
        />
        <FilterSelect
          id="pub-language"
          name="language"
          label={t('publications.filterLanguage')}
          value={filter.language}
          options={DOCUMENT_LANGUAGES.map((v) => ({ value: v, label: t(`documentLanguages.${v}`) }))}
        />
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            {t('common.filter')}
          </button>
          <Link to="/publications" className="btn-secondary">
            {t('common.clear')}
          </Link>
        </div>
      </Form>
      <p className="mb-2 text-sm text-slate-600" aria-live="polite">
        {t('publications.count', { count: publications.length })}
      </p>
      {publications.length === 0 ? (
        <p className="card">{filtered ? t('publications.none') : t('publications.noneYet')}</p>
      ) : (
        <ul className="space-y-3">
          {publications.map((p) => (
            <li key={p.id} className="card">
              <h2 className="text-lg font-semibold" lang={p.language}>
                <Link to={`/publications/${p.slug}`}>{p.title}</Link>
              </h2>
              {p.summary ? (
                <p className="mt-1 text-sm text-slate-700" lang={p.language}>
                  {p.summary}
                </p>
              ) : null}
              <p className="mt-2 text-xs text-slate-600">
                {t(`documentTypes.${p.type}`)} · {t(`documentLanguages.${p.language}`)} ·{' '}
                {t('publications.editionOf', { number: p.number, date: formatDate(p.publishedAt, i18n.language) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-6 text-sm">
        <a href="/publications.atom">{t('publications.feed')}</a>
      </p>
    </div>
  );
}

export const ErrorBoundary = PublicErrorBoundary;
