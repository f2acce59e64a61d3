import { Form, useLocation } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from '../i18n.ts';

/** A plain form, so the language can be changed without JavaScript too. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const id = useId();
  return (
    <Form method="post" action="/language" className="flex items-center gap-1.5 text-sm">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor={id} className="text-slate-200">
        {t('language.label')}
      </label>
      <select
        id={id}
        name="lng"
        defaultValue={i18n.language}
        key={i18n.language}
        className="rounded border border-brand-500 bg-brand-800 px-1.5 py-1 text-white"
      >
        {SUPPORTED_LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_NAMES[lng]}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-brand-500 px-2 py-1 font-semibold text-white hover:bg-brand-700">
        {t('language.change')}
      </button>
    </Form>
  );
}
