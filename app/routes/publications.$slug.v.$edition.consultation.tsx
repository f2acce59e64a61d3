import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ConsultationReportTable } from '../components/consultation/report-table.tsx';
import { PublicErrorBoundary } from '../components/public-error.tsx';
import { publicationPath } from '../content/publication-html.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { publicationMeta } from '../locales/publication-meta.ts';
import { editionNumber } from '../models/publication.server.ts';
import { publishedReport } from '../services/consultation-report.server.ts';
import { loadEdition } from '../services/publication-page.server.ts';
import { notFound } from '../services/session.server.ts';
import { formatDate } from '../utils/format.ts';
import { cachedRouteHeaders, publicCacheHeaders } from '../utils/http-cache.server.ts';
import { staticPage } from '../utils/static-page.ts';

export const handle = staticPage;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  publicationMeta(matches, data ? { title: data.pageTitle, summary: data.summary, url: data.url, publishedAt: data.publishedAt, language: data.language } : undefined, 'consultation.title');

export const headers = cachedRouteHeaders;

/**
 * The consultation report frozen with a public edition (only editions of
 * TLP:CLEAR documents are public, and only those published while CLEAR have
 * a report). It revalidates rather than being immutable: a comment the
 * secretariat hides later must read as hidden here too.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { db, baseURL } = args.context.services;
  const slug = args.params.slug ?? '';
  const { edition } = await loadEdition(db, slug, args.params.edition ?? '');
  const report = await publishedReport(db, edition.id);
  if (!report) throw notFound();
  const number = editionNumber(edition);
  const headers = await publicCacheHeaders(args.request, ['consultation', edition.id, ...report.hiddenSince], 'revalidate');
  const t = await i18nServer.getFixedT(args.request);
  return data(
    {
      title: edition.title,
      pageTitle: t('consultation.publicTitle', { title: edition.title }),
      summary: edition.summary,
      language: edition.language,
      number,
      publishedAt: edition.publishedAt,
      editionPath: publicationPath(slug, number),
      url: new URL(`${publicationPath(slug, number)}/consultation`, baseURL).href,
      rows: report.rows,
      namesPeople: report.namesPeople,
    },
    { headers },
  );
}

export default function PublishedConsultationReport() {
  const { t, i18n } = useTranslation();
  const report = useLoaderData<typeof loader>();
  const pending = report.rows.filter((row) => row.decision === 'pending').length;
  return (
    <div className="space-y-6">
      <header className="max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">
          <Link to="/publications">{t('publications.title')}</Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">{t('consultation.title')}</h1>
        <p className="mt-1 text-lg" lang={report.language}>
          {report.title}
        </p>
        <p className="mt-2 text-slate-700">{t('consultation.publicLead', { number: report.number, date: formatDate(report.publishedAt, i18n.language) })}</p>
        {report.namesPeople ? null : <p className="mt-1 text-sm text-slate-700">{t('consultation.publicNamesOff')}</p>}
        {pending > 0 ? <p className="mt-1 text-sm text-slate-700">{t('consultation.publicUndecided')}</p> : null}
        <p className="mt-3 text-sm">
          <Link to={report.editionPath}>{t('publications.backToEdition', { number: report.number })}</Link>
        </p>
      </header>
      {report.rows.length === 0 ? (
        <p className="text-slate-700">{t('consultation.empty')}</p>
      ) : (
        <ConsultationReportTable rows={report.rows} t={t} language={i18n.language} documentLanguage={report.language} />
      )}
    </div>
  );
}

export const ErrorBoundary = PublicErrorBoundary;
