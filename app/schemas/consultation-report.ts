import { z } from 'zod';
import { SECTORS, THREAD_DECISIONS, type Sector } from '../../db/schema.ts';

/** Inputs of the consultation report page. Messages are i18n keys, like app/schemas/workflow.ts. */

export const ThreadDecisionSchema = z
  .object({
    intent: z.literal('decide'),
    threadId: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(100, 'errors.tooLong'),
    decision: z.enum(THREAD_DECISIONS, { error: 'consultation.errors.decisionRequired' }),
    reason: z.string().trim().max(2000, 'errors.tooLong').default(''),
  })
  // A rejection must say why: the report exists to show the reasons.
  .refine((value) => value.decision !== 'rejected' || value.reason !== '', { path: ['reason'], message: 'consultation.errors.reasonRequired' });

export const ReportNamesSchema = z.object({
  intent: z.literal('names'),
  namesPeople: z.literal('1').optional(),
});

/** A report row's decision: a thread's (accepted, rejected, noted) or a suggestion's; `pending` until one is taken. */
export const REPORT_DECISIONS = ['pending', 'accepted', 'accepted_in_part', 'rejected', 'noted'] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

export interface ReportQuery {
  institution?: string;
  sector?: Sector;
  decision?: ReportDecision;
}

/** The report's filters from the query string; an unknown value is ignored (all rows), never an error. */
export function parseReportQuery(params: URLSearchParams): ReportQuery {
  const institution = params.get('institution')?.trim() ?? '';
  const sector = params.get('sector') ?? '';
  const decision = params.get('decision') ?? '';
  return {
    ...(institution && institution.length <= 100 ? { institution } : {}),
    ...((SECTORS as readonly string[]).includes(sector) ? { sector: sector as Sector } : {}),
    ...((REPORT_DECISIONS as readonly string[]).includes(decision) ? { decision: decision as ReportDecision } : {}),
  };
}

/** The same filters as a query string (for the download links), empty when none is set. */
export function reportQueryString(query: ReportQuery): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
}
