import { Form } from '@remix-run/react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_PRIORITIES, ACTION_STATUSES, FUNDING_SOURCES, TLP_LABELS } from '../../db/schema.ts';
import { INDICATOR_FIELDS, MAX_INDICATORS, type ActionItemInput } from '../schemas/action-item.ts';
import type { FieldErrors } from '../schemas/parse-form.ts';
import { FieldError, FieldLabel, FormErrorSummary, RequiredMark, SelectField, TextAreaField, TextField } from './ui/field.tsx';
import type { ActionItemFormOptions } from '../services/action-item-form.server.ts';
import { pillarName } from '../utils/pillar-name.ts';

export interface IndicatorFormRow {
  name: string;
  unit: string;
  baseline: string;
  target: string;
  current: string;
}

/** What the item form shows: every value as typed, so a refused form comes back unchanged. */
export interface ActionItemFormValues {
  planId: string;
  code: string;
  title: string;
  description: string;
  sectionRef: string;
  pillarCode: string;
  cbms: string[];
  primaryCbm: string;
  ownerInstitutionId: string;
  supporterIds: string[];
  status: string;
  priority: string;
  startDate: string;
  dueDate: string;
  progress: string;
  budgetAmount: string;
  budgetCurrency: string;
  fundingSource: string;
  tlp: string;
  tags: string;
  indicators: IndicatorFormRow[];
}

/** Empty indicator rows offered after the filled ones; "add more" offers this many again. */
export const SPARE_INDICATOR_ROWS = 3;

/** How many indicator rows to show after "add more": the rows shown before, plus a few. */
export function moreIndicatorRows(form: FormData, filled: number): number {
  const shown = Number(form.get('indicatorRows'));
  const before = Number.isInteger(shown) && shown > 0 ? shown : SPARE_INDICATOR_ROWS;
  return Math.min(MAX_INDICATORS, Math.max(before, filled) + SPARE_INDICATOR_ROWS);
}

export function emptyActionItemValues(planId = ''): ActionItemFormValues {
  return {
    planId,
    code: '',
    title: '',
    description: '',
    sectionRef: '',
    pillarCode: '',
    cbms: [],
    primaryCbm: '',
    ownerInstitutionId: '',
    supporterIds: [],
    status: 'not_started',
    priority: 'medium',
    startDate: '',
    dueDate: '',
    progress: '0',
    budgetAmount: '',
    budgetCurrency: '',
    fundingSource: '',
    tlp: 'GREEN',
    tags: '',
    indicators: [],
  };
}

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function actionItemValuesFromInput(input: ActionItemInput): ActionItemFormValues {
  return {
    planId: input.planId,
    code: input.code,
    title: input.title,
    description: input.description,
    sectionRef: text(input.sectionRef),
    pillarCode: text(input.pillarCode),
    cbms: input.cbms.map(String),
    primaryCbm: String(input.primaryCbm),
    ownerInstitutionId: input.ownerInstitutionId,
    supporterIds: input.supporterIds,
    status: input.status,
    priority: input.priority,
    startDate: text(input.startDate),
    dueDate: text(input.dueDate),
    progress: String(input.progress),
    budgetAmount: text(input.budgetAmount),
    budgetCurrency: text(input.budgetCurrency),
    fundingSource: text(input.fundingSource),
    tlp: input.tlp,
    tags: input.tags.join(', '),
    indicators: input.indicators.map((i) => ({ name: i.name, unit: i.unit, baseline: text(i.baseline), target: text(i.target), current: text(i.current) })),
  };
}

/** What was typed into the form, to show it again after a validation error. */
export function actionItemValuesFromForm(form: FormData): ActionItemFormValues {
  const one = (key: string) => {
    const value = form.get(key);
    return typeof value === 'string' ? value : '';
  };
  const many = (key: string) => form.getAll(key).filter((v): v is string => typeof v === 'string');
  const columns = INDICATOR_FIELDS.map(many);
  const rows = Math.max(0, ...columns.map((c) => c.length));
  const indicators: IndicatorFormRow[] = [];
  for (let i = 0; i < rows; i++) {
    const [name, unit, baseline, target, current] = columns.map((c) => c[i] ?? '');
    if ([name, unit, baseline, target, current].some((v) => v.trim() !== '')) indicators.push({ name, unit, baseline, target, current });
  }
  return {
    planId: one('planId'),
    code: one('code'),
    title: one('title'),
    description: one('description'),
    sectionRef: one('sectionRef'),
    pillarCode: one('pillarCode'),
    cbms: many('cbms'),
    primaryCbm: one('primaryCbm'),
    ownerInstitutionId: one('ownerInstitutionId'),
    supporterIds: many('supporterIds'),
    status: one('status'),
    priority: one('priority'),
    startDate: one('startDate'),
    dueDate: one('dueDate'),
    progress: one('progress'),
    budgetAmount: one('budgetAmount'),
    budgetCurrency: one('budgetCurrency'),
    fundingSource: one('fundingSource'),
    tlp: one('tlp'),
    tags: one('tags'),
    indicators,
  };
}


function Fieldset({ legend, help, children }: { legend: string; help?: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-4">
      <legend className="px-1 font-semibold">{legend}</legend>
      {help ? <p className="text-sm text-slate-600">{help}</p> : null}
      {children}
    </fieldset>
  );
}

function CbmChoice({ cbms, values, errors }: { cbms: ActionItemFormOptions['cbms']; values: ActionItemFormValues; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const id = useId();
  const error = errors?.cbms ?? errors?.primaryCbm;
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-4" aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}>
      <legend className="px-1 font-semibold">
        {t('actions.form.cbmsLegend')}
        <RequiredMark required />
      </legend>
      <p id={`${id}-help`} className="text-sm text-slate-600">
        {t('actions.form.cbmsHelp')}
      </p>
      <FieldError id={`${id}-error`} error={error} />
      <table className="w-full text-sm">
        <caption className="sr-only">{t('actions.form.cbmsLegend')}</caption>
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-1 pr-2">
              {t('actions.fields.cbms')}
            </th>
            <th scope="col" className="py-1">
              {t('actions.fields.primaryCbm')}
            </th>
          </tr>
        </thead>
        <tbody>
          {cbms.map((cbm) => (
            <tr key={cbm.number} className="border-t border-slate-100">
              <td className="py-1 pr-2">
                <label className="flex items-start gap-2">
                  <input type="checkbox" name="cbms" value={cbm.number} defaultChecked={values.cbms.includes(String(cbm.number))} className="mt-1" />
                  <span>{t('actions.form.cbmLabel', { number: cbm.number, title: cbm.title })}</span>
                </label>
              </td>
              <td className="py-1">
                <label className="inline-flex items-center gap-1">
                  <input type="radio" name="primaryCbm" value={cbm.number} defaultChecked={values.primaryCbm === String(cbm.number)} />
                  <span className="sr-only">{t('actions.form.primaryLabel', { number: cbm.number })}</span>
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

function IndicatorRows({ values, rows, error }: { values: IndicatorFormRow[]; rows: number; error?: string }) {
  const { t } = useTranslation();
  const all = [...values, ...Array.from({ length: Math.max(0, rows - values.length) }, () => ({ name: '', unit: '', baseline: '', target: '', current: '' }))];
  const labels = ['indicatorName', 'indicatorUnit', 'indicatorBaseline', 'indicatorTarget', 'indicatorCurrent'] as const;
  const keys = ['name', 'unit', 'baseline', 'target', 'current'] as const;
  return (
    <Fieldset legend={t('actions.form.indicatorsLegend')} help={t('actions.form.indicatorsHelp')}>
      <FieldError id="indicators-error" error={error} />
      <input type="hidden" name="indicatorRows" value={all.length} />
      {all.map((row, index) => (
        <fieldset key={index} className="grid gap-2 sm:grid-cols-[2fr_1fr_1fr_1fr_1fr]">
          <legend className="sr-only">{t('actions.form.indicatorRow', { number: index + 1 })}</legend>
          {keys.map((key, k) => (
            <label key={key} className="block text-xs font-semibold text-slate-700">
              {t(`actions.form.${labels[k]}`)}
              <span className="sr-only"> ({t('actions.form.indicatorRow', { number: index + 1 })})</span>
              <input
                name={INDICATOR_FIELDS[k]}
                defaultValue={row[key]}
                inputMode={k >= 2 ? 'decimal' : undefined}
                maxLength={k === 0 ? 200 : 40}
                className="field-input mt-1 font-normal"
              />
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" name="intent" value="more-indicators" formNoValidate className="btn-secondary">
        {t('actions.form.moreIndicators')}
      </button>
    </Fieldset>
  );
}

/** One form for an action item: used to create it and, by the secretariat, to edit every field. */
export function ActionItemForm({
  values,
  errors,
  options,
  indicatorRows,
  submitLabel,
}: {
  values: ActionItemFormValues;
  errors?: FieldErrors;
  options: ActionItemFormOptions;
  /** How many indicator rows to offer in all. */
  indicatorRows: number;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const supportersId = useId();
  return (
    <Form method="post" className="card max-w-4xl space-y-4" noValidate>
      {/* Enter in a text field submits with the first submit button: make that "save", not "add rows". */}
      <button type="submit" name="intent" value="save" tabIndex={-1} aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        {submitLabel}
      </button>
      <FormErrorSummary errors={errors} />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <SelectField
          label={t('actions.fields.planId')}
          name="planId"
          required
          defaultValue={values.planId}
          emptyLabel={t('actions.form.choose')}
          options={options.plans}
          error={errors?.planId}
        />
        <TextField label={t('actions.fields.code')} name="code" required defaultValue={values.code} error={errors?.code} help={t('actions.form.codeHelp')} maxLength={20} />
      </div>
      <TextField label={t('actions.fields.title')} name="title" required defaultValue={values.title} error={errors?.title} maxLength={300} />
      <TextAreaField label={t('actions.fields.description')} name="description" rows={4} defaultValue={values.description} error={errors?.description} maxLength={5000} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('actions.fields.sectionRef')} name="sectionRef" defaultValue={values.sectionRef} error={errors?.sectionRef} help={t('actions.form.sectionHelp')} maxLength={300} />
        <SelectField
          label={t('actions.fields.pillarCode')}
          name="pillarCode"
          defaultValue={values.pillarCode}
          emptyLabel={t('actions.form.noPillar')}
          options={options.pillars.map((p) => ({ value: p.code, label: `${p.code}. ${pillarName(t, p)}` }))}
          error={errors?.pillarCode}
        />
      </div>
      <CbmChoice cbms={options.cbms} values={values} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('actions.fields.ownerInstitutionId')}
          name="ownerInstitutionId"
          required
          defaultValue={values.ownerInstitutionId}
          emptyLabel={t('actions.form.choose')}
          options={options.institutions}
          error={errors?.ownerInstitutionId}
        />
        <div className="space-y-1">
          <FieldLabel htmlFor={supportersId} label={t('actions.fields.supporterIds')} />
          <select
            id={supportersId}
            name="supporterIds"
            multiple
            size={6}
            defaultValue={values.supporterIds}
            aria-describedby={`${supportersId}-help${errors?.supporterIds ? ` ${supportersId}-error` : ''}`}
            aria-invalid={errors?.supporterIds ? true : undefined}
            className="field-input"
          >
            {options.institutions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <p id={`${supportersId}-help`} className="text-xs text-slate-600">
            {t('actions.form.supportersHelp')}
          </p>
          <FieldError id={`${supportersId}-error`} error={errors?.supporterIds} />
        </div>
      </div>
      <Fieldset legend={t('actions.form.planningLegend')}>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label={t('actions.fields.status')}
            name="status"
            required
            defaultValue={values.status}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actions.statuses.${s}`) }))}
            error={errors?.status}
          />
          <SelectField
            label={t('actions.fields.priority')}
            name="priority"
            required
            defaultValue={values.priority}
            options={ACTION_PRIORITIES.map((p) => ({ value: p, label: t(`actions.priorities.${p}`) }))}
            error={errors?.priority}
          />
          <TextField label={t('actions.fields.progress')} name="progress" type="number" defaultValue={values.progress} error={errors?.progress} help={t('actions.form.progressHelp')} />
          <TextField label={t('actions.fields.startDate')} name="startDate" type="date" defaultValue={values.startDate} error={errors?.startDate} />
          <TextField label={t('actions.fields.dueDate')} name="dueDate" type="date" defaultValue={values.dueDate} error={errors?.dueDate} />
        </div>
      </Fieldset>
      <IndicatorRows values={values.indicators} rows={indicatorRows} error={errors?.indicators} />
      <Fieldset legend={t('actions.form.budgetLegend')}>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('actions.fields.budgetAmount')} name="budgetAmount" defaultValue={values.budgetAmount} error={errors?.budgetAmount} maxLength={20} />
          <TextField label={t('actions.fields.budgetCurrency')} name="budgetCurrency" defaultValue={values.budgetCurrency} error={errors?.budgetCurrency} help={t('actions.form.currencyHelp')} maxLength={3} />
          <SelectField
            label={t('actions.fields.fundingSource')}
            name="fundingSource"
            defaultValue={values.fundingSource}
            emptyLabel={t('actions.form.notSet')}
            options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`actions.fundingSources.${f}`) }))}
            error={errors?.fundingSource}
          />
        </div>
      </Fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('tlp.label')}
          name="tlp"
          required
          defaultValue={values.tlp}
          options={TLP_LABELS.map((v) => ({ value: v, label: t(`tlp.${v}`) }))}
          error={errors?.tlp}
        />
        <TextField label={t('actions.fields.tags')} name="tags" defaultValue={values.tags} error={errors?.tags} help={t('actions.form.tagsHelp')} maxLength={500} />
      </div>
      <button type="submit" name="intent" value="save" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
