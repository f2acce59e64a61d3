import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary, TextAreaField, TextField } from '../components/ui/field.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getSettings, updateSettings } from '../models/setting.server.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { SettingsSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'settings.title');

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'settings:update');
  return { settings: await getSettings(args.context.services.db) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'settings:update');
  const parsed = parseForm(SettingsSchema, await args.request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await updateSettings(args.context.services.db, user.id, parsed.data);
  return redirect('/settings?notice=settings-saved');
}

export default function Settings() {
  const { t } = useTranslation();
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div>
      <NoticeBanner />
      <PageHeader title={t('settings.title')} />
      <Form method="post" className="card max-w-2xl space-y-4" noValidate>
        <FormErrorSummary errors={actionData?.errors} />
        <TextField
          label={t('settings.groupName')}
          name="groupName"
          required
          defaultValue={actionData?.values?.groupName ?? settings.groupName}
          error={actionData?.errors?.groupName}
        />
        <TextAreaField
          label={t('settings.groupDescription')}
          name="groupDescription"
          defaultValue={actionData?.values?.groupDescription ?? settings.groupDescription}
          error={actionData?.errors?.groupDescription}
        />
        <button type="submit" className="btn-primary">
          {t('common.save')}
        </button>
      </Form>
    </div>
  );
}
