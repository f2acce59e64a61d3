import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { parseForm } from '../schemas/parse-form.ts';
import { LanguageVersionSchema } from '../schemas/language-version.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { createLanguageVersion, LanguageVersionError, markLanguageVersionUpToDate } from '../services/language-versions.server.ts';
import { forbidden } from '../services/session.server.ts';

/** The forms live on the document page; a GET here goes back there. */
export async function loader(args: LoaderFunctionArgs) {
  const { document } = await requireDocumentAccess(args, 'view');
  return redirect(`/documents/${document.id}`);
}

/** Creates a language version, or marks this one up to date with its source (docs/decisions/021-language-versions.md). */
export async function action(args: ActionFunctionArgs) {
  const { user, accessContext, document } = await requireDocumentAccess(args, 'view');
  const parsed = parseForm(LanguageVersionSchema, await args.request.formData());
  // The form offers only valid choices: anything else is a crafted request.
  if (!parsed.ok) throw new Response('Bad Request', { status: 400 });
  const services = args.context.services;
  const context = { ...accessContext, document };
  try {
    if (parsed.data.intent === 'create') {
      const created = await createLanguageVersion(services, user, context, parsed.data.language);
      return redirect(`/documents/${created.id}?notice=language-version-created`);
    }
    await markLanguageVersionUpToDate(services, user, context);
    return redirect(`/documents/${document.id}?notice=language-version-synced`);
  } catch (error) {
    if (!(error instanceof LanguageVersionError)) throw error;
    if (error.reason === 'forbidden') throw forbidden();
    // Someone else added this language since the page was loaded.
    throw new Response('Conflict', { status: 409 });
  }
}
