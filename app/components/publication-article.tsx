import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../utils/format.ts';
import type { PublicationPage } from '../services/publication-page.server.ts';

const TEXT_STYLES = [
  'publication-text max-w-3xl space-y-3 leading-relaxed text-slate-900',
  '[&_h2]:mt-8 [&_h2]:scroll-mt-4 [&_h2]:text-2xl [&_h2]:font-bold [&_h3]:mt-6 [&_h3]:scroll-mt-4 [&_h3]:text-xl [&_h3]:font-bold [&_h4]:mt-5 [&_h4]:scroll-mt-4 [&_h4]:text-lg [&_h4]:font-semibold',
  '[&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:italic',
  '[&_table]:w-full [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left',
  '[&_hr]:my-4 [&_hr]:border-slate-300',
].join(' ');

/**
 * One public edition: its details, contents, text, participating institutions
 * and downloads. Server-rendered and complete without JavaScript. The text is
 * the stored output of the allow-list sanitiser, inserted as HTML.
 */
export function PublicationArticle({ page }: { page: PublicationPage }) {
  const { t, i18n } = useTranslation();
  const { edition } = page;
  const base = `/publications/${edition.slug}`;
  const editionBase = `${base}/v/${edition.number}`;
  const date = formatDate(edition.publishedAt, i18n.language);
  return (
    <div>
      <header className="mb-6 max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">
          <Link to="/publications">{t('publications.title')}</Link> · {t(`documentTypes.${edition.type}`)}
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight" lang={edition.language}>
          {edition.title}
        </h1>
        <p className="mt-2 text-slate-700" data-testid="edition-line">
          {t('publications.editionOf', { number: edition.number, date })}
          {page.isLatestPage ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">{t('publications.latestEdition')}</span> : null}
        </p>
        {edition.summary ? (
          <p className="mt-3 text-lg text-slate-700" lang={edition.language}>
            {edition.summary}
          </p>
        ) : null}
        {page.otherLanguages.length > 0 ? (
          <nav aria-labelledby="other-languages-title" className="publication-screen-only mt-3 text-sm">
            <h2 id="other-languages-title" className="font-semibold">
              {t('languageVersions.otherLanguages')}
            </h2>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {page.otherLanguages.map((member) => (
                <li key={member.slug}>
                  <Link to={`/publications/${member.slug}`} hrefLang={member.language} className="underline">
                    {t(`documentLanguages.${member.language}`)}: <span lang={member.language}>{member.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {page.isLatestPage ? null : (
          <p className="publication-screen-only mt-3 text-sm">
            <Link to={base}>{t('publications.latestEdition')}</Link>
          </p>
        )}
      </header>

      <div className="publication-layout grid gap-8 lg:grid-cols-[16rem_1fr]">
        <aside className="space-y-6 text-sm">
          {page.toc.length > 0 ? (
            <nav id="toc" aria-labelledby="toc-title" className="publication-screen-only">
              <h2 id="toc-title" className="font-semibold">
                {t('publications.contents')}
              </h2>
              <ol className="mt-2 space-y-1" lang={edition.language}>
                {page.toc.map((entry) => (
                  <li key={entry.id} className={entry.level === 1 ? '' : entry.level === 2 ? 'pl-3' : 'pl-6'}>
                    <a href={`#${entry.id}`}>{entry.text}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          <section aria-labelledby="participants-title">
            <h2 id="participants-title" className="font-semibold">
              {t('publications.participants')}
            </h2>
            {edition.participants.length > 0 ? (
              <ul id="participants" className="mt-2 space-y-1">
                {edition.participants.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-slate-600">{t('publications.noParticipants')}</p>
            )}
          </section>
          <section id="downloads" aria-labelledby="downloads-title" className="publication-screen-only">
            <h2 id="downloads-title" className="font-semibold">
              {t('publications.downloads')}
            </h2>
            <ul className="mt-2 space-y-1">
              <li>
                <a href={`${editionBase}/download.html`} download>
                  {t('publications.downloadHtml')}
                </a>
              </li>
              <li>
                <a href={`${editionBase}/download.md`} download>
                  {t('publications.downloadMarkdown')}
                </a>
              </li>
              <li>
                <a href={`${editionBase}/download.docx`} download>
                  {t('wordExport.editionDownload')}
                </a>
              </li>
            </ul>
            <p className="mt-2 text-slate-600">{t('publications.print')}</p>
          </section>
        </aside>

        <div className="min-w-0 space-y-6">
          {edition.changelog ? (
            <section aria-labelledby="changelog-title" className="card max-w-3xl">
              <h2 id="changelog-title" className="font-semibold">
                {t('publications.changelog')}
              </h2>
              <p className="mt-1 whitespace-pre-line text-slate-700">{edition.changelog}</p>
            </section>
          ) : null}
          <p className="publication-screen-only text-sm">
            {page.previous ? <Link to={`${editionBase}/changes`}>{t('publications.whatChanged')}</Link> : t('publications.firstEdition')}
          </p>
          {page.hasConsultationReport ? (
            <p className="publication-screen-only text-sm">
              <Link to={`${editionBase}/consultation`}>{t('consultation.publicLink')}</Link>
            </p>
          ) : null}
          <article
            id="article"
            lang={edition.language}
            aria-label={edition.title}
            className={TEXT_STYLES}
            dangerouslySetInnerHTML={{ __html: edition.html }}
          />
          <p className="hidden text-sm print:block">{t('publications.printedFrom', { number: edition.number, date })}</p>
        </div>
      </div>

      {page.editions.length > 0 ? (
        <section id="editions" aria-labelledby="editions-title" className="publication-screen-only mt-10">
          <h2 id="editions-title" className="text-xl font-bold">
            {t('publications.editions')}
          </h2>
          <table className="data-table mt-3 w-full max-w-4xl">
            <caption className="sr-only">{t('publications.editionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('publications.editionColumn')}</th>
                <th scope="col">{t('publications.dateColumn')}</th>
                <th scope="col">{t('publications.changelogColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {page.editions.map((e) => (
                <tr key={e.id}>
                  <th scope="row" className="font-semibold">
                    <Link to={`${base}/v/${e.number}`}>{t('publications.edition', { number: e.number })}</Link>
                  </th>
                  <td>{formatDate(e.publishedAt, i18n.language)}</td>
                  <td className="whitespace-pre-line">{e.changelog}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
