import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrorSummary, TextAreaField, TextField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getCbm, updateCbmText } from '../models/cbm.server.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { CbmTextSchema } from '../schemas/portal.ts';
import { notFound, requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'cbms.editTitle', { number: data?.cbm.number ?? '' });

async function findCbm(args: LoaderFunctionArgs) {
  const number = Number(args.params.number);
  const cbm = Number.isInteger(number) ? await getCbm(args.context.services.db, number) : undefined;
  if (!cbm) throw notFound();
  return cbm;
}

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'cbm:update');
  return { cbm: await findCbm(args) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'cbm:update');
  const cbm = await findCbm(args);
  const parsed = parseForm(CbmTextSchema, await args.request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await updateCbmText(args.context.services.db, user.id, cbm.number, parsed.data);
  return redirect(`/cbms/${cbm.number}?notice=cbm-saved`);
}

export default function EditCbm() {
  const { t } = useTranslation();
  const { cbm } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div>
      <PageHeader title={t('cbms.editTitle', { number: cbm.number })} />
      <Form method="post" className="card max-w-3xl space-y-4" noValidate>
        <FormErrorSummary errors={actionData?.errors} />
        <TextField label={t('cbms.titleField')} name="title" required defaultValue={actionData?.values?.title ?? cbm.title} error={actionData?.errors?.title} />
        <TextAreaField label={t('cbms.textField')} name="text" required rows={10} defaultValue={actionData?.values?.text ?? cbm.text} error={actionData?.errors?.text} />
        <button type="submit" className="btn-primary">
          {t('common.save')}
        </button>
      </Form>
    </div>
  );
}
