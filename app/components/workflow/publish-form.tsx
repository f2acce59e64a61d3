import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../schemas/parse-form.ts';
import { FieldError, FormErrorSummary, TextAreaField } from '../ui/field.tsx';

/** Publishes a new edition; a document not TLP:CLEAR must be reclassified, with a reason, on the way. */
export function PublishForm({ tlp, next, errors, values }: { tlp: string; next: { minor: string | null; major: string }; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const reclassifyId = useId();
  const bump = values?.bump ?? 'minor';
  return (
    <section aria-labelledby="publish-title" className="rounded border border-slate-200 p-4">
      <h2 id="publish-title" className="text-lg font-semibold">
        {t('workflow.publishTitle')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('workflow.publishLead')}</p>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="publish" />
        <FormErrorSummary errors={errors} />
        {next.minor ? (
          <fieldset>
            <legend className="text-sm font-semibold text-slate-800">{t('workflow.edition')}</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="bump" value="minor" defaultChecked={bump === 'minor'} />
                {t('workflow.bumpMinor', { edition: next.minor })}
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="bump" value="major" defaultChecked={bump === 'major'} />
                {t('workflow.bumpMajor', { edition: next.major })}
              </label>
            </div>
          </fieldset>
        ) : (
          <p className="text-sm">
            <input type="hidden" name="bump" value="major" />
            {t('workflow.firstEdition', { edition: next.major })}
          </p>
        )}
        <TextAreaField label={t('workflow.changelog')} name="changelog" rows={3} maxLength={4000} required defaultValue={values?.changelog} error={errors?.changelog} help={t('workflow.changelogHelp')} />
        {tlp !== 'CLEAR' ? (
          <div className="space-y-3 rounded border border-amber-400 bg-amber-50 p-3">
            <p className="text-sm font-semibold text-amber-950">{t('workflow.reclassifyWarning', { tlp })}</p>
            <div>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="reclassify"
                  value="1"
                  defaultChecked={values?.reclassify === '1'}
                  aria-invalid={errors?.reclassify ? true : undefined}
                  aria-describedby={errors?.reclassify ? reclassifyId : undefined}
                  className="mt-1"
                />
                <span>{t('workflow.reclassifyConfirm', { tlp })}</span>
              </label>
              <FieldError id={reclassifyId} error={errors?.reclassify} />
            </div>
            <TextAreaField label={t('workflow.reclassifyReason')} name="reason" rows={2} maxLength={1000} required defaultValue={values?.reason} error={errors?.reason} />
          </div>
        ) : null}
        <button type="submit" className="btn-primary">
          {t('workflow.publish')}
        </button>
      </Form>
    </section>
  );
}
