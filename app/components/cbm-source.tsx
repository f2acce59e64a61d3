import { useTranslation } from 'react-i18next';
import type { Cbm } from '../../db/schema.ts';
import { formatDate } from '../utils/format.ts';

/** Which OSCE decision adopted a CBM, and where its official text is. */
export function CbmSource({ cbm, className }: { cbm: Pick<Cbm, 'decision' | 'adoptedOn' | 'sourceUrl'>; className: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className={className}>
      {t('cbms.decision', { decision: cbm.decision, date: formatDate(cbm.adoptedOn, i18n.language) })}
      {cbm.sourceUrl ? (
        <>
          {' · '}
          <a href={cbm.sourceUrl} rel="noopener noreferrer">
            {t('cbms.officialText')}
          </a>
        </>
      ) : null}
    </p>
  );
}
