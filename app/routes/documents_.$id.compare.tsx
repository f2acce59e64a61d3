import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { VersionKind } from '../../db/schema.ts';
import { DiffView } from '../components/diff-view.tsx';
import { SelectField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { renderHtml } from '../content/render.server.ts';
import { getVersionByNumber, listVersions } from '../models/version.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { currentState } from '../services/document-versions.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { notFound } from '../services/session.server.ts';
import { diffHtml } from '../content/text-diff.server.ts';
import { versionLabel } from '../utils/version-label.ts';
import { CompareQuerySchema } from '../schemas/version.ts';

export const meta: MetaFunction<typeof loader> = ({ matches }) => [...pageTitle(matches, 'versions.comparePage.title'), { name: 'robots', content: 'noindex' }];

/** What the page shows of a version; its HTML stays on the server. */
function pick(version: { number: number; kind: VersionKind; name: string | null }) {
  return { number: version.number, kind: version.kind, name: version.name };
}

export async function loader(args: LoaderFunctionArgs) {
  const { document } = await requireDocumentAccess(args, 'view');
  const { db } = args.context.services;
  const url = new URL(args.request.url);
  const versions = await listVersions(db, document.id);
  const base = { document: { id: document.id, title: document.title }, versions };
  const query = CompareQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return data({ ...base, comparison: null, selected: { from: '', to: 'current' } }, { status: 400 });
  const { from, to } = query.data;
  const [older, newer] = await Promise.all([getVersionByNumber(db, document.id, from), to === 'current' ? null : getVersionByNumber(db, document.id, to)]);
  if (!older || (to !== 'current' && !newer)) throw notFound();
  const newHtml = newer ? newer.html : renderHtml(await currentState(args.context.services, document.id));
  const diff = diffHtml(older.html, newHtml);
  return {
    ...base,
    selected: { from: String(from), to: String(to) },
    comparison: { from: pick(older), to: newer ? pick(newer) : null, ...diff },
  };
}

export default function ComparePage() {
  const { t, i18n } = useTranslation();
  const { document, versions, comparison, selected } = useLoaderData<typeof loader>();
  const options = versions.map((v) => ({ value: String(v.number), label: `${v.number} · ${versionLabel(t, v)} · ${formatDateTime(v.createdAt, i18n.language)}` }));
  const name = (v: { number: number; kind: VersionKind; name: string | null }) =>
    t('versions.version.title', { number: v.number, label: versionLabel(t, v) });
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={`/documents/${document.id}/versions`}>{t('versions.backToVersions')}</Link> · <Link to={`/documents/${document.id}`}>{document.title}</Link>
      </p>
      <PageHeader
        title={t('versions.comparePage.title')}
        lead={
          comparison
            ? t('versions.comparePage.heading', { from: name(comparison.from), to: comparison.to ? name(comparison.to) : t('versions.compare.current') })
            : undefined
        }
      />
      {comparison ? (
        <DiffView blocks={comparison.blocks} summary={comparison.summary} />
      ) : (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t('versions.comparePage.invalid')}
        </p>
      )}
      {versions.length > 0 ? (
        <Form method="get" className="card mt-6 flex max-w-3xl flex-wrap items-end gap-4" aria-labelledby="compare-again-title">
          <h2 id="compare-again-title" className="w-full font-semibold">
            {t('versions.comparePage.choose')}
          </h2>
          <SelectField name="from" label={t('versions.compare.from')} options={options} defaultValue={selected.from || options[0]?.value} required />
          <SelectField
            name="to"
            label={t('versions.compare.to')}
            options={[{ value: 'current', label: t('versions.compare.current') }, ...options]}
            defaultValue={selected.to}
            required
          />
          <button type="submit" className="btn-secondary">
            {t('versions.compare.submit')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
