import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ActionItemInputError, updateActionItem, type FieldChange } from '../models/action-item.server.ts';
import { actionItemSchema, fieldErrorsOf, type ActionItemInput } from '../schemas/action-item.ts';

/**
 * Changes some fields of an action item. The given fields are laid over the
 * stored item and the whole merged item is validated again, because rules
 * span fields (the due date after the start, the primary CBM among the CBMs).
 * Throws ActionItemInputError with field errors; writes nothing then.
 */
export async function changeActionItem(db: Kysely<Database>, id: string, input: Partial<ActionItemInput>, actorId: string | null, source = 'form'): Promise<FieldChange[]> {
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
