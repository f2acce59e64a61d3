import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../utils/format.ts';

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
    <section aria-labelledby="editions-title" className="space-y-2">
      <h2 id="editions-title" className="text-lg font-semibold">
        {t('workflow.editionsTitle')}
      </h2>
      {editions.length === 0 ? (
        <p className="text-sm text-slate-700">{t('workflow.noEditions')}</p>
      ) : (
        <table className="data-table">
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
                <td>{formatDateTime(edition.publishedAt, i18n.language)}</td>
                <td>{edition.publishedByName}</td>
                <td className="whitespace-pre-line">{edition.changelog}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
