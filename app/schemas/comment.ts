import { z } from 'zod';
import { THREAD_STATUSES } from '../../db/schema.ts';

/** Input rules of comment threads; messages are i18n keys. */

const body = z.string({ error: 'errors.required' }).trim().min(1, 'comments.errors.bodyRequired').max(5000, 'errors.tooLong');
const threadId = z.string({ error: 'errors.invalidChoice' }).pipe(z.uuid('errors.invalidChoice'));

const textPoint = z.object({
  block: z.array(z.number().int().min(0).max(100_000)).min(1).max(32),
  offset: z.number().int().min(0).max(10_000_000),
});

/** The selection as the browser sends it: a JSON object { start, end } of text points (suggestions use it too). */
export const anchor = z
  .string({ error: 'comments.errors.noSelection' })
  .max(2000, 'comments.errors.noSelection')
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'comments.errors.noSelection' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ start: textPoint, end: textPoint }, { error: 'comments.errors.noSelection' }));

export const CreateThreadSchema = z.object({
  intent: z.literal('create'),
  threadId,
  quote: z.string({ error: 'comments.errors.noSelection' }).min(1, 'comments.errors.noSelection').max(5000, 'comments.errors.selectionTooLong'),
  anchor,
  body,
});

export const ReplySchema = z.object({ intent: z.literal('reply'), threadId, body });

export const ThreadStatusSchema = z.object({ intent: z.enum(['resolve', 'reopen']), threadId });

const commentId = z.string({ error: 'errors.invalidChoice' }).pipe(z.uuid('errors.invalidChoice'));

/** The author rewording their comment, or deleting it. */
export const EditCommentSchema = z.object({ intent: z.literal('edit'), commentId, body });
export const DeleteCommentSchema = z.object({ intent: z.literal('delete'), commentId });

/** The secretariat hiding a comment: the reason is shown in its place. */
export const HideCommentSchema = z.object({
  intent: z.literal('hide'),
  commentId,
  reason: z.string({ error: 'comments.errors.reasonRequired' }).trim().min(1, 'comments.errors.reasonRequired').max(500, 'errors.tooLong'),
});

/** The panel's filters from a query string; anything unknown is ignored rather than refused. */
const ThreadFilterSchema = z.object({
  status: z.enum(THREAD_STATUSES).optional().catch(undefined),
  author: z.string().max(64).optional().catch(undefined),
  institution: z.string().max(64).optional().catch(undefined),
});

export function threadFilterFrom(params: URLSearchParams): { status?: (typeof THREAD_STATUSES)[number]; authorId?: string; institutionId?: string } {
  const parsed = ThreadFilterSchema.parse({
    status: params.get('status') || undefined,
    author: params.get('author') || undefined,
    institution: params.get('institution') || undefined,
  });
  return { status: parsed.status, authorId: parsed.author, institutionId: parsed.institution };
}
