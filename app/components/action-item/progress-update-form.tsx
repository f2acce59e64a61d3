import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES } from '../../../db/schema.ts';
import { MAX_EVIDENCE_LINKS } from '../../schemas/action-item.ts';
import { FieldError, FormErrorSummary, SelectField, TextAreaField, TextField } from '../ui/field.tsx';
import type { ActionItemFormResult, ActionItemPageData } from '../../services/action-item-page.server.ts';

/** The progress update form: status, progress, indicator values and evidence (links and files, sent as multipart). */
export function ProgressUpdateForm({ item, today, result }: { item: ActionItemPageData['item']; today: string; result?: ActionItemFormResult }) {
  const { t } = useTranslation();
  const errors = result?.intent === 'update' ? result.errors : undefined;
  const values = result?.intent === 'update' ? result.values : {};
  const one = (key: string, fallback: string) => values[key]?.[0] ?? fallback;
  return (
    <section aria-labelledby="update-title" className="card space-y-3">
      <h2 id="update-title" className="text-lg font-semibold">
        {t('actions.update.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('actions.update.lead')}</p>
      <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
        <input type="hidden" name="intent" value="update" />
        <FormErrorSummary errors={errors} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t('actions.update.date')} name="date" type="date" required defaultValue={one('date', today)} error={errors?.date} />
          <SelectField
            label={t('actions.update.status')}
            name="status"
            required
            defaultValue={one('status', item.status)}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actions.statuses.${s}`) }))}
            error={errors?.status}
            help={t('actions.update.completedHelp')}
          />
          <TextField label={t('actions.update.progress')} name="progress" type="number" required defaultValue={one('progress', String(item.progress))} error={errors?.progress} />
        </div>
        <TextAreaField label={t('actions.update.body')} name="body" required rows={4} defaultValue={one('body', '')} error={errors?.body} maxLength={5000} />
        {item.indicators.length > 0 ? (
          <fieldset className="space-y-2 rounded border border-slate-200 p-4">
            <legend className="px-1 font-semibold">{t('actions.update.indicatorsLegend')}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {item.indicators.map((indicator) => (
                <TextField
                  key={indicator.id}
                  label={t('actions.update.indicatorValue', { name: indicator.name, unit: indicator.unit || '—' })}
                  name={`indicator.${indicator.id}`}
                  defaultValue={one(`indicator.${indicator.id}`, indicator.current === null ? '' : String(indicator.current))}
                  error={errors?.[`indicator.${indicator.id}`]}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <fieldset className="space-y-3 rounded border border-slate-200 p-4">
          <legend className="px-1 font-semibold">{t('actions.update.evidenceLegend')}</legend>
          <p className="text-sm text-slate-600">{t('actions.update.evidenceHelp')}</p>
          <FieldError error={errors?.evidenceUrls} />
          <div className="grid gap-3 sm:grid-cols-3">
            {Array.from({ length: MAX_EVIDENCE_LINKS }, (_, i) => (
              <TextField key={i} label={t('actions.update.link', { number: i + 1 })} name="evidenceUrl" type="url" defaultValue={values.evidenceUrl?.[i] ?? ''} maxLength={1000} />
            ))}
          </div>
          <div className="space-y-1">
            <label htmlFor="evidence-files" className="block text-sm font-semibold text-slate-800">
              {t('actions.update.files')}
            </label>
            <input
              id="evidence-files"
              name="evidenceFile"
              type="file"
              multiple
              aria-invalid={errors?.evidenceFile ? true : undefined}
              aria-describedby={errors?.evidenceFile ? 'evidence-files-error' : undefined}
              className="block text-sm"
            />
            <FieldError id="evidence-files-error" error={errors?.evidenceFile} />
          </div>
          <TextField label={t('actions.update.description')} name="evidenceDescription" defaultValue={one('evidenceDescription', '')} error={errors?.evidenceDescription} maxLength={300} />
        </fieldset>
        <button type="submit" className="btn-primary">
          {t('actions.update.submit')}
        </button>
      </Form>
    </section>
  );
}
