import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { InvitationLink } from '../components/invitation-link.tsx';
import { FormErrorSummary, SelectField, TextField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getInstitution, listInstitutionOptions } from '../models/institution.server.ts';
import { createInvitation } from '../models/invitation.server.ts';
import { emailRegistered } from '../models/person.server.ts';
import { assignableRoles, canAssignRole } from '../policies/permissions.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { deliverInvitation } from '../services/invitation-mail.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { InvitationSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people.inviteTitle');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'person:invite');
  const institutions = await listInstitutionOptions(args.context.services.db, await resolveLanguage(args.request));
  return {
    institutions,
    roles: assignableRoles(user),
    defaultInstitutionId: new URL(args.request.url).searchParams.get('institutionId') ?? '',
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'person:invite');
  const { db } = args.context.services;
  const parsed = parseForm(InvitationSchema, await args.request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, invited: null }, { status: 400 });
  const input = parsed.data;
  const errors: FieldErrors = {};
  const institution = await getInstitution(db, input.institutionId);
  if (!institution || institution.archivedAt) errors.institutionId = 'errors.invalidChoice';
  if (!canAssignRole(user, null, input.role)) errors.role = 'errors.roleNotAllowed';
  if (await emailRegistered(db, input.email)) errors.email = 'errors.emailTaken';
  if (Object.keys(errors).length > 0 || !institution) {
    return data({ errors, values: input as Record<string, string>, invited: null }, { status: 400 });
  }
  const { token } = await createInvitation(db, { ...input, invitedById: user.id });
  const delivered = await deliverInvitation(args.context, args.request, {
    email: input.email,
    role: input.role,
    institutionName: institution.name,
    inviterName: user.name,
    token,
  });
  return data({ errors: undefined, values: undefined, invited: { email: input.email, ...delivered } });
}

export default function InvitePerson() {
  const { t } = useTranslation();
  const { institutions, roles, defaultInstitutionId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values;
  return (
    <div>
      <PageHeader title={t('people.inviteTitle')} lead={t('people.inviteLead')} />
      {actionData?.invited ? <InvitationLink {...actionData.invited} /> : null}
      {/* A new key after each invitation empties the form for the next one. */}
      <Form method="post" className="card max-w-2xl space-y-4" noValidate key={actionData?.invited?.link ?? 'form'}>
        <FormErrorSummary errors={actionData?.errors} />
        <TextField label={t('common.email')} name="email" type="email" required defaultValue={values?.email} error={actionData?.errors?.email} />
        <TextField label={t('people.inviteName')} name="name" defaultValue={values?.name} error={actionData?.errors?.name} />
        <SelectField
          label={t('common.institution')}
          name="institutionId"
          required
          emptyLabel="—"
          defaultValue={values?.institutionId ?? defaultInstitutionId}
          options={institutions.map((i) => ({ value: i.id, label: i.acronym ? `${i.name} (${i.acronym})` : i.name }))}
          error={actionData?.errors?.institutionId}
        />
        <SelectField
          label={t('common.role')}
          name="role"
          required
          defaultValue={values?.role ?? 'member'}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={actionData?.errors?.role}
        />
        <button type="submit" className="btn-primary">
          {t('people.inviteSubmit')}
        </button>
      </Form>
    </div>
  );
}
