import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../db/schema.ts';
import { SectorBadge } from '../components/sector-badge.tsx';
import { listInstitutions } from '../models/institution.server.ts';
import { LatestPublications } from '../components/latest-publications.tsx';
import { editionNumber, listPublications } from '../models/publication.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { pageTitle } from '../locales/meta.ts';

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, 'app.tagline'),
  { name: 'description', content: 'Public-private cooperation on cyber security: drafting, tracking and publishing.' },
];

/** The public face of the working group: what it is and who takes part. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { db } = context.services;
  const [settings, institutions, latest] = await Promise.all([getSettings(db), listInstitutions(db), listPublications(db, {}, 5)]);
  // Only what is public about an institution: no member names or contact data.
  const participants = institutions.map(({ id, name, acronym, sector }) => ({ id, name, acronym, sector }));
  const publications = latest.map((p) => ({ id: p.id, slug: p.slug, title: p.title, summary: p.summary, language: p.language, publishedAt: p.publishedAt, number: editionNumber(p) }));
  return { settings, participants, publications };
}

export default function Landing() {
  const { t } = useTranslation();
  const { settings, participants, publications } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-10">
      <section className="max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">{t('app.name')}</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">{t('landing.title', { group: settings.groupName })}</h1>
        <p className="mt-3 text-lg text-slate-700">{settings.groupDescription || t('landing.lead')}</p>
      </section>

      <section aria-labelledby="what-title">
        <h2 id="what-title" className="text-xl font-bold">
          {t('landing.whatTitle')}
        </h2>
        <ul className="mt-3 grid gap-4 md:grid-cols-3">
          {(['what1', 'what2', 'what3'] as const).map((key) => (
            <li key={key} className="card">
              <h3 className="font-semibold">{t(`landing.${key}Title`)}</h3>
              <p className="mt-1 text-sm text-slate-700">{t(`landing.${key}Text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <LatestPublications publications={publications} />

      <section aria-labelledby="participants-title">
        <h2 id="participants-title" className="text-xl font-bold">
          {t('landing.participantsTitle')}
        </h2>
        <p className="mt-1 text-slate-700">{t('landing.participantsLead', { count: participants.length })}</p>
        <div className="mt-4 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          {SECTORS.map((sector) => {
            const inSector = participants.filter((p) => p.sector === sector);
            if (inSector.length === 0) return null;
            return (
              <div key={sector} className="card">
                <h3 className="flex items-center justify-between gap-2 font-semibold">
                  <SectorBadge sector={sector} />
                  <span className="text-sm font-normal text-slate-600">{inSector.length}</span>
                </h3>
                <ul className="mt-2 space-y-1 text-sm">
                  {inSector.map((p) => (
                    <li key={p.id}>
                      {p.name}
                      {p.acronym ? <span className="text-slate-500"> ({p.acronym})</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="public-title" className="grid gap-4 md:grid-cols-2">
        <div className="card">
          <h2 id="public-title" className="text-lg font-bold">
            {t('landing.publicTitle')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('landing.publicText')}</p>
          <ul className="mt-2 list-disc pl-5 text-sm">
            <li>
              <a href="https://www.osce.org/pc/109168" className="inline-flex min-h-6 items-center">OSCE PC.DEC/1106</a>
            </li>
            <li>
              <a href="https://www.osce.org/pc/227281" className="inline-flex min-h-6 items-center">OSCE PC.DEC/1202</a>
            </li>
          </ul>
          <p className="mt-3 text-sm">
            <a href="/progress">{t('trackerViews.progress.landingLink')}</a>
          </p>
        </div>
        <div className="card">
          <h2 className="text-lg font-bold">{t('landing.membersTitle')}</h2>
          <p className="mt-1 text-sm text-slate-700">{t('landing.membersText')}</p>
          <p className="mt-3">
            <a href="/login" className="btn-primary">
              {t('nav.signIn')}
            </a>
          </p>
        </div>
      </section>
    </div>
  );
}
