import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CbmSource } from '../components/cbm-source.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getCbm } from '../models/cbm.server.ts';
import { can } from '../policies/permissions.ts';
import { pageTitle } from '../utils/meta.ts';
import { notFound, requirePermission } from '../utils/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'cbms.cbm', { number: data?.cbm.number ?? '' });

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'cbm:view');
  const number = Number(args.params.number);
  const cbm = Number.isInteger(number) ? await getCbm(args.context.services.db, number) : undefined;
  if (!cbm) throw notFound();
  return { cbm, canEdit: can(user, 'cbm:update') };
}

export default function CbmPage() {
  const { t } = useTranslation();
  const { cbm, canEdit } = useLoaderData<typeof loader>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={`${t('cbms.cbm', { number: cbm.number })}: ${cbm.title}`}
        actions={
          canEdit ? (
            <Link to={`/cbms/${cbm.number}/edit`} className="btn-secondary">
              {t('cbms.edit')}
            </Link>
          ) : null
        }
      />
      <article className="card max-w-3xl">
        <p className="whitespace-pre-line text-lg leading-relaxed">{cbm.text}</p>
        <CbmSource cbm={cbm} className="mt-4 text-sm text-slate-600" />
      </article>
      <p className="mt-4">
        <Link to="/cbms">← {t('cbms.title')}</Link>
      </p>
    </div>
  );
}
