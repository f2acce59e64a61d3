import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { FormErrorSummary, SelectField, TextField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listVersions } from '../models/version.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { saveVersion } from '../services/document-versions.server.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { formatDateTime, formatNumber } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { versionLabel } from '../utils/version-label.ts';
import { SaveVersionSchema } from '../schemas/version.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, 'versions.pageTitle', { title: data?.document.title ?? '' }),
  { name: 'robots', content: 'noindex' },
];

export async function loader(args: LoaderFunctionArgs) {
  const { document, access } = await requireDocumentAccess(args, 'view');
  const versions = await listVersions(args.context.services.db, document.id);
  return { document: { id: document.id, title: document.title }, versions, canEdit: access === 'edit' };
}

export async function action(args: ActionFunctionArgs) {
  const { user, document } = await requireDocumentAccess(args, 'edit');
  const parsed = parseForm(SaveVersionSchema, await args.request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveVersion(args.context.services, { documentId: document.id, kind: 'named', name: parsed.data.name, createdById: user.id });
  return redirect(`/documents/${document.id}/versions?notice=version-saved`);
}

export default function VersionsPage() {
  const { t, i18n } = useTranslation();
  const { document, versions, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const options = versions.map((v) => ({ value: String(v.number), label: `${v.number} · ${versionLabel(t, v)} · ${formatDateTime(v.createdAt, i18n.language)}` }));
  return (
    <div>
      <NoticeBanner scope="versions.notices" />
      <PageHeader
        title={t('versions.pageTitle', { title: document.title })}
        lead={t('versions.lead')}
        actions={
          <Link to={`/documents/${document.id}`} className="btn-secondary">
            {t('versions.backToDocument')}
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {canEdit ? (
          <Form method="post" className="card space-y-3" aria-labelledby="save-version-title">
            <h2 id="save-version-title" className="text-lg font-semibold">
              {t('versions.save.legend')}
            </h2>
            <FormErrorSummary errors={actionData?.errors} />
            <TextField
              name="name"
              label={t('versions.save.name')}
              help={t('versions.save.help')}
              required
              maxLength={200}
              defaultValue={actionData?.values.name}
              error={actionData?.errors.name}
            />
            <button type="submit" className="btn-primary">
              {t('versions.save.submit')}
            </button>
          </Form>
        ) : null}
        <Form method="get" action={`/documents/${document.id}/compare`} className="card space-y-3" aria-labelledby="compare-title">
          <h2 id="compare-title" className="text-lg font-semibold">
            {t('versions.compare.legend')}
          </h2>
          {versions.length === 0 ? (
            <p className="text-sm text-slate-700">{t('versions.compare.needTwo')}</p>
          ) : (
            <>
              <SelectField name="from" label={t('versions.compare.from')} options={options} defaultValue={options[0]?.value} required />
              <SelectField
                name="to"
                label={t('versions.compare.to')}
                options={[{ value: 'current', label: t('versions.compare.current') }, ...options]}
                defaultValue="current"
                required
              />
              <button type="submit" className="btn-secondary">
                {t('versions.compare.submit')}
              </button>
            </>
          )}
        </Form>
      </div>
      <div className="mt-6 overflow-x-auto">
        {versions.length === 0 ? (
          <p className="card">{t('versions.none')}</p>
        ) : (
          <table className="data-table stack-table">
            <caption className="mb-2 text-left text-sm text-slate-600">{t('versions.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('versions.columns.number')}</th>
                <th scope="col">{t('versions.columns.name')}</th>
                <th scope="col">{t('versions.columns.kind')}</th>
                <th scope="col">{t('versions.columns.author')}</th>
                <th scope="col">{t('versions.columns.time')}</th>
                <th scope="col">{t('versions.columns.words')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.id}>
                  <td data-label={t('versions.columns.number')}>{version.number}</td>
                  <th scope="row" className="border-b border-slate-200 bg-white font-normal">
                    <Link to={`/documents/${document.id}/versions/${version.number}`}>{versionLabel(t, version)}</Link>
                  </th>
                  <td data-label={t('versions.columns.kind')}>{t(`versions.kinds.${version.kind}`)}</td>
                  <td data-label={t('versions.columns.author')}>{version.authorName ?? t('versions.automaticAuthor')}</td>
                  <td data-label={t('versions.columns.time')}>
                    <time dateTime={version.createdAt}>{formatDateTime(version.createdAt, i18n.language)}</time>
                  </td>
                  <td data-label={t('versions.columns.words')}>{formatNumber(version.wordCount, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
