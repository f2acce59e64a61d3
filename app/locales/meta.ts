import { createInstance, type TFunction } from 'i18next';
import { i18nConfig, isLanguage, FALLBACK_LANGUAGE, type Language } from '../i18n.ts';

const translators = new Map<Language, TFunction>();

function translator(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nConfig, lng: language, initImmediate: false });
    t = instance.t;
    translators.set(language, t);
  }
  return t;
}

interface MatchLike {
  id: string;
  data?: unknown;
}

/** A translated <title> for a route's `meta`, in the language the root loader chose. */
export function pageTitle(matches: MatchLike[], key: string, options?: Record<string, unknown>) {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string; groupName?: string } | undefined;
  const language = isLanguage(root?.locale) ? root.locale : FALLBACK_LANGUAGE;
  const t = translator(language);
  const page = t(key, options ?? {}) as string;
  return [{ title: `${page} · ${root?.groupName ?? t('app.name')}` }];
}
