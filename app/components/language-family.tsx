import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { LanguageFamilyPanel } from '../services/language-versions.server.ts';
import { formatDate } from '../utils/format.ts';
import { DiffView } from './diff-view.tsx';
import { Banner } from './ui/notice.tsx';

/**
 * The language versions of a document (docs/decisions/021-language-versions.md):
 * links to each member the reader may read, the form for a new version, and
 * on a translation whose source moved on, what changed there. Plain links and
 * POST forms, so it all works without JavaScript.
 */
export function LanguageFamily({ documentId, panel }: { documentId: string; panel: LanguageFamilyPanel }) {
  const { t, i18n } = useTranslation();
  const { members, available, sourceChanged } = panel;
  if (members.length === 0 && available.length === 0) return null;
  const action = `/documents/${documentId}/language-versions`;
  return (
    <section aria-labelledby="language-family-title" className="mb-4 space-y-3 rounded border border-slate-200 p-3 text-sm">
      <h2 id="language-family-title" className="font-semibold">
        {t('languageVersions.title')}
      </h2>
      {members.length > 1 ? (
        <ul className="flex flex-wrap gap-2">
          {members.map((member) => (
            <li key={member.id}>
              {member.current ? (
                <span aria-current="page" className="inline-block rounded border-2 border-slate-900 px-2 py-1 font-semibold">
                  {t(`documentLanguages.${member.language}`)}
                  <span className="sr-only">, {t('languageVersions.current')}</span>
                </span>
              ) : (
                <Link to={`/documents/${member.id}`} hrefLang={member.language} className="inline-block rounded border border-slate-300 px-2 py-1 underline">
                  {t(`documentLanguages.${member.language}`)}: <span lang={member.language}>{member.title}</span>
                </Link>
              )}
              {member.isSource ? <span className="ml-1 text-slate-600">({t('languageVersions.source')})</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">{t('languageVersions.none')}</p>
      )}
      {sourceChanged ? (
        <Banner tone="info">
          <p className="font-semibold">{t('languageVersions.sourceChanged', { date: formatDate(sourceChanged.since, i18n.language) })}</p>
          <p>{t('languageVersions.sourceChangedHelp')}</p>
          {sourceChanged.diff ? (
            <details className="mt-2">
              <summary className="cursor-pointer underline">{t('languageVersions.showChanges')}</summary>
              <div className="mt-2">
                <DiffView blocks={sourceChanged.diff.blocks} summary={sourceChanged.diff.summary} />
              </div>
            </details>
          ) : (
            <p>{t('languageVersions.diffHidden')}</p>
          )}
          {sourceChanged.canMarkUpToDate ? (
            <Form method="post" action={action} className="mt-2">
              <input type="hidden" name="intent" value="mark-up-to-date" />
              <button type="submit" className="btn-secondary">
                {t('languageVersions.markUpToDate')}
              </button>
            </Form>
          ) : null}
        </Banner>
      ) : null}
      {available.length > 0 ? (
        <Form method="post" action={action} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor="language-version-language" className="block font-semibold">
              {t('languageVersions.createLabel')}
            </label>
            <select id="language-version-language" name="language" aria-describedby="language-version-help" className="mt-1 rounded border border-slate-400 px-2 py-1">
              {available.map((language) => (
                <option key={language} value={language}>
                  {t(`documentLanguages.${language}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t('languageVersions.create')}
          </button>
          <p id="language-version-help" className="w-full text-xs text-slate-600">
            {t('languageVersions.createHelp')}
          </p>
        </Form>
      ) : null}
    </section>
  );
}
