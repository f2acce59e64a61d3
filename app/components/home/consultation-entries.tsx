import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { MemberHome } from '../../services/home-page.server.ts';
import { formatDate } from '../../utils/format.ts';
import { TlpBadge } from '../tlp-badge.tsx';
import { EmptyLine } from './home-section.tsx';

/** Consultations waiting for the institution's position, each opening the position form. */
export function ConsultationEntries({ rows, today }: { rows: MemberHome['awaiting']; today: string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <EmptyLine>{t('home.awaitingNone')}</EmptyLine>;
  return (
    <ul className="divide-y divide-slate-200 text-sm" id="awaiting-position">
      {rows.map((doc) => (
        <li key={doc.id} className="py-2">
          <Link to={`/documents/${doc.id}/workflow#position-title`} className="break-words font-medium">
            {doc.title}
          </Link>
          <span className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <TlpBadge tlp={doc.tlp} />
            <span>{doc.ownerName}</span>
            <span className={doc.deadline && doc.deadline < today ? 'font-semibold text-red-800' : undefined}>
              {doc.deadline
                ? t(doc.deadline < today ? 'home.deadlinePassed' : 'home.deadline', { date: formatDate(doc.deadline, i18n.language) })
                : t('home.noDeadline')}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
