import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/**
 * The prominent way to the consultation report, at the top of the document
 * and workflow pages once the document has been in consultation (round > 0).
 */
export function ConsultationReportLink({ documentId, consultationRound }: { documentId: string; consultationRound: number }) {
  const { t } = useTranslation();
  if (consultationRound <= 0) return null;
  return (
    <nav aria-label={t('consultation.title')} className="mb-4 flex flex-col gap-2 rounded-md border border-brand-200 bg-brand-50 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-800">{t('consultation.linkLead')}</p>
      <Link to={`/documents/${documentId}/consultation`} className="btn-primary shrink-0" data-testid="consultation-report-link">
        {t('consultation.link')}
      </Link>
    </nav>
  );
}
