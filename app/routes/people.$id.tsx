import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary, SelectField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getInstitution, listInstitutionOptions } from '../models/institution.server.ts';
import { getPerson, setPersonActive, updatePersonAssignment } from '../models/person.server.ts';
import { assignableRoles, canAssignRole, canManagePerson } from '../policies/permissions.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { PersonAssignmentSchema } from '../schemas/portal.ts';
import { forbidden, notFound, requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'people.editTitle', { name: data?.person.name ?? '' });

async function loadManageable(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'person:change-role');
  const person = await getPerson(args.context.services.db, args.params.id ?? '');
  if (!person) throw notFound();
  if (!canManagePerson(user, person)) throw forbidden();
  return { user, person };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, person } = await loadManageable(args);
  const institutions = await listInstitutionOptions(args.context.services.db, await resolveLanguage(args.request));
  return { person, institutions, roles: assignableRoles(user) };
}

export async function action(args: ActionFunctionArgs) {
  const { user, person } = await loadManageable(args);
  const { db } = args.context.services;
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'deactivate' || intent === 'reactivate') {
    await setPersonActive(db, user.id, person.id, intent === 'reactivate');
    // Their open editors end now, not at the next periodic check.
    await args.context.services.collab.revalidateUser(person.id);
    return redirect(`/people?notice=person-${intent}d`);
  }
  const parsed = parseForm(PersonAssignmentSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const institution = await getInstitution(db, parsed.data.institutionId);
  if (!institution || institution.archivedAt) return data({ errors: { institutionId: 'errors.invalidChoice' } as FieldErrors }, { status: 400 });
  if (!canAssignRole(user, person, parsed.data.role)) return data({ errors: { role: 'errors.roleNotAllowed' } as FieldErrors }, { status: 400 });
  await updatePersonAssignment(db, user.id, person.id, parsed.data);
  // A new role or institution changes what they may edit: their live connections follow at once.
  await args.context.services.collab.revalidateUser(person.id);
  return redirect('/people?notice=person-updated');
}

export default function ManagePerson() {
  const { t } = useTranslation();
  const { person, institutions, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader title={t('people.editTitle', { name: person.name })} lead={person.email} />
      <section className="card max-w-2xl" aria-labelledby="assignment-title">
        <h2 id="assignment-title" className="text-lg font-bold">
          {t('people.assignmentTitle')}
        </h2>
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <FormErrorSummary errors={actionData?.errors} />
          <SelectField
            label={t('common.role')}
            name="role"
            required
            defaultValue={person.role}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            error={actionData?.errors?.role}
          />
          <SelectField
            label={t('common.institution')}
            name="institutionId"
            required
            defaultValue={person.institutionId}
            options={institutions.map((i) => ({ value: i.id, label: i.name }))}
            error={actionData?.errors?.institutionId}
          />
          <button type="submit" name="intent" value="assign" className="btn-primary">
            {t('common.save')}
          </button>
        </Form>
      </section>
      <section className="card max-w-2xl" aria-labelledby="access-title">
        <h2 id="access-title" className="text-lg font-bold">
          {t('people.accessTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('people.deactivateHelp')}</p>
        <p className="mt-2 text-sm">
          {t('common.status')}: <strong>{person.deactivatedAt ? t('common.deactivated') : t('common.active')}</strong>
        </p>
        <Form method="post" className="mt-3">
          {person.deactivatedAt ? (
            <button type="submit" name="intent" value="reactivate" className="btn-secondary">
              {t('people.reactivate')}
            </button>
          ) : (
            <button type="submit" name="intent" value="deactivate" className="btn-danger">
              {t('people.deactivate')}
            </button>
          )}
        </Form>
      </section>
    </div>
  );
}
