import { Form } from '@remix-run/react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_LANGUAGES, DOCUMENT_TYPES, TLP_LABELS } from '../../db/schema.ts';
import type { FieldErrors } from '../schemas/parse-form.ts';
import { FieldLabel, FormErrorSummary, RadioGroupField, SelectField, TextAreaField, TextField } from './ui/field.tsx';

export interface DocumentFormValues {
  title: string;
  type: string;
  language: string;
  summary: string;
  ownerInstitutionId: string;
  tlp: string;
  editInstitutions: string[];
  suggestInstitutions: string[];
  commentInstitutions: string[];
  editPeople: string[];
  suggestPeople: string[];
  commentPeople: string[];
  viewPeople: string[];
}

/** What was typed into the form, to show it again after a validation error. */
export function documentValuesFromForm(form: FormData): DocumentFormValues {
  const one = (key: string) => String(form.get(key) ?? '');
  const many = (key: string) => form.getAll(key).map(String);
  return {
    title: one('title'),
    type: one('type'),
    language: one('language'),
    summary: one('summary'),
    ownerInstitutionId: one('ownerInstitutionId'),
    tlp: one('tlp'),
    editInstitutions: many('editInstitutions'),
    suggestInstitutions: many('suggestInstitutions'),
    commentInstitutions: many('commentInstitutions'),
    editPeople: many('editPeople'),
    suggestPeople: many('suggestPeople'),
    commentPeople: many('commentPeople'),
    viewPeople: many('viewPeople'),
  };
}

interface Option {
  value: string;
  label: string;
}

function MultiSelect({ name, label, options, selected }: { name: string; label: string; options: Option[]; selected: string[] }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <FieldLabel htmlFor={id} label={label} />
      <select id={id} name={name} multiple defaultValue={selected} size={6} className="field-input">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One form for a document's metadata and participants: used to create and to change settings. */
export function DocumentForm({
  values,
  errors,
  institutions,
  ownerOptions,
  people,
  submitLabel,
  encType,
  children,
}: {
  values: DocumentFormValues;
  errors?: FieldErrors;
  institutions: Option[];
  ownerOptions: Option[];
  people: Option[];
  submitLabel: string;
  encType?: 'multipart/form-data';
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" encType={encType} className="card max-w-3xl space-y-4" noValidate>
      <FormErrorSummary errors={errors} />
      <TextField label={t('documents.titleField')} name="title" required defaultValue={values.title} error={errors?.title} maxLength={200} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('documents.type')}
          name="type"
          required
          defaultValue={values.type}
          options={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`documentTypes.${v}`) }))}
          error={errors?.type}
        />
        <SelectField
          label={t('documents.language')}
          name="language"
          required
          defaultValue={values.language}
          options={DOCUMENT_LANGUAGES.map((v) => ({ value: v, label: t(`documentLanguages.${v}`) }))}
          error={errors?.language}
        />
        <SelectField label={t('documents.owner')} name="ownerInstitutionId" required defaultValue={values.ownerInstitutionId} options={ownerOptions} error={errors?.ownerInstitutionId} />
      </div>
      <TextAreaField label={t('documents.summary')} name="summary" rows={2} defaultValue={values.summary} error={errors?.summary} maxLength={1000} />
      <RadioGroupField
        label={t('tlp.label')}
        name="tlp"
        required
        help={t('tlp.help')}
        defaultValue={values.tlp}
        options={TLP_LABELS.map((v) => ({ value: v, label: t(`tlp.${v}`), description: t(`tlp.who.${v}`) }))}
        error={errors?.tlp}
      />
      {children}
      <fieldset className="space-y-3 rounded border border-slate-200 p-4">
        <legend className="px-1 font-semibold">{t('documents.participantsTitle')}</legend>
        <p className="text-xs text-slate-600">{t('documents.participantsHelp')}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <MultiSelect name="editInstitutions" label={t('documents.editInstitutions')} options={institutions} selected={values.editInstitutions} />
          <MultiSelect name="suggestInstitutions" label={t('suggestions.suggestInstitutions')} options={institutions} selected={values.suggestInstitutions} />
          <MultiSelect name="commentInstitutions" label={t('documents.commentInstitutions')} options={institutions} selected={values.commentInstitutions} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <MultiSelect name="editPeople" label={t('documents.editPeople')} options={people} selected={values.editPeople} />
          <MultiSelect name="suggestPeople" label={t('suggestions.suggestPeople')} options={people} selected={values.suggestPeople} />
          <MultiSelect name="commentPeople" label={t('documents.commentPeople')} options={people} selected={values.commentPeople} />
          <MultiSelect name="viewPeople" label={t('documents.viewPeople')} options={people} selected={values.viewPeople} />
        </div>
      </fieldset>
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
