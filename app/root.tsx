import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeLanguage } from 'remix-i18next/react';
import stylesheet from './tailwind.css';
import { SiteHeader } from './components/site-header.tsx';
import { languageHref } from './components/language-switcher.tsx';
import { SUPPORTED_LANGUAGES } from './i18n.ts';
import { getInstitutionName } from './models/institution.server.ts';
import { countUnread } from './models/notification.server.ts';
import { setPersonLanguage } from './models/person.server.ts';
import { getSettings } from './models/setting.server.ts';
import { i18nServer } from './locales/i18n.server.ts';
import { pageTitle } from './locales/meta.ts';
import { languageFromSearchParams } from './utils/request-language.server.ts';
import { useRequestContext } from './utils/request-context.ts';
import { wantsHydration } from './utils/static-page.ts';
import { getCurrentUser } from './services/session.server.ts';

// An empty icon: no favicon request that would only 404.
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: 'data:,' },
];

/** The key of the error page shown for a status: 403, 404 and 500 have their own texts. */
function errorPageKey(status: number): 403 | 404 | 500 | 'Other' {
  return status === 403 || status === 404 || status === 500 ? status : 'Other';
}

// Only the root's boundary renders without a route's own meta, so the title of an error page comes from here.
export const meta: MetaFunction = ({ matches, error }) =>
  error ? pageTitle(matches, `errorPages.title${errorPageKey(isRouteErrorResponse(error) ? error.status : 500)}`) : pageTitle(matches, 'app.name');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, user, settings] = await Promise.all([
    i18nServer.getLocale(request),
    getCurrentUser({ request, context }),
    getSettings(context.services.db),
  ]);
  const [institutionName, unreadNotifications] = user
    ? await Promise.all([getInstitutionName(context.services.db, user.institutionId, locale), countUnread(context.services.db, user.id)])
    : [undefined, 0];
  // A language link followed while signed in is also remembered in the profile (the cookie is set in entry.server.tsx).
  const chosen = languageFromSearchParams(request);
  if (user && chosen && chosen !== user.language) await setPersonLanguage(context.services.db, user.id, chosen);
  return {
    locale,
    baseURL: context.services.baseURL,
    requestId: context.requestId,
    groupName: settings.groupName,
    user: user
      ? {
          id: user.id,
          name: user.name,
          role: user.role,
          institutionId: user.institutionId,
          institutionName: institutionName ?? '',
          unreadNotifications,
        }
      : null,
  };
}

export type RootLoader = typeof loader;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootLoader>('root');
  const { nonce } = useRequestContext();
  const { t, i18n } = useTranslation();
  const lang = data?.locale ?? i18n.language ?? 'en';
  const matches = useMatches();
  const hydrate = wantsHydration(matches);
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data && !data.user && !hasContentAlternates(matches) ? <LanguageAlternates baseURL={data.baseURL} /> : null}
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-white px-3 py-2 text-brand-900 focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
        >
          {t('app.skipToContent')}
        </a>
        <SiteHeader user={data?.user ?? null} groupName={data?.groupName ?? t('app.name')} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <p className="mx-auto max-w-6xl px-4 py-4 text-xs text-slate-600">{t('app.footer')}</p>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

/**
 * A publication with editions in other languages names those as its
 * alternates (publications.$slug._index.tsx): a second `hreflang="bs"` to the
 * same text under a Bosnian interface would contradict them
 * (docs/decisions/021-language-versions.md).
 */
function hasContentAlternates(matches: ReturnType<typeof useMatches>): boolean {
  return matches.some((match) => {
    const languages = (match.data as { otherLanguages?: unknown } | undefined)?.otherLanguages;
    return Array.isArray(languages) && languages.length > 0;
  });
}

/** The same page in every interface language, for search engines (x-default: negotiated). */
function LanguageAlternates({ baseURL }: { baseURL: string }) {
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  params.delete('lng');
  const rest = params.toString();
  return (
    <>
      {SUPPORTED_LANGUAGES.map((lng) => (
        <link key={lng} rel="alternate" hrefLang={lng} href={new URL(languageHref(pathname, search, lng), baseURL).toString()} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={new URL(rest ? `${pathname}?${rest}` : pathname, baseURL).toString()} />
    </>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootLoader>('root');
  const { requestId: renderRequestId } = useRequestContext();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const requestId = data?.requestId ?? renderRequestId;
  const key = errorPageKey(status);
  return (
    <div className="card mx-auto max-w-xl">
      <p className="text-sm font-semibold text-slate-500">{status}</p>
      <h1 className="mt-1 text-2xl font-bold">{t(`errorPages.title${key}`)}</h1>
      <p className="mt-3 text-slate-700">{key === 'Other' ? null : t(`errorPages.text${key}`)}</p>
      {status >= 500 && requestId ? (
        <p className="mt-2 font-mono text-sm" data-testid="request-id">
          {t('errorPages.requestId', { id: requestId })}
        </p>
      ) : null}
      <p className="mt-6">
        <a href={data?.user ? '/dashboard' : '/'} className="btn-secondary">
          {data?.user ? t('errorPages.goDashboard') : t('errorPages.goHome')}
        </a>
      </p>
    </div>
  );
}
