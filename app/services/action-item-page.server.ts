import { MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { ActionItemInputError, getActionItem } from '../models/action-item.server.ts';
import { historyNames, listActionComments, listActionItemChanges, listActionUpdates, postProgressUpdate, type EvidenceInput } from '../models/action-update.server.ts';
import { parseProgressUpdateForm } from '../schemas/action-item.ts';
import { formFields } from '../schemas/parse-form.ts';
import type { FieldErrors } from '../schemas/parse-form.ts';
import { isOverdue, todayInSarajevo } from '../utils/action-dates.ts';
import { createEvidenceUploads, EvidenceRequestTooLargeError } from './evidence-storage.server.ts';
import type { PortalServices } from './portal-services.server.ts';

/** Everything the action item page shows, or null when the item is gone. */
export async function loadActionItemPage(db: PortalServices['db'], itemId: string) {
  const [item, updates, changes, comments] = await Promise.all([getActionItem(db, itemId), listActionUpdates(db, itemId), listActionItemChanges(db, itemId), listActionComments(db, itemId)]);
  if (!item) return null;
  const names = await historyNames(
    db,
    changes.flatMap((c) => c.changes),
  );
  const today = todayInSarajevo();
  return { item, updates, changes, names, comments, today, overdue: isOverdue(item, today) };
}

export type ActionItemPageData = NonNullable<Awaited<ReturnType<typeof loadActionItemPage>>>;

/** A refused form on the item page: which form, its errors (i18n keys) and what was typed. */
export interface ActionItemFormResult {
  intent: 'update' | 'comment';
  errors: FieldErrors;
  values: Record<string, string[]>;
}

export type ProgressUpdateOutcome = { ok: true } | { ok: false; status: number; result: ActionItemFormResult };

/** Text fields are small; files go through the evidence handler and never into memory. */
const TEXT_PART_BYTES = 100_000;

function refused(errors: FieldErrors, values: Record<string, string[]>, status = 400): ProgressUpdateOutcome {
  return { ok: false, status, result: { intent: 'update', errors, values } };
}

/**
 * Posts a progress update from its form. A multipart request is read as a
 * stream, its files going straight into the database; call this only
 * after the rights check, so nobody else gets to store files. When
 * the form is refused or the update fails, the stored files are removed.
 */
export async function postProgressUpdateForm(
  { db }: Pick<PortalServices, 'db'>,
  { itemId, author, source }: { itemId: string; author: { id: string; institutionId: string }; source: { form: FormData } | { request: Request } },
): Promise<ProgressUpdateOutcome> {
  const uploads = createEvidenceUploads(db);
  let form: FormData;
  try {
    form =
      'form' in source
        ? source.form
        : await unstable_parseMultipartFormData(source.request, unstable_composeUploadHandlers(uploads.handler, unstable_createMemoryUploadHandler({ maxPartSize: TEXT_PART_BYTES })));
  } catch (error) {
    await uploads.removeAll();
    if (error instanceof EvidenceRequestTooLargeError) return refused({ evidenceFile: 'actions.errors.requestTooLarge' }, {}, 413);
    if (error instanceof MaxPartSizeExceededError) return refused({ _form: 'errors.tooLong' }, {}, 413);
    throw error;
  }
  const { values } = formFields(form);
  const parsed = parseProgressUpdateForm(form);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (uploads.rejected.some((r) => r.reason === 'tooLarge')) errors.evidenceFile = 'actions.errors.fileTooLarge';
  else if (uploads.rejected.some((r) => r.reason === 'tooMany')) errors.evidenceFile = 'actions.errors.tooManyFiles';
  if (!parsed.ok || Object.keys(errors).length > 0) {
    await uploads.removeAll();
    return refused(errors, values, errors.evidenceFile === 'actions.errors.fileTooLarge' ? 413 : 400);
  }
  const input = parsed.data;
  const evidence: EvidenceInput[] = [
    ...input.evidenceUrls.map((url) => ({ kind: 'link' as const, url, description: input.evidenceDescription })),
    ...uploads.uploads.map((file) => ({ kind: 'file' as const, ...file, description: input.evidenceDescription })),
  ];
  try {
    await postProgressUpdate(db, {
      itemId,
      authorId: author.id,
      institutionId: author.institutionId,
      date: input.date,
      body: input.body,
      status: input.status,
      progress: input.progress,
      indicators: input.indicators,
      evidence,
    });
  } catch (error) {
    // The rows were rolled back; the files they would have pointed at go too.
    await uploads.removeAll();
    if (error instanceof ActionItemInputError) return refused(error.errors, values);
    throw error;
  }
  return { ok: true };
}
