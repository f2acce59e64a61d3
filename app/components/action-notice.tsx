import { useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** Confirms a change to an action item after a redirect (`?notice=key`); only keys under actions.notices are shown. */
export function ActionNotice() {
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const notice = params.get('notice');
  if (!notice || !/^[a-z-]+$/.test(notice) || !i18n.exists(`actions.notices.${notice}`)) return null;
  return (
    <div role="status" className="mb-4 rounded border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
      {t(`actions.notices.${notice}`)}
    </div>
  );
}
