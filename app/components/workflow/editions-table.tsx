import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../utils/format.ts';
import { TitledSection } from '../ui/titled-section.tsx';

interface EditionRow {
  id: string;
  label: string;
  publishedAt: string;
  publishedByName: string | null;
  changelog: string;
}

/** The published editions, each linked to its public page once the document has a slug. */
export function EditionsTable({ slug, editions }: { slug: string | null; editions: EditionRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <TitledSection id="editions-title" title={t('workflow.editionsTitle')} empty={editions.length === 0 ? t('workflow.noEditions') : null}>
      <table className="data-table stack-table">
        <caption className="sr-only">{t('workflow.editionsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workflow.edition')}</th>
            <th scope="col">{t('workflow.publishedAt')}</th>
            <th scope="col">{t('workflow.publishedBy')}</th>
            <th scope="col">{t('workflow.changelog')}</th>
          </tr>
        </thead>
        <tbody>
          {editions.map((edition) => (
            <tr key={edition.id}>
              <th scope="row" className="font-medium">
                {slug ? <a href={`/publications/${slug}/v/${edition.label}`}>{edition.label}</a> : edition.label}
              </th>
              <td data-label={t('workflow.publishedAt')}>{formatDateTime(edition.publishedAt, i18n.language)}</td>
              <td data-label={t('workflow.publishedBy')}>{edition.publishedByName}</td>
              <td data-label={t('workflow.changelog')} className="whitespace-pre-line">{edition.changelog}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TitledSection>
  );
}
