import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SectorBadge } from '../sector-badge.tsx';
import { OverdueMark } from '../tracker/overdue-mark.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { formatAmount, formatDate } from '../../utils/format.ts';
import { pillarName } from '../../utils/pillar-name.ts';
import type { ActionItemPageData } from '../../services/action-item-page.server.ts';

/** Who owns the item, what it implements, when it is due and how far it has come. */
export function Overview({ item, overdue }: { item: ActionItemPageData['item']; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  const pillar = item.pillarCode ? pillarName(t, { code: item.pillarCode, name: item.pillarName ?? '' }) : null;
  return (
    <section aria-labelledby="overview-title" className="card space-y-4">
      <h2 id="overview-title" className="text-lg font-semibold">
        {t('actions.item.overview')}
      </h2>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold text-slate-700">{t('actions.item.owner')}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <Link to={`/institutions/${item.ownerInstitutionId}`}>{item.ownerName}</Link> <SectorBadge sector={item.ownerSector} />
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.supporters')}</dt>
        <dd>
          {item.supporters.length === 0 ? (
            t('actions.item.none')
          ) : (
            <ul className="space-y-1">
              {item.supporters.map((s) => (
                <li key={s.id}>
                  <Link to={`/institutions/${s.id}`}>{s.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.plan')}</dt>
        <dd>
          <Link to={`/documents/${item.planId}`}>{item.planTitle}</Link>
          {item.sectionRef ? <span className="block text-slate-600">{t('actions.item.section', { section: item.sectionRef })}</span> : null}
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.pillar')}</dt>
        <dd>{item.pillarCode ? `${item.pillarCode}. ${pillar}` : t('actions.item.notSet')}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.cbms')}</dt>
        <dd>
          <ul className="space-y-1" data-testid="item-cbms">
            {item.cbms.map((cbm) => (
              <li key={cbm.number}>
                <Link to={`/cbms/${cbm.number}`}>{t('actions.form.cbmLabel', { number: cbm.number, title: cbm.title })}</Link>
                {cbm.primary ? <strong className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs uppercase">{t('actions.item.primary')}</strong> : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.dates')}</dt>
        <dd>
          {item.startDate || item.dueDate ? (
            <>
              {item.startDate ? <span className="mr-3">{t('actions.item.start', { date: formatDate(item.startDate, i18n.language) })}</span> : null}
              {item.dueDate ? <span>{t('actions.item.due', { date: formatDate(item.dueDate, i18n.language) })}</span> : null}
              {overdue ? <OverdueMark /> : null}
            </>
          ) : (
            t('actions.item.noDates')
          )}
        </dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.priority')}</dt>
        <dd>{t(`actions.priorities.${item.priority}`)}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.budget')}</dt>
        <dd>{item.budgetAmount !== null ? formatAmount(item.budgetAmount, item.budgetCurrency, i18n.language) : t('actions.item.notSet')}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.funding')}</dt>
        <dd>{item.fundingSource ? t(`actions.fundingSources.${item.fundingSource}`) : t('actions.item.notSet')}</dd>
        <dt className="font-semibold text-slate-700">{t('actions.item.tags')}</dt>
        <dd>
          {item.tags.length === 0 ? (
            t('actions.item.none')
          ) : (
            <ul className="flex flex-wrap gap-1">
              {item.tags.map((tag) => (
                <li key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <ProgressBar value={item.progress} label={t('actions.item.progressLabel')} />
      {item.description ? <p className="whitespace-pre-line text-slate-800">{item.description}</p> : null}
    </section>
  );
}
