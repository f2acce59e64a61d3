import { useTranslation } from 'react-i18next';

export interface PendingSuggestionItem {
  id: string;
  quote: string;
  institutionName: string;
}

/** On the workflow page: the suggestions that keep the document from being published, each linked to its place. */
export function PendingSuggestions({ documentId, items }: { documentId: string; items: PendingSuggestionItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="pending-suggestions-title" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="pending-suggestions">
      <h2 id="pending-suggestions-title" className="font-semibold">
        {t('suggestions.workflowPendingTitle')}
      </h2>
      <p className="mt-1">{t('suggestions.workflowPending', { count: items.length })}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((item) => (
          <li key={item.id}>
            <a href={`/documents/${documentId}#suggestion-${item.id}`} className="text-brand-800 underline">
              {t('suggestions.workflowPendingItem', { institution: item.institutionName, quote: item.quote.length > 80 ? `${item.quote.slice(0, 80)}…` : item.quote })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
