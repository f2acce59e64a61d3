import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DocumentForm, documentValuesFromForm, type DocumentFormValues } from '../components/document-form.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { listParticipants, updateDocumentSettings } from '../models/document.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { documentFormOptions, participantsFromInput, unknownIds } from '../services/document-form.server.ts';
import { parseForm } from '../schemas/parse-form.ts';
import { pageTitle } from '../locales/meta.ts';
import { DocumentSchema } from '../schemas/portal.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'documents.settingsTitle', { title: data?.values.title ?? '' });

export async function loader(args: LoaderFunctionArgs) {
  const { document } = await requireDocumentAccess(args, 'manage');
  const { db } = args.context.services;
  const [options, participants] = await Promise.all([documentFormOptions(db), listParticipants(db, document.id)]);
  const values: DocumentFormValues = {
    title: document.title,
    type: document.type,
    language: document.language,
    summary: document.summary,
    ownerInstitutionId: document.ownerInstitutionId,
    tlp: document.tlp,
    editInstitutions: participants.institutions.filter((p) => p.access === 'edit').map((p) => p.institutionId),
    suggestInstitutions: participants.institutions.filter((p) => p.access === 'suggest').map((p) => p.institutionId),
    commentInstitutions: participants.institutions.filter((p) => p.access === 'comment').map((p) => p.institutionId),
    editPeople: participants.people.filter((p) => p.access === 'edit').map((p) => p.userId),
    suggestPeople: participants.people.filter((p) => p.access === 'suggest').map((p) => p.userId),
    commentPeople: participants.people.filter((p) => p.access === 'comment').map((p) => p.userId),
    viewPeople: participants.people.filter((p) => p.access === 'view').map((p) => p.userId),
  };
  return { id: document.id, values, ...options };
}

export async function action(args: ActionFunctionArgs) {
  const { user, document } = await requireDocumentAccess(args, 'manage');
  const { db, collab } = args.context.services;
  const form = await args.request.formData();
  const parsed = parseForm(DocumentSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: documentValuesFromForm(form) }, { status: 400 });
  const errors = unknownIds(parsed.data, await documentFormOptions(db));
  if (Object.keys(errors).length > 0) return data({ errors, values: documentValuesFromForm(form) }, { status: 400 });
  await updateDocumentSettings(db, user.id, document.id, parsed.data, participantsFromInput(parsed.data));
  // Someone may just have lost access: close or downgrade their live connections now.
  await collab.revalidate(document.id);
  return redirect(`/documents/${document.id}?notice=document-saved`);
}

export default function DocumentSettings() {
  const { t } = useTranslation();
  const { values, institutions, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const shown = actionData?.values ?? values;
  return (
    <div>
      <PageHeader title={t('documents.settingsTitle', { title: values.title })} />
      <DocumentForm values={shown} errors={actionData?.errors} institutions={institutions} ownerOptions={institutions} people={people} submitLabel={t('documents.save')} />
    </div>
  );
}
