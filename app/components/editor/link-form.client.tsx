import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isSafeUrl } from '../../editor/link-policy.ts';
import { FieldError } from '../ui/field.tsx';
import type { LinkFormState } from './use-toolbar-state.client.ts';

/** The toolbar's link form: an address to apply to the selection, or to remove from the link it is in. */
export function LinkForm({ link }: { link: LinkFormState }) {
  const { t } = useTranslation();
  const formId = useId();
  const inputId = `${formId}-url`;
  const helpId = `${formId}-help`;
  const errorId = `${formId}-error`;
  return (
    <form onSubmit={link.apply} noValidate aria-label={t('editor.link.form')} className="mt-2 flex flex-wrap items-start gap-2 rounded border border-slate-300 bg-slate-50 p-3">
      <div className="min-w-[16rem] flex-1 space-y-1">
        <label htmlFor={inputId} className="block text-sm font-semibold text-slate-800">
          {t('editor.link.address')}
        </label>
        <input
          ref={link.input}
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
          value={link.value}
          onChange={(event) => link.setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              link.close();
            }
          }}
          aria-invalid={link.invalid || undefined}
          aria-describedby={link.invalid ? `${helpId} ${errorId}` : helpId}
          className="field-input"
        />
        <p id={helpId} className="text-xs text-slate-600">
          {t('editor.link.help')}
        </p>
        <FieldError id={errorId} error={link.invalid ? 'editor.link.invalid' : undefined} />
      </div>
      <div className="flex flex-wrap items-center gap-2 pt-6">
        <button type="submit" className="btn-primary">
          {t('editor.link.apply')}
        </button>
        {link.existing !== null ? (
          <button type="button" className="btn-danger" onClick={link.remove}>
            {t('editor.link.remove')}
          </button>
        ) : null}
        <button type="button" className="btn-secondary" onClick={link.close}>
          {t('editor.link.cancel')}
        </button>
        {link.existing !== null && isSafeUrl(link.existing) ? (
          <a href={link.existing} target="_blank" rel="noopener noreferrer" className="text-sm">
            {t('editor.link.open')}
          </a>
        ) : null}
      </div>
    </form>
  );
}
