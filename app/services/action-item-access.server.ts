import type { LoaderFunctionArgs } from '@remix-run/node';
import { getActionItemAccessContext } from '../models/action-item.server.ts';
import { actionItemRights, type ActionItemRights } from '../policies/action-item-access.ts';
import { forbidden, notFound, requireUser } from './session.server.ts';

/**
 * The signed-in person and the item's access context, if they have the right
 * `need` on it. An item someone may not read answers 404, so its existence is
 * not disclosed; one they may read but not change answers 403.
 */
export async function requireActionItem(args: Pick<LoaderFunctionArgs, 'request' | 'context' | 'params'>, need: keyof ActionItemRights) {
  const user = await requireUser(args);
  const itemId = args.params.id ?? '';
  const context = await getActionItemAccessContext(args.context.services.db, itemId);
  if (!context) throw notFound();
  const rights = actionItemRights(user, context);
  if (!rights.read) throw notFound();
  if (!rights[need]) throw forbidden();
  return { user, itemId, context, rights };
}
