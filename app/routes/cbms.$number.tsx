import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CbmSource } from '../components/cbm-source.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { ItemsTable, memberItemPath } from '../components/tracker/items-table.tsx';
import { HiddenItemsNote } from '../components/tracker/hidden-items-note.tsx';
import { countHiddenItems, queryActionItems } from '../services/scoped-reads.server.ts';
import { getCbm } from '../models/cbm.server.ts';
import { institutionNamesIn } from '../models/institution.server.ts';
import { can } from '../policies/permissions.ts';
import { actionFilters } from '../schemas/action-filters.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { pageTitle } from '../locales/meta.ts';
import { notFound, requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'cbms.cbm', { number: data?.cbm.number ?? '' });

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'cbm:view');
  const number = Number(args.params.number);
  const cbm = Number.isInteger(number) ? await getCbm(args.context.services.db, number, await resolveLanguage(args.request)) : undefined;
  if (!cbm) throw notFound();
  // Readable items only, due first; a CBM with very many items links on to the filtered list.
  const found = can(user, 'action-item:list')
    ? await queryActionItems(args.context.services.db, user, actionFilters({ cbm: cbm.number, sort: 'due' }), { today: todayInSarajevo(), limit: ITEM_LIMIT })
    : null;
  // Owners in the reader's language, as on /actions.
  const localNames = found ? await institutionNamesIn(args.context.services.db, await resolveLanguage(args.request)) : new Map<string, string>();
  const items = found && { ...found, rows: found.rows.map((row) => ({ ...row, ownerName: localNames.get(row.ownerInstitutionId) ?? row.ownerName })) };
  const hidden = found ? await countHiddenItems(args.context.services.db, user, { cbm: cbm.number }) : 0;
  return { cbm, items, hidden, canEdit: can(user, 'cbm:update') };
}

const ITEM_LIMIT = 200;

export default function CbmPage() {
  const { t } = useTranslation();
  const { cbm, items, hidden, canEdit } = useLoaderData<typeof loader>();
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
        {/* The reader's language where translated, else the OSCE's English; marked either way (WCAG 3.1.2). */}
        <p className="whitespace-pre-line text-lg leading-relaxed" lang={cbm.language}>
          {cbm.text}
        </p>
        {cbm.language !== 'en' ? (
          <details className="mt-3 text-sm text-slate-700">
            <summary>{t('cbms.officialEnglish')}</summary>
            <p className="mt-1 text-xs">{t('cbms.translationNote')}</p>
            <p className="mt-1 font-semibold" lang="en">
              {cbm.official.title}
            </p>
            <p className="whitespace-pre-line" lang="en">
              {cbm.official.text}
            </p>
          </details>
        ) : null}
        <CbmSource cbm={cbm} className="mt-4 text-sm text-slate-600" />
      </article>
      {items ? (
        <section aria-labelledby="cbm-items-title" className="mt-6">
          <h2 id="cbm-items-title" className="mb-1 text-xl font-bold">
            {t('trackerViews.coverage.itemsTitle')}
          </h2>
          <p className="mb-2 text-sm text-slate-700">
            {t('trackerViews.count', { count: items.total })} ·{' '}
            <Link to={`/actions?cbm=${cbm.number}`}>{t('trackerViews.coverage.seeAll', { number: cbm.number })}</Link>
          </p>
          <HiddenItemsNote count={hidden} scope="cbm" />
          {items.rows.length === 0 ? (
            <p className="card">{t('trackerViews.coverage.noItemsForCbm')}</p>
          ) : (
            <ItemsTable
              caption={t('trackerViews.coverage.itemsCaption', { number: cbm.number })}
              rows={items.rows}
              columns={['owner', 'status', 'due']}
              itemHref={memberItemPath}
              titleNote={(row) => (row.primaryCbm === cbm.number ? <span className="ml-1 text-xs text-slate-600">({t('trackerViews.primary')})</span> : null)}
            />
          )}
        </section>
      ) : null}
      <p className="mt-4">
        <Link to="/cbms">← {t('cbms.title')}</Link>
      </p>
    </div>
  );
}
