import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CbmSource } from '../components/cbm-source.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listCbms } from '../models/cbm.server.ts';
import { can } from '../policies/permissions.ts';
import { pageTitle } from '../utils/meta.ts';
import { requirePermission } from '../utils/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'cbms.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'cbm:view');
  return { cbms: await listCbms(args.context.services.db), canEdit: can(user, 'cbm:update') };
}

export default function Cbms() {
  const { t } = useTranslation();
  const { cbms, canEdit } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader title={t('cbms.title')} lead={t('cbms.lead')} />
      <p className="mb-5 max-w-3xl rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">{t('cbms.summaryNote')}</p>
      <ol className="space-y-3">
        {cbms.map((cbm) => (
          <li key={cbm.number} id={`cbm-${cbm.number}`} className="card">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-bold">
                <Link to={`/cbms/${cbm.number}`} className="text-slate-900">
                  <span className="mr-2 text-brand-600">{t('cbms.cbm', { number: cbm.number })}</span>
                  {cbm.title}
                </Link>
              </h2>
              {canEdit ? (
                <Link to={`/cbms/${cbm.number}/edit`} className="text-sm" aria-label={t('cbms.editTitle', { number: cbm.number })}>
                  {t('cbms.edit')}
                </Link>
              ) : null}
            </div>
            <p className="mt-2 text-slate-800">{cbm.text}</p>
            <CbmSource cbm={cbm} className="mt-2 text-xs text-slate-600" />
          </li>
        ))}
      </ol>
    </div>
  );
}
