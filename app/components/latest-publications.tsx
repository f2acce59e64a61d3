import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../utils/format.ts';

export interface LatestPublication {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  publishedAt: string;
  number: string;
}

/** The landing page's list of the newest publications; hidden until something is published. */
export function LatestPublications({ publications }: { publications: LatestPublication[] }) {
  const { t, i18n } = useTranslation();
  if (publications.length === 0) return null;
  return (
    <section aria-labelledby="latest-publications-title">
      <h2 id="latest-publications-title" className="text-xl font-bold">
        {t('publications.latestTitle')}
      </h2>
      <p className="mt-1 text-slate-700">{t('publications.latestLead')}</p>
      <ul className="mt-3 space-y-3">
        {publications.map((p) => (
          <li key={p.id} className="card">
            <h3 className="font-semibold" lang={p.language}>
              <Link to={`/publications/${p.slug}`}>{p.title}</Link>
            </h3>
            {p.summary ? (
              <p className="mt-1 text-sm text-slate-700" lang={p.language}>
                {p.summary}
              </p>
            ) : null}
            <p className="mt-1 text-xs text-slate-600">{t('publications.editionOf', { number: p.number, date: formatDate(p.publishedAt, i18n.language) })}</p>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm">
        <Link to="/publications">{t('publications.allPublications')}</Link>
      </p>
    </section>
  );
}
