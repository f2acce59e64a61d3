import { useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const TONES = {
  // A change that worked: announced politely.
  success: { role: 'status', className: 'mb-4 rounded border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900' },
  // A state of the page the reader should know about (archived, read-only).
  info: { role: 'status', className: 'mb-4 rounded border border-slate-300 bg-slate-100 px-4 py-2 text-sm' },
  // Something failed: announced at once.
  error: { role: 'alert', className: 'rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900' },
} as const;

/** The one banner of the portal; the tone decides its colour and whether screen readers are interrupted. */
export function Banner({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  const { role, className } = TONES[tone];
  return (
    <div role={role} className={className}>
      {children}
    </div>
  );
}

// A notice names a message key; anything else in the query string (dots, spaces) is not one of ours.
const NOTICE_NAME = /^[a-zA-Z-]+$/;

/**
 * Confirms what just happened after a redirect (`?notice=key`). Only keys
 * that exist under `scope` (`notices` by default, or an area's own, such as
 * `actions.notices`) are shown, so a crafted link cannot print arbitrary text.
 */
export function NoticeBanner({ scope = 'notices' }: { scope?: 'notices' | 'actions.notices' | 'versions.notices' | 'workflow.notices' | 'consultation.notices' }) {
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const notice = params.get('notice');
  if (!notice || !NOTICE_NAME.test(notice) || !i18n.exists(`${scope}.${notice}`)) return null;
  return <Banner tone="success">{t(`${scope}.${notice}`)}</Banner>;
}
