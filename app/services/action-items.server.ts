import type { Db } from '../../db/client.server.ts';
import { ActionItemInputError, createActionItem, updateActionItem, type FieldChange } from '../models/action-item.server.ts';
import { actionItemSchema, type ActionItemInput } from '../schemas/action-item.ts';
import { fieldErrorsOf } from '../schemas/parse-form.ts';

/**
 * Files a new item from the item form, with its links, history entry and
 * audit event in one transaction. Throws ActionItemInputError when the code is
 * taken or a reference does not exist; writes nothing then.
 */
export function createActionItemFromForm(db: Db, input: ActionItemInput, actorId: string): Promise<string> {
  return createActionItem(db, input, actorId, 'form');
}

/**
 * Changes some fields of an action item. The given fields are laid over the
 * stored item and the whole merged item is validated again, because rules
 * span fields (the due date after the start, the primary CBM among the CBMs).
 * Throws ActionItemInputError with field errors; writes nothing then.
 */
export async function changeActionItem(db: Db, id: string, input: Partial<ActionItemInput>, actorId: string | null, source = 'form'): Promise<FieldChange[]> {
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return updateActionItem(
    db,
    id,
    (current) => {
      const parsed = actionItemSchema.safeParse({ ...current, ...given });
      if (!parsed.success) throw new ActionItemInputError(fieldErrorsOf(parsed.error));
      return parsed.data;
    },
    actorId,
    source,
  );
}
