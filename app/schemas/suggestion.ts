import { z } from 'zod';
import { anchor } from './comment.ts';

/** Input rules of suggestions; messages are i18n keys. */

const suggestionId = z.string({ error: 'errors.invalidChoice' }).pipe(z.uuid('errors.invalidChoice'));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((value) => (value ? value : null));

export const CreateSuggestionSchema = z
  .object({
    intent: z.literal('create'),
    suggestionId,
    quote: z.string({ error: 'suggestions.errors.noSelection' }).min(1, 'suggestions.errors.noSelection').max(5000, 'suggestions.errors.selectionTooLong'),
    anchor,
    // Not trimmed: a space may be the whole point. '' proposes deleting the passage.
    proposedText: z.string().max(5000, 'errors.tooLong').default(''),
    rationale: optionalText(2000),
  })
  .refine((value) => value.proposedText !== value.quote, { path: ['proposedText'], message: 'suggestions.errors.unchanged' });

/** Moving an outdated suggestion's mark to the passage as it reads now. */
export const ReanchorSuggestionSchema = z.object({
  intent: z.literal('reanchor'),
  suggestionId,
  quote: z.string({ error: 'suggestions.errors.noSelection' }).min(1, 'suggestions.errors.noSelection').max(5000, 'suggestions.errors.selectionTooLong'),
  anchor,
});

export const DecideSuggestionSchema = z.object({
  intent: z.enum(['accept', 'accept_in_part', 'reject']),
  suggestionId,
  /** Accepting in part: the decider's wording of the proposal. */
  text: z.string().max(5000, 'errors.tooLong').optional(),
  reason: optionalText(2000),
});

/** Accept or reject every pending suggestion, or one institution's. */
export const DecideAllSchema = z.object({
  intent: z.enum(['accept_all', 'reject_all']),
  institutionId: z.string().max(64).optional().transform((value) => (value ? value : null)),
  reason: optionalText(2000),
});

export const SuggestionReplySchema = z.object({
  intent: z.literal('reply'),
  suggestionId,
  body: z.string({ error: 'errors.required' }).trim().min(1, 'comments.errors.bodyRequired').max(5000, 'errors.tooLong'),
});
