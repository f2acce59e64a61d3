import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Comments } from '../components/action-item/comments.tsx';
import { History } from '../components/action-item/history.tsx';
import { Indicators } from '../components/action-item/indicators.tsx';
import { ActionItemHeader } from '../components/action-item/item-header.tsx';
import { Overview } from '../components/action-item/overview.tsx';
import { ProgressUpdateForm } from '../components/action-item/progress-update-form.tsx';
import { Timeline } from '../components/action-item/timeline.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { addActionComment } from '../models/action-update.server.ts';
import { commentSchema } from '../schemas/action-item.ts';
import { formFields, parseForm } from '../schemas/parse-form.ts';
import { requireActionItem } from '../services/action-item-access.server.ts';
import { loadActionItemPage, postProgressUpdateForm, type ActionItemFormResult } from '../services/action-item-page.server.ts';
import { notFound } from '../services/session.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { groupName?: string } | undefined;
  return [{ title: `${data ? `${data.item.code} ${data.item.title}` : ''} · ${root?.groupName ?? ''}` }, { name: 'robots', content: 'noindex' }];
};

export async function loader(args: LoaderFunctionArgs) {
  const { itemId, rights } = await requireActionItem(args, 'read');
  const page = await loadActionItemPage(args.context.services.db, itemId);
  if (!page) throw notFound();
  return { ...page, rights };
}

async function progressUpdate(args: ActionFunctionArgs, form: FormData | null) {
  // Rights first: nobody else gets to send files to disk.
  const { user, itemId } = await requireActionItem(args, 'updateProgress');
  const outcome = await postProgressUpdateForm(args.context.services, { itemId, author: user, source: form ? { form } : { request: args.request } });
  if (!outcome.ok) return data<ActionItemFormResult>(outcome.result, { status: outcome.status });
  return redirect(`/actions/${itemId}?notice=updated#timeline`);
}

async function comment(args: ActionFunctionArgs, form: FormData) {
  const { user, itemId } = await requireActionItem(args, 'comment');
  const parsed = parseForm(commentSchema, form);
  if (!parsed.ok) return data<ActionItemFormResult>({ intent: 'comment', errors: parsed.errors, values: formFields(form).values }, { status: 400 });
  await addActionComment(args.context.services.db, { itemId, authorId: user.id, institutionId: user.institutionId, body: parsed.data.body });
  return redirect(`/actions/${itemId}?notice=commented#comments`);
}

export async function action(args: ActionFunctionArgs) {
  const contentType = args.request.headers.get('content-type') ?? '';
  // Only the progress form sends files; it is read as a stream after the rights check.
  if (contentType.startsWith('multipart/form-data')) return progressUpdate(args, null);
  await requireActionItem(args, 'read');
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'update') return progressUpdate(args, form);
  if (intent === 'comment') return comment(args, form);
  throw new Response('Bad Request', { status: 400 });
}

export default function ActionItemPage() {
  const { t } = useTranslation();
  const { item, updates, changes, names, comments, rights, today, overdue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <NoticeBanner scope="actions.notices" />
      <ActionItemHeader item={item} canEdit={rights.edit} />
      <Overview item={item} overdue={overdue} />
      <Indicators item={item} />
      {rights.updateProgress ? <ProgressUpdateForm item={item} today={today} result={result} /> : null}
      {!rights.updateProgress && !rights.edit ? <p className="text-sm text-slate-600">{t('actions.item.readOnly')}</p> : null}
      <Timeline itemId={item.id} updates={updates} />
      <Comments comments={comments} canComment={rights.comment} result={result} />
      <History changes={changes} names={names} />
    </div>
  );
}
