import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { InstitutionForm } from '../components/institution-form.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getInstitution, institutionNameTaken, setInstitutionArchived, updateInstitution } from '../models/institution.server.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { InstitutionSchema } from '../schemas/portal.ts';
import { notFound, requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, 'institutions.editTitle', { name: data?.institution.name ?? '' });

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'institution:update');
  const institution = await getInstitution(args.context.services.db, args.params.id ?? '');
  if (!institution) throw notFound();
  return { institution };
}

export async function action(args: ActionFunctionArgs) {
  const { db } = args.context.services;
  const form = await args.request.formData();
  const intent = form.get('intent');
  const user = await requirePermission(args, intent === 'archive' || intent === 'restore' ? 'institution:archive' : 'institution:update');
  const institution = await getInstitution(db, args.params.id ?? '');
  if (!institution) throw notFound();

  if (intent === 'archive' || intent === 'restore') {
    await setInstitutionArchived(db, user.id, institution.id, intent === 'archive');
    return redirect(`/institutions/${institution.id}?notice=institution-${intent === 'archive' ? 'archived' : 'restored'}`);
  }

  const parsed = parseForm(InstitutionSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (await institutionNameTaken(db, parsed.data.name, institution.id)) {
    return data({ errors: { name: 'errors.institutionNameTaken' }, values: parsed.data as Record<string, string> }, { status: 400 });
  }
  await updateInstitution(db, user.id, institution.id, parsed.data);
  return redirect(`/institutions/${institution.id}?notice=institution-updated`);
}

export default function EditInstitution() {
  const { t } = useTranslation();
  const { institution } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader title={t('institutions.editTitle', { name: institution.name })} />
      <InstitutionForm institution={institution} errors={actionData?.errors} values={actionData?.values} submitLabel={t('common.save')} />
      <section className="card max-w-2xl" aria-labelledby="archive-title">
        <h2 id="archive-title" className="text-lg font-bold">
          {t('institutions.archiveTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('institutions.archiveHelp')}</p>
        <Form method="post" className="mt-3">
          {institution.archivedAt ? (
            <button type="submit" name="intent" value="restore" className="btn-secondary">
              {t('institutions.restore')}
            </button>
          ) : (
            <button type="submit" name="intent" value="archive" className="btn-danger">
              {t('institutions.archive')}
            </button>
          )}
        </Form>
      </section>
    </div>
  );
}
