import { useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** Confirms a version change after a redirect (`?notice=key`); only keys under versions.notices are shown. */
export function VersionNotice() {
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const notice = params.get('notice');
  if (!notice || !i18n.exists(`versions.notices.${notice}`)) return null;
  return (
    <div role="status" className="mb-4 rounded border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
      {t(`versions.notices.${notice}`)}
    </div>
  );
}
