import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActionItemForm, actionItemValuesFromForm, emptyActionItemValues, moreIndicatorRows, SPARE_INDICATOR_ROWS } from '../components/action-item-form.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { ActionItemInputError, getActionItemAccessContext } from '../models/action-item.server.ts';
import { mayReadItem } from '../policies/action-item-access.ts';
import { parseActionItemForm } from '../schemas/action-item.ts';
import { actionItemFormOptions } from '../services/action-item-form.server.ts';
import { createActionItemFromForm } from '../services/action-items.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { requirePermission } from '../services/session.server.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'actions.form.newTitle');

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, 'action-item:create');
  const options = await actionItemFormOptions(args.context.services.db);
  const requested = new URL(args.request.url).searchParams.get('plan');
  const planId = options.plans.find((p) => p.value === requested)?.value ?? options.plans[0]?.value ?? '';
  return { options, values: emptyActionItemValues(planId) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'action-item:create');
  const { db } = args.context.services;
  const form = await args.request.formData();
  const values = actionItemValuesFromForm(form);
  // "Add more indicator rows" without JavaScript: show the form again, nothing saved.
  if (form.get('intent') === 'more-indicators') return data({ values, errors: undefined, rows: moreIndicatorRows(form, values.indicators.length) });
  const rows = Math.max(values.indicators.length, SPARE_INDICATOR_ROWS);
  const parsed = parseActionItemForm(form);
  if (!parsed.ok) return data({ values, errors: parsed.errors, rows }, { status: 400 });
  // A new item has no evidence yet: it is completed by a progress update that attaches some.
  if (parsed.data.status === 'completed') return data({ values, errors: { status: 'actions.errors.completedNeedsEvidence' }, rows }, { status: 400 });
  let id: string;
  try {
    id = await createActionItemFromForm(db, parsed.data, user.id);
  } catch (error) {
    if (error instanceof ActionItemInputError) return data({ values, errors: error.errors, rows }, { status: 400 });
    throw error;
  }
  // The secretariat may file an item it cannot read itself (AMBER+STRICT, RED of another institution).
  const context = await getActionItemAccessContext(db, id);
  return redirect(context && mayReadItem(user, context) ? `/actions/${id}?notice=created` : '/actions');
}

export default function NewActionItem() {
  const { t } = useTranslation();
  const { options, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const shown = actionData?.values ?? values;
  return (
    <div>
      <PageHeader title={t('actions.form.newTitle')} lead={t('actions.form.newLead')} />
      {options.plans.length === 0 ? <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">{t('actions.form.noPlans')}</p> : null}
      <ActionItemForm
        values={shown}
        errors={actionData?.errors}
        options={options}
        indicatorRows={actionData?.rows ?? Math.max(shown.indicators.length, SPARE_INDICATOR_ROWS)}
        submitLabel={t('actions.form.create')}
      />
    </div>
  );
}
