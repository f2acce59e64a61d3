import { Form } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, SECTORS, SECTORS_WITH_LEVEL, type Institution } from '../../db/schema.ts';
import type { FieldErrors } from '../schemas/parse-form.ts';
import { FormErrorSummary, SelectField, TextAreaField, TextField } from './ui/field.tsx';

/** The one form for creating and editing an institution. */
export function InstitutionForm({
  institution,
  errors,
  values,
  submitLabel,
}: {
  institution?: Partial<Institution>;
  errors?: FieldErrors;
  values?: Record<string, string>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const value = (field: keyof Institution) => values?.[field] ?? (institution?.[field] as string | null | undefined) ?? '';
  // The server decides (InstitutionSchema); with JavaScript the marker follows the sector as it is chosen.
  const [sector, setSector] = useState(value('sector'));
  const levelRequired = (SECTORS_WITH_LEVEL as readonly string[]).includes(sector);
  return (
    <Form method="post" className="card max-w-2xl space-y-4" noValidate>
      <FormErrorSummary errors={errors} />
      <TextField label={t('common.name')} name="name" required defaultValue={value('name')} error={errors?.name} maxLength={200} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('institutions.acronym')} name="acronym" defaultValue={value('acronym')} error={errors?.acronym} maxLength={30} />
        <TextField label={t('institutions.localName')} name="localName" defaultValue={value('localName')} error={errors?.localName} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('common.sector')}
          name="sector"
          required
          help={t('institutions.sectorHelp')}
          defaultValue={value('sector')}
          emptyLabel="—"
          options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
          error={errors?.sector}
          onChange={setSector}
        />
        <SelectField
          label={t('common.level')}
          name="level"
          required={levelRequired ? true : t('institutions.levelRequiredWhen')}
          help={t('institutions.levelHelp')}
          defaultValue={value('level')}
          emptyLabel="—"
          options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          error={errors?.level}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('institutions.website')} name="website" type="url" defaultValue={value('website')} error={errors?.website} />
        <TextField
          label={t('institutions.contactEmail')}
          name="contactEmail"
          type="email"
          defaultValue={value('contactEmail')}
          error={errors?.contactEmail}
        />
      </div>
      <TextAreaField label={t('institutions.description')} name="description" defaultValue={value('description')} error={errors?.description} />
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
