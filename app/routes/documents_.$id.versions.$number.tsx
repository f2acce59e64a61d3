import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { RenderedText } from '../components/rendered-text.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getVersionByNumber } from '../models/version.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { restoreVersion } from '../services/document-versions.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { notFound } from '../services/session.server.ts';
import { VersionNumberSchema } from '../schemas/version.ts';
import { versionLabel } from '../utils/version-label.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, 'versions.labels.number', { number: data?.version.number ?? '' }),
  { name: 'robots', content: 'noindex' },
];

async function loadVersion(args: LoaderFunctionArgs, minimum: 'view' | 'edit') {
  const access = await requireDocumentAccess(args, minimum);
  const number = VersionNumberSchema.safeParse(args.params.number);
  if (!number.success) throw notFound();
  const version = await getVersionByNumber(args.context.services.db, access.document.id, number.data);
  if (!version) throw notFound();
  return { ...access, version };
}

export async function loader(args: LoaderFunctionArgs) {
  const { document, access, version } = await loadVersion(args, 'view');
  return { document: { id: document.id, title: document.title, language: document.language }, version, canEdit: access === 'edit' };
}

export async function action(args: ActionFunctionArgs) {
  const { user, document, version } = await loadVersion(args, 'edit');
  await restoreVersion(args.context.services, { documentId: document.id, versionId: version.id, actorId: user.id });
  return redirect(`/documents/${document.id}/versions?notice=version-restored`);
}

export default function VersionPage() {
  const { t, i18n } = useTranslation();
  const { document, version, canEdit } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={`/documents/${document.id}/versions`}>{t('versions.backToVersions')}</Link> · <Link to={`/documents/${document.id}`}>{document.title}</Link>
      </p>
      <PageHeader
        title={t('versions.version.title', { number: version.number, label: versionLabel(t, version) })}
        lead={
          <>
            {t('versions.version.readOnly')}{' '}
            {t('versions.version.savedBy', { name: version.authorName ?? t('versions.automaticAuthor'), date: formatDateTime(version.createdAt, i18n.language) })}
          </>
        }
        actions={
          <Link to={`/documents/${document.id}/compare?from=${version.number}&to=current`} className="btn-secondary">
            {t('versions.version.compareWithCurrent')}
          </Link>
        }
      />
      {canEdit ? (
        <Form method="post" className="card mb-6 max-w-3xl space-y-2" aria-labelledby="restore-title">
          <h2 id="restore-title" className="font-semibold">
            {t('versions.version.restoreLegend')}
          </h2>
          <p id="restore-help" className="text-sm text-slate-700">
            {t('versions.version.restoreHelp')}
          </p>
          <button type="submit" className="btn-danger" aria-describedby="restore-help">
            {t('versions.version.restoreSubmit')}
          </button>
        </Form>
      ) : null}
      {/* Stored output of the allow-list renderer (renderHtml): sanitised when the version was saved. */}
      <RenderedText html={version.html} label={versionLabel(t, version)} lang={document.language} className="card max-w-3xl" />
    </div>
  );
}
