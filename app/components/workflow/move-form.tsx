import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../../db/schema.ts';
import type { FieldErrors } from '../../schemas/parse-form.ts';
import { FieldError, FormErrorSummary, TextAreaField, TextField } from '../ui/field.tsx';

/** Moves the document to one of the statuses its current one allows, with an optional note (and a deadline for positions when opening consultation). */
export function MoveForm({ moves, errors, values }: { moves: DocumentStatus[]; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <section aria-labelledby="move-title" className="rounded border border-slate-200 p-4">
      <h2 id="move-title" className="text-lg font-semibold">
        {t('workflow.moveTitle')}
      </h2>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="move" />
        <FormErrorSummary errors={errors} />
        <fieldset aria-describedby={errors?.to ? errorId : undefined}>
          <legend className="text-sm font-semibold text-slate-800">{t('workflow.moveTo')}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {moves.map((to, index) => (
              <label key={to} className="flex items-center gap-2 text-sm">
                <input type="radio" name="to" value={to} defaultChecked={values?.to ? values.to === to : index === 0} />
                {t(`workflow.moveLabels.${to}`)}
              </label>
            ))}
          </div>
          <FieldError id={errorId} error={errors?.to} />
        </fieldset>
        {moves.includes('consultation') ? (
          <TextField label={t('workflow.deadline')} name="deadline" type="date" defaultValue={values?.deadline} error={errors?.deadline} help={t('workflow.deadlineHelp')} />
        ) : null}
        <TextAreaField label={t('workflow.note')} name="note" rows={2} maxLength={2000} defaultValue={values?.note} error={errors?.note} help={t('workflow.noteHelp')} />
        <button type="submit" className="btn-primary">
          {t('workflow.move')}
        </button>
      </Form>
    </section>
  );
}
