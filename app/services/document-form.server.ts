import type { z } from 'zod';
import type { Db } from '../../db/client.server.ts';
import { listInstitutionOptions } from '../models/institution.server.ts';
import { listPeople } from '../models/person.server.ts';
import type { Participants } from '../models/document.server.ts';
import type { DocumentSchema } from '../schemas/portal.ts';

type DocumentInput = z.infer<typeof DocumentSchema>;

/** Participants from the form; an institution or person chosen twice keeps the stronger right. */
export function participantsFromInput(input: DocumentInput): Participants {
  const institutions = [
    ...input.commentInstitutions.map((institutionId) => ({ institutionId, access: 'comment' as const })),
    ...input.suggestInstitutions.map((institutionId) => ({ institutionId, access: 'suggest' as const })),
    ...input.editInstitutions.map((institutionId) => ({ institutionId, access: 'edit' as const })),
  ];
  const people = [
    ...input.viewPeople.map((userId) => ({ userId, access: 'view' as const })),
    ...input.commentPeople.map((userId) => ({ userId, access: 'comment' as const })),
    ...input.suggestPeople.map((userId) => ({ userId, access: 'suggest' as const })),
    ...input.editPeople.map((userId) => ({ userId, access: 'edit' as const })),
  ];
  return { institutions, people };
}

/** The choices the document form offers. */
export async function documentFormOptions(db: Db) {
  const [institutions, people] = await Promise.all([listInstitutionOptions(db), listPeople(db)]);
  return {
    institutions: institutions.map((i) => ({ value: i.id, label: i.acronym ? `${i.name} (${i.acronym})` : i.name })),
    people: people.map((p) => ({ value: p.id, label: `${p.name} — ${p.institutionName}` })),
  };
}

/** Ids in the form that do not exist are an error, not silently dropped. */
export function unknownIds(input: DocumentInput, options: { institutions: { value: string }[]; people: { value: string }[] }) {
  const institutionIds = new Set(options.institutions.map((o) => o.value));
  const personIds = new Set(options.people.map((o) => o.value));
  const errors: Record<string, string> = {};
  if (!institutionIds.has(input.ownerInstitutionId)) errors.ownerInstitutionId = 'errors.invalidChoice';
  if ([...input.editInstitutions, ...input.suggestInstitutions, ...input.commentInstitutions].some((id) => !institutionIds.has(id))) errors.editInstitutions = 'errors.invalidChoice';
  if ([...input.editPeople, ...input.suggestPeople, ...input.commentPeople, ...input.viewPeople].some((id) => !personIds.has(id))) errors.editPeople = 'errors.invalidChoice';
  return errors;
}
