import { Form, NavLink, useSubmit } from '@remix-run/react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Action } from '../policies/permissions.ts';
import type { Role } from '../../db/schema.ts';
import { clearDeviceCopiesWithin } from './editor/device-copy-storage.client.ts';
import { LanguageSwitcher } from './language-switcher.tsx';

export interface HeaderUser {
  id: string;
  name: string;
  role: Role;
  institutionId: string;
  institutionName: string;
  unreadNotifications: number;
}

const MEMBER_LINKS: { to: string; label: string; action: Action }[] = [
  { to: '/dashboard', label: 'nav.dashboard', action: 'members-area:view' },
  { to: '/documents', label: 'nav.documents', action: 'document:list' },
  // The public site: every signed-in person may read it, like anyone else.
  { to: '/publications', label: 'publications.title', action: 'members-area:view' },
  { to: '/actions', label: 'actions.nav', action: 'action-item:list' },
  { to: '/tracker', label: 'trackerViews.navTracker', action: 'tracker:dashboard' },
  { to: '/institutions', label: 'nav.institutions', action: 'institution:list' },
  { to: '/cbms', label: 'nav.cbms', action: 'cbm:view' },
  { to: '/reports/progress', label: 'trackerData.navReports', action: 'tracker:report' },
  { to: '/people', label: 'nav.people', action: 'person:list' },
  { to: '/audit', label: 'workflow.audit.navLabel', action: 'audit:view' },
  { to: '/settings', label: 'nav.settings', action: 'settings:update' },
];

export function SiteHeader({ user, groupName }: { user: HeaderUser | null; groupName: string }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  // Documents kept on this device go before the session does: a shared computer keeps no draft (decision 025).
  const signOut = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void clearDeviceCopiesWithin(3_000).finally(() => submit(form));
  };
  const links = user ? MEMBER_LINKS.filter((link) => can(user, link.action)) : [];
  // Straight to one's own institution, the page people otherwise find by scrolling the list.
  if (user?.institutionId && can(user, 'institution:view')) {
    const at = links.findIndex((link) => link.to === '/institutions');
    links.splice(at === -1 ? links.length : at + 1, 0, { to: `/institutions/${user.institutionId}`, label: 'nav.myInstitution', action: 'institution:view' });
  }
  return (
    <header className="on-dark bg-brand-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <a href="/" className="text-white no-underline hover:no-underline">
          <span className="block text-lg font-bold leading-tight">{groupName}</span>
          <span className="block text-xs text-brand-200">{t('app.name')}</span>
        </a>
        <div className="flex flex-wrap items-center gap-3">
          <LanguageSwitcher />
          {user ? (
            <div className="flex items-center gap-2 text-sm">
              <NavLink
                to="/notifications"
                className="rounded border border-brand-500 px-2 py-1 text-white no-underline hover:bg-brand-700"
                data-testid="notifications-link"
              >
                {user.unreadNotifications > 0 ? (
                  <>
                    <span className="sr-only">{t('notifications.navUnread', { count: user.unreadNotifications })}</span>
                    <span aria-hidden="true">
                      {t('notifications.navLabel')} <span className="rounded-full bg-white px-1.5 font-bold text-brand-900">{user.unreadNotifications}</span>
                    </span>
                  </>
                ) : (
                  t('notifications.navLabel')
                )}
              </NavLink>
              <NavLink to="/account" className="text-white">
                <span className="sr-only">{t('nav.account')}: </span>
                {user.name}
                <span className="hidden text-brand-200 md:inline"> · {user.institutionName}</span>
              </NavLink>
              <Form method="post" action="/logout" onSubmit={signOut}>
                <button type="submit" className="rounded border border-brand-500 px-2 py-1 font-semibold hover:bg-brand-700">
                  {t('nav.signOut')}
                </button>
              </Form>
            </div>
          ) : (
            <a href="/login" className="rounded bg-white px-3 py-1 text-sm font-semibold text-brand-900 no-underline">
              {t('nav.signIn')}
            </a>
          )}
        </div>
      </div>
      {links.length > 0 ? (
        <nav aria-label={t('nav.main')} className="border-t border-brand-800 bg-brand-800">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-4">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink
                  to={link.to}
                  className={({ isActive }) =>
                    `block border-b-2 px-3 py-2 text-sm font-medium text-white no-underline hover:no-underline ${
                      isActive ? 'border-white' : 'border-transparent hover:border-brand-200'
                    }`
                  }
                >
                  {t(link.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
