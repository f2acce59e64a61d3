import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActivityList } from '../components/home/activity-list.tsx';
import { ConsultationEntries } from '../components/home/consultation-entries.tsx';
import { ConversationEntries } from '../components/home/conversation-entries.tsx';
import { MissingPositions, PendingInvitations, TrackerFigures } from '../components/home/coordinator-parts.tsx';
import { HomeSection } from '../components/home/home-section.tsx';
import { ItemEntries } from '../components/home/item-entries.tsx';
import { NoticeBanner } from '../components/ui/notice.tsx';
import { PageHeader } from '../components/ui/page-header.tsx';
import { getInstitutionName } from '../models/institution.server.ts';
import { pageTitle } from '../locales/meta.ts';
import { homePage, type CoordinatorHome, type MemberHome, type ObserverHome } from '../services/home-page.server.ts';
import { requirePermission } from '../services/session.server.ts';
import { todayInSarajevo } from '../utils/action-dates.ts';
import { resolveLanguage } from '../utils/request-language.server.ts';
import { formatDate } from '../utils/format.ts';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dashboard.title');

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'members-area:view');
  const { db } = args.context.services;
  const today = todayInSarajevo();
  const language = await resolveLanguage(args.request);
  const [institutionName, home] = await Promise.all([getInstitutionName(db, user.institutionId, language), homePage(db, user, { today, language })]);
  return {
    user: { name: user.name, role: user.role },
    institution: institutionName !== undefined ? { id: user.institutionId, name: institutionName } : null,
    today,
    home,
  };
}

export default function Dashboard() {
  const { user, institution, today, home } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <NoticeBanner />
      <PageHeader
        title={t('dashboard.welcome', { name: user.name })}
        lead={
          <span className="flex flex-wrap items-center gap-x-2 text-sm">
            <span className="font-semibold" data-testid="dashboard-role">
              {t(`roles.${user.role}`)}
            </span>
            {institution ? (
              <span>
                <span aria-hidden="true" className="hidden sm:inline">· </span>
                <Link to={`/institutions/${institution.id}`}>{institution.name}</Link>
              </span>
            ) : null}
            <span className="basis-full text-slate-600">{t(`dashboard.roleHelp_${user.role}`)}</span>
          </span>
        }
      />
      {home.kind === 'member' ? <MemberPage home={home} today={today} institutionId={institution?.id ?? null} /> : null}
      {home.kind === 'coordinator' ? <CoordinatorPage home={home} today={today} /> : null}
      {home.kind === 'observer' ? <ObserverPage home={home} /> : null}
    </div>
  );
}

function ChangesSection({ home, className }: { home: Pick<MemberHome, 'changes' | 'lastVisit'>; className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <HomeSection
      id="changes"
      title={t('home.changesTitle')}
      lead={home.lastVisit ? t('home.lastVisit', { date: formatDate(home.lastVisit, i18n.language) }) : t('home.firstVisit')}
      className={className}
    >
      <ActivityList id="changes-list" entries={home.changes} />
    </HomeSection>
  );
}

function MemberPage({ home, today, institutionId }: { home: MemberHome; today: string; institutionId: string | null }) {
  const { t } = useTranslation();
  const list = (filters: string) => `/actions?${institutionId ? `owner=${encodeURIComponent(institutionId)}&` : ''}${filters}`;
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <HomeSection id="my-items" title={t('home.itemsTitle')} lead={t('home.itemsLead')} className="lg:col-span-2">
        <div className="grid gap-4 md:grid-cols-3">
          <ItemEntries id="home-overdue" title={t('home.overdue')} list={home.items.overdue} seeAll={list('overdue=1&sort=due')} show="due" />
          <ItemEntries id="home-due-soon" title={t('home.dueSoon')} list={home.items.dueSoon} seeAll={list('dueSoon=1&sort=due')} show="due" />
          <ItemEntries id="home-quiet" title={t('home.quiet')} list={home.items.quiet} seeAll={list('stale=1&sort=updated&dir=asc')} show="lastUpdate" />
        </div>
      </HomeSection>
      <HomeSection id="awaiting" title={t('home.awaitingTitle')} count={home.awaiting.length}>
        <ConsultationEntries rows={home.awaiting} today={today} />
      </HomeSection>
      <HomeSection
        id="conversations-section"
        title={t('home.conversationsTitle')}
        count={home.conversations.length}
        footer={<Link to="/notifications">{t('home.allNotifications', { count: home.unread })}</Link>}
      >
        <ConversationEntries rows={home.conversations} />
      </HomeSection>
      <ChangesSection home={home} className="lg:col-span-2" />
    </div>
  );
}

function CoordinatorPage({ home, today }: { home: CoordinatorHome; today: string }) {
  const { t } = useTranslation();
  return (
    <div className="grid items-start gap-4 lg:grid-cols-2">
      <HomeSection id="figures" title={t('home.figuresTitle')} footer={<Link to="/tracker">{t('home.openTracker')}</Link>}>
        <TrackerFigures summary={home.summary} />
      </HomeSection>
      <HomeSection id="consultations" title={t('home.consultationsTitle')} count={home.consultations.length}>
        <MissingPositions rows={home.consultations} today={today} />
      </HomeSection>
      <HomeSection
        id="invitations"
        title={t('home.invitationsTitle')}
        count={home.invitations.total}
        footer={<Link to="/people#pending-title">{t('home.manageInvitations', { count: home.invitations.total })}</Link>}
      >
        <PendingInvitations invitations={home.invitations} />
      </HomeSection>
      <HomeSection id="week" title={t('home.weekTitle')}>
        <ActivityList id="week-list" entries={home.week} />
      </HomeSection>
    </div>
  );
}

function ObserverPage({ home }: { home: ObserverHome }) {
  return <ChangesSection home={home} />;
}
