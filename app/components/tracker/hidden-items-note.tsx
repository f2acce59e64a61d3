import { useTranslation } from 'react-i18next';

/** Which count the note completes: the whole tracker's, one CBM's, one institution's, or the public's. */
export type HiddenItemsScope = 'tracker' | 'cbm' | 'institution' | 'public';

const MESSAGE: Record<HiddenItemsScope, string> = {
  tracker: 'trackerViews.hiddenCount',
  cbm: 'trackerViews.hiddenOnCbm',
  institution: 'trackerViews.hiddenOfInstitution',
  public: 'trackerViews.hiddenFromPublic',
};

/**
 * The line that makes a count add up: how many items the reader may not see
 * because of their classification, without naming them (docs/tracker-views.md).
 * Nothing is shown when nothing is hidden.
 */
export function HiddenItemsNote({ count, scope }: { count: number; scope: HiddenItemsScope }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <p data-testid="hidden-items" className="text-sm text-slate-700">
      {t(MESSAGE[scope], { count })}
    </p>
  );
}
