import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { PublicErrorBoundary } from '../components/public-error.tsx';
import { PublicationArticle } from '../components/publication-article.tsx';
import printStyles from '../styles/publication-print.css';
import { cachedRouteHeaders } from '../utils/http-cache.server.ts';
import { familyAlternates, publicationMeta } from '../locales/publication-meta.ts';
import { loadPublicationPage } from '../services/publication-page.server.ts';
import { staticPage } from '../utils/static-page.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStyles }];

export const handle = staticPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...publicationMeta(matches, data ? { ...data.edition, url: data.url } : undefined, 'publications.title'),
  ...familyAlternates(data),
];

export const headers = cachedRouteHeaders;

/** The latest edition of a publication. Public: no sign-in, only published editions. */
export async function loader(args: LoaderFunctionArgs) {
  return loadPublicationPage(args);
}

export default function LatestEdition() {
  const page = useLoaderData<typeof loader>();
  return <PublicationArticle page={page} />;
}

export const ErrorBoundary = PublicErrorBoundary;
