import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PageHeader } from '../components/ui/page-header.tsx';
import { countUnread, listNotifications, markRead, openNotification } from '../models/notification.server.ts';
import { formatDateTime } from '../utils/format.ts';
import { pageTitle } from '../locales/meta.ts';
import { notificationText } from '../utils/notification-text.ts';
import { requirePermission } from '../services/session.server.ts';
import { safeRedirect } from '../utils/safe-redirect.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications.title');

const PAGE_SIZE = 30;

const querySchema = z.object({
  show: z.enum(['all', 'unread']).catch('all'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'notification:view');
  const { db } = args.context.services;
  const url = new URL(args.request.url);
  const query = querySchema.parse(Object.fromEntries(url.searchParams));
  // One row more than a page tells whether an older page exists without a count query.
  const rows = await listNotifications(db, user.id, {
    unreadOnly: query.show === 'unread',
    limit: PAGE_SIZE + 1,
    offset: (query.page - 1) * PAGE_SIZE,
  });
  return {
    show: query.show,
    page: query.page,
    hasOlder: rows.length > PAGE_SIZE,
    unread: await countUnread(db, user.id),
    notifications: rows.slice(0, PAGE_SIZE),
  };
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open'), id: z.string().uuid() }),
  z.object({ intent: z.literal('read-all') }),
]);

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, 'notification:view');
  const parsed = actionSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return new Response('Bad Request', { status: 400 });
  const { db } = args.context.services;
  if (parsed.data.intent === 'read-all') {
    await markRead(db, user.id, 'all');
    return redirect('/notifications');
  }
  // "Open" marks the notification read and follows its stored link, inside the portal only.
  const link = await openNotification(db, user.id, parsed.data.id);
  if (link === null) return new Response('Not Found', { status: 404 });
  return redirect(safeRedirect(link, '/notifications'));
}

export default function Notifications() {
  const { show, page, hasOlder, unread, notifications } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const pageLink = (n: number) => `/notifications?${new URLSearchParams({ show, page: String(n) })}`;
  return (
    <div>
      <PageHeader
        title={t('notifications.title')}
        lead={t('notifications.lead')}
        actions={
          unread > 0 ? (
            <Form method="post">
              <button type="submit" name="intent" value="read-all" className="btn-secondary">
                {t('notifications.markAllRead')}
              </button>
            </Form>
          ) : null
        }
      />
      <p className="mb-4 flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="unread-count">{t('notifications.unread', { count: unread })}</span>
        <span aria-hidden="true">·</span>
        <Link to="/notifications?show=all" aria-current={show === 'all' ? 'page' : undefined}>
          {t('notifications.showAll')}
        </Link>
        <Link to="/notifications?show=unread" aria-current={show === 'unread' ? 'page' : undefined}>
          {t('notifications.showUnread')}
        </Link>
      </p>
      {notifications.length === 0 ? (
        <p className="card text-slate-700">{t('notifications.none')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start justify-between gap-3 p-3 ${n.readAt ? '' : 'bg-brand-50'}`}>
              <div>
                {n.readAt ? null : <span className="mr-2 rounded bg-brand-900 px-1.5 py-0.5 text-xs font-semibold text-white">{t('notifications.unreadMarker')}</span>}
                <span>{notificationText(t, i18n.language, n)}</span>
                <span className="block text-xs text-slate-600">{formatDateTime(n.createdAt, i18n.language)}</span>
              </div>
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" name="intent" value="open" className="btn-secondary text-sm">
                  {t('notifications.open')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t('notifications.title')} className="mt-4 flex justify-between text-sm">
        {page > 1 ? <Link to={pageLink(page - 1)}>{t('notifications.newer')}</Link> : <span />}
        {hasOlder ? <Link to={pageLink(page + 1)}>{t('notifications.older')}</Link> : null}
      </nav>
    </div>
  );
}
