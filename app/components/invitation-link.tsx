import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Shows a freshly made invitation link once, ready to copy (a plain read-only field works without JavaScript). */
export function InvitationLink({ email, link, mailed }: { email: string; link: string; mailed: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section role="status" className="card mb-6 border-emerald-300 bg-emerald-50" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="font-bold">
        {t('people.linkTitle', { email })}
      </h2>
      <p className="mt-1 text-sm">{mailed ? t('people.linkMailed') : t('people.linkNotMailed')}</p>
      <label htmlFor={id} className="sr-only">
        {t('people.linkTitle', { email })}
      </label>
      <input id={id} readOnly value={link} className="field-input mt-2 font-mono" data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
      <p className="mt-2 text-xs text-slate-600">{t('people.linkOnce')}</p>
    </section>
  );
}
