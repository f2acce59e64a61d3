import { z } from 'zod';
import { DOCUMENT_LANGUAGES } from '../../db/schema.ts';

/** The language-versions form of the document page. Messages are i18n keys. */
export const LanguageVersionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), language: z.enum(DOCUMENT_LANGUAGES, { error: 'errors.invalidChoice' }) }),
  z.object({ intent: z.literal('mark-up-to-date') }),
]);
