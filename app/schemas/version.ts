import { z } from 'zod';

/** Input rules of the versions pages. Messages are i18n keys, as in schemas.ts. */

export const SaveVersionSchema = z.object({
  name: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
});

const versionNumber = z.coerce.number({ error: 'versions.comparePage.invalid' }).int('versions.comparePage.invalid').min(1, 'versions.comparePage.invalid').max(1_000_000, 'versions.comparePage.invalid');

/** `?from=<number>&to=<number|current>` of the compare page. */
export const CompareQuerySchema = z.object({
  from: versionNumber,
  to: z.union([z.literal('current'), versionNumber]),
});

/** A version number in a URL segment. */
export const VersionNumberSchema = versionNumber;
