import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { InstitutionForm } from '../components/institution-form.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { createInstitution, institutionNameTaken } from '../models/institution.server.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { InstitutionSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'institutions.createTitle');

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'institution:create');
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'institution:create');
  const { db } = args.context.services;
  const parsed = parseForm(InstitutionSchema, await args.request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (await institutionNameTaken(db, parsed.data.name)) {
    return data({ errors: { name: 'errors.institutionNameTaken' }, values: parsed.data as Record<string, string> }, { status: 400 });
  }
  const institution = await createInstitution(db, user.id, parsed.data);
  return redirect(`/institutions/${institution.id}?notice=institution-created`);
}

export default function NewInstitution() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={t('institutions.createTitle')} />
      <InstitutionForm errors={actionData?.errors} values={actionData?.values} submitLabel={t('common.save')} />
    </div>
  );
}
