import { z } from 'zod';
import { DOCUMENT_LANGUAGES, DOCUMENT_STATUSES, DOCUMENT_TYPES, LEVELS, ROLES, SECTORS, SECTORS_WITH_LEVEL, TLP_LABELS } from '../../db/schema.ts';

/** The input rules of the portal, in one place. Messages are i18n keys. */

const text = (max: number) => z.string({ error: 'errors.required' }).trim().max(max, 'errors.tooLong');
const requiredText = (max: number) => text(max).min(1, 'errors.required');
const optionalText = (max: number) => text(max).optional().transform((v) => (v ? v : undefined));

/** The longest display name a person may have, on every path that writes one. */
export const MAX_PERSON_NAME = 200;
/** C0/C1 controls, line and paragraph separators, and bidirectional overrides: invisible, or able to reorder a page. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const withoutControls = (v: string) => !CONTROL_CHARACTERS.test(v);

/**
 * A person's display name: trimmed, at most 200 characters, no control
 * characters. The one rule for the invitation forms and better-auth's own
 * sign-up and /update-user (see databaseHooks in app/services/auth.server.ts).
 */
export const personName = requiredText(MAX_PERSON_NAME).refine(withoutControls, 'errors.controlCharacters');
export const optionalPersonName = text(MAX_PERSON_NAME)
  .refine(withoutControls, 'errors.controlCharacters')
  .optional()
  .transform((v) => (v ? v : undefined));

export const email = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email('errors.invalidEmail'))
  .transform((v) => v.toLowerCase());

export const newPassword = z
  .string({ error: 'errors.required' })
  .min(1, 'errors.required')
  .min(12, 'errors.passwordTooShort')
  .max(128, 'errors.passwordTooLong');

const webUrl = z
  .string()
  .trim()
  .max(500, 'errors.tooLong')
  .refine((v) => v === '' || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), 'errors.invalidUrl')
  .optional()
  .transform((v) => (v ? v : undefined));

const optionalEmail = z
  .string()
  .trim()
  .max(254, 'errors.tooLong')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'errors.invalidEmail')
  .optional()
  .transform((v) => (v ? v.toLowerCase() : undefined));

export const sector = z.enum(SECTORS, { error: 'errors.invalidChoice' });
export const level = z.enum(LEVELS, { error: 'errors.invalidChoice' });
export const role = z.enum(ROLES, { error: 'errors.invalidChoice' });

export const SignInSchema = z.object({
  email,
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(128, 'errors.passwordTooLong'),
  redirectTo: z.string().optional(),
});

export const InstitutionSchema = z
  .object({
    name: requiredText(200),
    localName: optionalText(200),
    acronym: optionalText(30),
    sector,
    // "—" in the form sends an empty value: no level.
    level: z.preprocess((v) => (v === '' ? undefined : v), level.optional()),
    website: webUrl,
    contactEmail: optionalEmail,
    description: optionalText(2000),
  })
  // Runs even when other fields failed, so one submission lists every problem.
  .superRefine((v, ctx) => {
    if (SECTORS_WITH_LEVEL.includes(v.sector) && v.level === undefined) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'institutions.levelRequiredPublic' });
    }
  });

export const InstitutionFilterSchema = z.object({
  sector: sector.optional().catch(undefined),
  level: level.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  archived: z.literal('1').optional().catch(undefined),
});

export const InvitationSchema = z.object({
  email,
  name: optionalPersonName,
  institutionId: requiredText(64),
  role,
});

export const AcceptInvitationSchema = z
  .object({
    name: personName,
    password: newPassword,
    confirm: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'errors.passwordsDiffer' });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(128, 'errors.passwordTooLong'),
    newPassword,
    confirmPassword: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'errors.passwordsDiffer' });

export const PersonAssignmentSchema = z.object({
  role,
  institutionId: requiredText(64),
});

export const CbmTextSchema = z.object({
  title: requiredText(200),
  text: requiredText(5000),
});

export const SettingsSchema = z.object({
  groupName: requiredText(120),
  groupDescription: text(1000).default(''),
});

/** Form fields that may repeat (multi-selects) arrive as a string or an array. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((id) => id.length > 0 && id.length <= 64));

export const DocumentSchema = z.object({
  title: requiredText(200),
  type: z.enum(DOCUMENT_TYPES, { error: 'errors.invalidChoice' }),
  language: z.enum(DOCUMENT_LANGUAGES, { error: 'errors.invalidChoice' }),
  summary: text(1000).default(''),
  ownerInstitutionId: requiredText(64),
  tlp: z.enum(TLP_LABELS, { error: 'errors.invalidChoice' }).default('AMBER'),
  editInstitutions: idList,
  suggestInstitutions: idList,
  commentInstitutions: idList,
  editPeople: idList,
  suggestPeople: idList,
  commentPeople: idList,
  viewPeople: idList,
});

export const DocumentFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(DOCUMENT_TYPES).optional().catch(undefined),
  status: z.enum(DOCUMENT_STATUSES).optional().catch(undefined),
  institution: z.string().max(64).optional().catch(undefined),
});
