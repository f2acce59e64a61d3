import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { CoordinatorHome } from '../../services/home-page.server.ts';
import { formatDate } from '../../utils/format.ts';
import { TlpBadge } from '../tlp-badge.tsx';
import { EmptyLine } from './home-section.tsx';

/** The tracker dashboard's headline figures, each linking to the list behind it. */
export function TrackerFigures({ summary }: { summary: CoordinatorHome['summary'] }) {
  const { t } = useTranslation();
  const pct = (value: number | null) => (value === null ? t('trackerViews.dashboard.notApplicable') : t('trackerViews.dashboard.percentValue', { value }));
  const stats: { key: string; label: string; value: string; link?: string }[] = [
    { key: 'total', label: t('trackerViews.dashboard.total'), value: String(summary.total), link: '/actions' },
    { key: 'overdue', label: t('trackerViews.dashboard.overdue'), value: String(summary.overdue), link: '/actions?overdue=1&sort=due' },
    { key: 'due-soon', label: t('trackerViews.dashboard.dueSoon'), value: String(summary.dueSoon), link: '/actions?dueSoon=1&sort=due' },
    { key: 'stale', label: t('trackerViews.dashboard.stale'), value: String(summary.stale), link: '/actions?stale=1&sort=updated&dir=asc' },
    { key: 'on-track', label: t('trackerViews.dashboard.onTrack'), value: pct(summary.onTrackPercent) },
    { key: 'on-time', label: t('trackerViews.dashboard.onTime'), value: pct(summary.onTimePercent) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" id="home-figures">
      {stats.map((stat) => (
        <div key={stat.key} className="rounded border border-slate-200 p-2" data-stat={stat.key}>
          <dt className="text-xs font-semibold text-slate-600">{stat.label}</dt>
          <dd className="text-xl font-bold tabular-nums">{stat.link ? <Link to={stat.link}>{stat.value}</Link> : stat.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Open consultations and the institutions whose position is still missing, each opening the workflow page. */
export function MissingPositions({ rows, today }: { rows: CoordinatorHome['consultations']; today: string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <EmptyLine>{t('home.consultationsNone')}</EmptyLine>;
  return (
    <ul className="divide-y divide-slate-200 text-sm" id="missing-positions">
      {rows.map((doc) => (
        <li key={doc.id} className="py-2">
          <Link to={`/documents/${doc.id}/workflow`} className="break-words font-medium">
            {doc.title}
          </Link>
          <span className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <TlpBadge tlp={doc.tlp} />
            <span>{t('home.recorded', { recorded: doc.participants - doc.missing.length, total: doc.participants })}</span>
            <span className={doc.deadline && doc.deadline < today ? 'font-semibold text-red-800' : undefined}>
              {doc.deadline
                ? t(doc.deadline < today ? 'home.deadlinePassed' : 'home.deadline', { date: formatDate(doc.deadline, i18n.language) })
                : t('home.noDeadline')}
            </span>
          </span>
          <span className="mt-0.5 block break-words text-xs text-slate-700">{t('home.missing', { names: doc.missing.map((m) => m.name).join(', ') })}</span>
        </li>
      ))}
    </ul>
  );
}

/** Invitations not yet accepted, newest first. */
export function PendingInvitations({ invitations }: { invitations: CoordinatorHome['invitations'] }) {
  const { t, i18n } = useTranslation();
  if (invitations.total === 0) return <EmptyLine>{t('home.invitationsNone')}</EmptyLine>;
  return (
    <ul className="divide-y divide-slate-200 text-sm" id="pending-invitations">
      {invitations.rows.map((invitation) => (
        <li key={invitation.id} className="py-2">
          <span className="block break-words font-medium">{invitation.name ? `${invitation.name} (${invitation.email})` : invitation.email}</span>
          <span className="block text-xs text-slate-600">
            {t('home.invitation', { role: t(`roles.${invitation.role}`), institution: invitation.institutionName, date: formatDate(invitation.expiresAt, i18n.language) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
