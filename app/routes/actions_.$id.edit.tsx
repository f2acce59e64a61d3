import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActionItemForm, actionItemValuesFromForm, actionItemValuesFromInput, moreIndicatorRows, SPARE_INDICATOR_ROWS } from '../components/action-item-form.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { ActionItemInputError, deleteActionItem, getActionItemInput } from '../models/action-item.server.ts';
import { changeActionItem } from '../services/action-items.server.ts';
import { itemHasEvidence } from '../models/action-update.server.ts';
import { requireActionItem } from '../services/action-item-access.server.ts';
import { actionItemFormOptions } from '../services/action-item-form.server.ts';
import { parseActionItemForm } from '../schemas/action-item.ts';
import { removeEvidenceFiles } from '../services/evidence-storage.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { notFound } from '../services/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'actions.form.editTitle', { code: data?.code ?? '' });

export async function loader(args: LoaderFunctionArgs) {
  const { itemId } = await requireActionItem(args, 'edit');
  const { db } = args.context.services;
  const [input, options] = await Promise.all([getActionItemInput(db, itemId), actionItemFormOptions(db)]);
  if (!input) throw notFound();
  // The item's own plan stays selectable even if it has since been archived.
  if (!options.plans.some((p) => p.value === input.planId)) options.plans.unshift({ value: input.planId, label: input.planId });
  return { id: itemId, code: input.code, values: actionItemValuesFromInput(input), options };
}

export async function action(args: ActionFunctionArgs) {
  const { user, itemId } = await requireActionItem(args, 'edit');
  const { db } = args.context.services;
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'delete') {
    if (form.get('confirm') !== 'yes') return data({ values: null, errors: { confirm: 'actions.errors.confirmDelete' }, rows: 0 }, { status: 400 });
    const files = await deleteActionItem(db, itemId, user.id);
    await removeEvidenceFiles(db, files);
    return redirect('/actions');
  }
  const values = actionItemValuesFromForm(form);
  if (intent === 'more-indicators') return data({ values, errors: undefined, rows: moreIndicatorRows(form, values.indicators.length) });
  const rows = Math.max(values.indicators.length, SPARE_INDICATOR_ROWS);
  const parsed = parseActionItemForm(form);
  if (!parsed.ok) return data({ values, errors: parsed.errors, rows }, { status: 400 });
  // The form may not mark an item completed without evidence any more than a progress update may.
  if (parsed.data.status === 'completed' && (await getActionItemInput(db, itemId))?.status !== 'completed' && !(await itemHasEvidence(db, itemId))) {
    return data({ values, errors: { status: 'actions.errors.completedNeedsEvidence' }, rows }, { status: 400 });
  }
  let changed: number;
  try {
    changed = (await changeActionItem(db, itemId, parsed.data, user.id, 'form')).length;
  } catch (error) {
    if (error instanceof ActionItemInputError) return data({ values, errors: error.errors, rows }, { status: 400 });
    throw error;
  }
  return redirect(`/actions/${itemId}?notice=${changed > 0 ? 'saved' : 'unchanged'}`);
}

export default function EditActionItem() {
  const { t } = useTranslation();
  const { id, code, values, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const shown = actionData?.values ?? values;
  const confirmError = actionData?.errors && 'confirm' in actionData.errors ? actionData.errors.confirm : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={t('actions.form.editTitle', { code })} />
      <ActionItemForm
        values={shown}
        errors={confirmError ? undefined : actionData?.errors}
        options={options}
        indicatorRows={actionData?.rows || Math.max(shown.indicators.length + 1, SPARE_INDICATOR_ROWS)}
        submitLabel={t('actions.form.save')}
      />
      <section aria-labelledby="delete-title" className="card max-w-4xl space-y-2 border-red-200">
        <h2 id="delete-title" className="text-lg font-semibold">
          {t('actions.form.deleteTitle')}
        </h2>
        <p className="text-sm text-slate-700">{t('actions.form.deleteHelp')}</p>
        <Form method="post" action={`/actions/${id}/edit`} className="space-y-2">
          <input type="hidden" name="intent" value="delete" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="confirm" value="yes" aria-invalid={confirmError ? true : undefined} aria-describedby={confirmError ? 'confirm-error' : undefined} />
            {t('actions.form.deleteConfirm')}
          </label>
          {confirmError ? (
            <p id="confirm-error" className="text-sm font-medium text-red-800" role="alert">
              {t(confirmError)}
            </p>
          ) : null}
          <button type="submit" className="btn-danger">
            {t('actions.form.delete')}
          </button>
        </Form>
      </section>
    </div>
  );
}
