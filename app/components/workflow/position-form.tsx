import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { POSITIONS, type Position } from '../../../db/schema.ts';
import type { FieldErrors } from '../../schemas/parse-form.ts';
import { FieldError, FormErrorSummary, RequiredMark, TextAreaField } from '../ui/field.tsx';

/** Records the institution's position in the current consultation round. */
export function PositionForm({ own, errors, values }: { own: { position: Position | null; statement: string | null } | null; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const errorId = useId();
  const chosen = values?.position ?? own?.position ?? '';
  return (
    <section aria-labelledby="position-title" className="rounded border border-slate-200 p-4">
      <h2 id="position-title" className="text-lg font-semibold">
        {t('workflow.positionFormTitle')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('workflow.positionFormLead')}</p>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="position" />
        <FormErrorSummary errors={errors} />
        <fieldset aria-describedby={errors?.position ? errorId : undefined}>
          <legend className="text-sm font-semibold text-slate-800">
            {t('workflow.position')}
            <RequiredMark required />
          </legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {POSITIONS.map((position) => (
              <label key={position} className="flex items-center gap-2 text-sm">
                <input type="radio" name="position" value={position} defaultChecked={chosen === position} required />
                {t(`workflow.positions.${position}`)}
              </label>
            ))}
          </div>
          <FieldError id={errorId} error={errors?.position} />
        </fieldset>
        <TextAreaField label={t('workflow.statement')} name="statement" rows={3} maxLength={4000} required defaultValue={values?.statement ?? own?.statement ?? ''} error={errors?.statement} />
        <button type="submit" className="btn-primary">
          {t('workflow.recordPosition')}
        </button>
      </Form>
    </section>
  );
}
