import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DocumentForm, documentValuesFromForm, type DocumentFormValues } from '../components/document-form.tsx';
import { TextField } from '../components/ui/field.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { createDocument } from '../models/document.server.ts';
import { documentFormOptions, participantsFromInput, unknownIds } from '../services/document-form.server.ts';
import { initialStateFromUpload, MAX_IMPORT_BYTES } from '../content/document-import.server.ts';
import { parseForm, type FieldErrors } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { mayOpenDocumentFor } from '../policies/document-access.ts';
import type { Actor } from '../policies/permissions.ts';
import { DocumentSchema } from '../schemas/portal.ts';
import { requirePermission } from '../services/session.server.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';
import { DOCUMENT_LANGUAGES } from '../../db/schema.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'documents.createTitle');

function ownerOptionsFor(user: Actor, institutions: { value: string; label: string }[]) {
  return institutions.filter((i) => mayOpenDocumentFor(user, i.value));
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'document:create');
  const options = await documentFormOptions(args.context.services.db);
  // A new document is written in the language its creator reads the portal in, unless they choose another.
  const interfaceLanguage = await resolveLanguage(args.request);
  const language = DOCUMENT_LANGUAGES.find((l) => l === interfaceLanguage) ?? 'bs';
  return { ...options, ownerOptions: ownerOptionsFor(user, options.institutions), ownInstitutionId: user.institutionId, language };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'document:create');
  const { db } = args.context.services;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(args.request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ errors: { file: 'documents.fileTooLarge' } as FieldErrors, values: null }, { status: 413 });
    throw error;
  }
  const parsed = parseForm(DocumentSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: documentValuesFromForm(form) }, { status: 400 });
  const input = parsed.data;
  const options = await documentFormOptions(db);
  const errors: FieldErrors = unknownIds(input, options);
  if (!ownerOptionsFor(user, options.institutions).some((o) => o.value === input.ownerInstitutionId)) errors.ownerInstitutionId = 'documents.ownerNotAllowed';
  const file = form.get('file');
  const imported = await initialStateFromUpload(file instanceof File ? file : null);
  if (!imported.ok) errors.file = imported.error;
  if (Object.keys(errors).length > 0 || !imported.ok) return data({ errors, values: documentValuesFromForm(form) }, { status: 400 });
  const document = await createDocument(db, user.id, input, participantsFromInput(input), imported.state, imported.text);
  return redirect(`/documents/${document.id}?notice=document-created`);
}

export default function NewDocument() {
  const { t } = useTranslation();
  const { institutions, ownerOptions, people, ownInstitutionId, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values: DocumentFormValues = actionData?.values ?? {
    title: '',
    type: 'strategy',
    language,
    summary: '',
    ownerInstitutionId: ownInstitutionId,
    tlp: 'AMBER',
    editInstitutions: [],
    suggestInstitutions: [],
    commentInstitutions: [],
    editPeople: [],
    suggestPeople: [],
    commentPeople: [],
    viewPeople: [],
  };
  return (
    <div>
      <PageHeader title={t('documents.createTitle')} lead={t('documents.createLead')} />
      <DocumentForm
        values={values}
        errors={actionData?.errors}
        institutions={institutions}
        ownerOptions={ownerOptions}
        people={people}
        submitLabel={t('documents.create')}
        encType="multipart/form-data"
      >
        <TextField label={t('documents.importFile')} name="file" type="file" accept=".md,.markdown,.txt,.docx" help={t('documents.importHelp')} error={actionData?.errors?.file} />
      </DocumentForm>
    </div>
  );
}
