import { z } from 'zod';
import { DOCUMENT_STATUSES, POSITIONS } from '../../db/schema.ts';

/** Inputs of the workflow page and the audit log. Messages are i18n keys, like app/schemas/portal.ts. */

const text = (max: number) => z.string({ error: 'errors.required' }).trim().max(max, 'errors.tooLong');
const requiredText = (max: number) => text(max).min(1, 'errors.required');

export const MoveSchema = z.object({
  intent: z.literal('move'),
  to: z.enum(DOCUMENT_STATUSES, { error: 'errors.invalidChoice' }),
  note: text(2000).default(''),
  // Only read when opening consultation; an empty field means no deadline.
  deadline: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), 'workflow.errors.deadlineInvalid')
    .transform((v) => (v === '' ? null : v)),
});

export const PublishSchema = z.object({
  intent: z.literal('publish'),
  bump: z.enum(['major', 'minor'], { error: 'errors.invalidChoice' }).default('major'),
  changelog: requiredText(4000),
  reclassify: z.literal('1').optional(),
  reason: text(1000).default(''),
});

export const PositionSchema = z.object({
  intent: z.literal('position'),
  position: z.enum(POSITIONS, { error: 'errors.invalidChoice' }),
  statement: requiredText(4000),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // Date.parse rolls 31 February over into March; a real date survives the round trip.
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v))
  .optional()
  .catch(undefined);

/** Filters of the audit log; anything malformed is ignored rather than refused, as in the other list filters. */
export const AuditFilterSchema = z.object({
  document: z.string().trim().max(64).optional().catch(undefined).transform((v) => v || undefined),
  person: z.string().trim().max(64).optional().catch(undefined).transform((v) => v || undefined),
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z-]+\.[a-z-]+$/)
    .optional()
    .catch(undefined),
  from: isoDate,
  to: isoDate,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
