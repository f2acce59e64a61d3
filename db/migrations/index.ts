import type { Migration } from 'kysely';
import * as foundation from './2026-11-23-01-foundation.ts';
import * as documents from './2026-11-23-02-documents.ts';
import * as notifications from './2026-11-23-03-notifications.ts';
import * as review from './2026-11-23-04-review.ts';
import * as tracker from './2026-11-23-05-tracker.ts';
import * as languages from './2026-12-06-01-languages.ts';
import * as contentLanguages from './2026-12-07-01-content-languages.ts';
import * as sharedStorage from './2026-12-07-02-shared-storage.ts';
import * as homePage from './2026-12-07-03-home-page.ts';
import * as institutionLevelOptional from './2026-12-07-04-institution-level-optional.ts';
import * as languageVersions from './2026-12-07-10-language-versions.ts';
import * as commentModeration from './2026-12-07-20-comment-moderation.ts';
import * as suggestions from './2026-12-07-30-suggestions.ts';
import * as consultationReport from './2026-12-07-40-consultation-report.ts';
import * as actionItemTally from './2026-12-07-50-action-item-tally.ts';

/**
 * Every migration, by name. A static list (rather than reading the folder)
 * keeps migrations working from the bundled server and from tests alike.
 * Names sort in the order they must run.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23-01-foundation': foundation,
  '2026-11-23-02-documents': documents,
  '2026-11-23-03-notifications': notifications,
  '2026-11-23-04-review': review,
  '2026-11-23-05-tracker': tracker,
  '2026-12-06-01-languages': languages,
  '2026-12-07-01-content-languages': contentLanguages,
  '2026-12-07-02-shared-storage': sharedStorage,
  '2026-12-07-03-home-page': homePage,
  '2026-12-07-04-institution-level-optional': institutionLevelOptional,
  '2026-12-07-10-language-versions': languageVersions,
  '2026-12-07-20-comment-moderation': commentModeration,
  '2026-12-07-30-suggestions': suggestions,
  '2026-12-07-40-consultation-report': consultationReport,
  '2026-12-07-50-action-item-tally': actionItemTally,
};
