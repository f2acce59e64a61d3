import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listCbms } from '../models/cbm.server.ts';
import { listDocuments } from '../services/scoped-reads.server.ts';
import { TlpBadge } from '../components/tlp-badge.tsx';
import { formatDate } from '../utils/format.ts';
import { countInstitutionsBySector, getInstitution } from '../models/institution.server.ts';
import { countActivePeople } from '../models/person.server.ts';
import { can } from '../policies/permissions.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dashboard.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'members-area:view');
  const { db } = args.context.services;
  const [institution, bySector, people, cbms, documents] = await Promise.all([
    getInstitution(db, user.institutionId),
    countInstitutionsBySector(db),
    countActivePeople(db),
    listCbms(db),
    listDocuments(db, user, { limit: 5 }),
  ]);
  const institutions = Object.values(bySector).reduce((a, b) => a + b, 0);
  return {
    user: { name: user.name, role: user.role },
    institution: institution ? { id: institution.id, name: institution.name } : null,
    counts: { institutions, people, cbms: cbms.length },
    canManagePeople: can(user, 'person:list'),
    documents: documents.map(({ id, title, tlp, updatedAt }) => ({ id, title, tlp, updatedAt })),
  };
}

export default function Dashboard() {
  const { user, institution, counts, canManagePeople, documents } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div>
      <NoticeBanner />
      <PageHeader title={t('dashboard.welcome', { name: user.name })} />
      <div className="grid gap-4 md:grid-cols-2">
        <section className="card" aria-labelledby="role-title">
          <h2 id="role-title" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            {t('dashboard.yourRole')}
          </h2>
          <p className="mt-1 text-lg font-semibold" data-testid="dashboard-role">
            {t(`roles.${user.role}`)}
          </p>
          <p className="mt-1 text-sm text-slate-700">{t(`dashboard.roleHelp_${user.role}`)}</p>
          {institution ? (
            <p className="mt-3 text-sm">
              {t('dashboard.yourInstitution')}: <Link to={`/institutions/${institution.id}`}>{institution.name}</Link>
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="overview-title">
          <h2 id="overview-title" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            {t('dashboard.overview')}
          </h2>
          <dl className="mt-2 grid grid-cols-3 gap-3 text-center">
            <div>
              <dt className="text-xs text-slate-600">{t('dashboard.institutionsCount')}</dt>
              <dd className="text-2xl font-bold">
                <Link to="/institutions">{counts.institutions}</Link>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t('dashboard.peopleCount')}</dt>
              <dd className="text-2xl font-bold">{canManagePeople ? <Link to="/people">{counts.people}</Link> : counts.people}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t('dashboard.cbmCount')}</dt>
              <dd className="text-2xl font-bold">
                <Link to="/cbms">{counts.cbms}</Link>
              </dd>
            </div>
          </dl>
          <p className="mt-4 text-sm text-slate-600">{t('dashboard.comingNext')}</p>
        </section>
        <section className="card md:col-span-2" aria-labelledby="recent-title">
          <h2 id="recent-title" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            {t('dashboard.recentDocuments')}
          </h2>
          {documents.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('documents.none')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {documents.map((doc) => (
                <li key={doc.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <Link to={`/documents/${doc.id}`} className="font-medium">
                    {doc.title}
                  </Link>
                  <span className="flex items-center gap-2 text-slate-600">
                    <TlpBadge tlp={doc.tlp} />
                    {t('documents.updated', { date: formatDate(doc.updatedAt, i18n.language) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
