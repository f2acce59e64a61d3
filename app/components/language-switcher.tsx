import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language } from '../i18n.ts';

/** The current address in another language: the same path and query, with `lng` set. */
export function languageHref(pathname: string, search: string, lng: Language): string {
  const params = new URLSearchParams(search);
  params.set('lng', lng);
  return `${pathname}?${params}`;
}

/**
 * One link per language, each named in its own language and script, so a
 * choice is one click (and needs no JavaScript). The page that answers the
 * link remembers the choice (app/utils/i18n.server.ts).
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <nav aria-label={t('language.label')} className="text-sm">
      <ul className="flex flex-wrap items-center gap-1">
        {SUPPORTED_LANGUAGES.map((lng) => {
          const current = lng === i18n.language;
          return (
            <li key={lng}>
              <a
                href={languageHref(pathname, search, lng)}
                lang={lng}
                hrefLang={lng}
                aria-current={current ? 'true' : undefined}
                data-testid={`language-${lng}`}
                className={
                  current
                    ? 'inline-flex min-h-6 items-center rounded border border-white px-2 py-0.5 font-semibold text-white underline underline-offset-2'
                    : 'inline-flex min-h-6 items-center rounded border border-transparent px-2 py-0.5 text-brand-100 no-underline hover:border-brand-500 hover:text-white hover:underline'
                }
              >
                {LANGUAGE_NAMES[lng]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
