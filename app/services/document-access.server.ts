import type { LoaderFunctionArgs } from '@remix-run/node';
import { getDocumentAccessContext } from '../models/document.server.ts';
import { accessAtLeast, canManageDocument, documentAccess, type DocumentAccess } from '../policies/document-access.ts';
import { forbidden, notFound, requireUser } from './session.server.ts';

/**
 * The signed-in person and the document, if they may at least `minimum` it.
 * A document someone may not read answers 404, so its existence is not disclosed.
 */
export async function requireDocumentAccess(args: Pick<LoaderFunctionArgs, 'request' | 'context' | 'params'>, minimum: Exclude<DocumentAccess, 'none'> | 'manage') {
  const user = await requireUser(args);
  const context = await getDocumentAccessContext(args.context.services.db, args.params.id ?? '');
  if (!context) throw notFound();
  const access = documentAccess(user, context);
  if (access === 'none') throw notFound();
  const canManage = canManageDocument(user, context);
  if (minimum === 'manage' ? !canManage : !accessAtLeast(access, minimum)) throw forbidden();
  return { user, document: context.document, accessContext: context, access, canManage };
}
