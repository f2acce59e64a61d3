import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../utils/format.ts';
import type { ActionItemPageData } from '../../services/action-item-page.server.ts';
import { TitledSection } from '../ui/titled-section.tsx';

export function Indicators({ item }: { item: ActionItemPageData['item'] }) {
  const { t, i18n } = useTranslation();
  return (
    <TitledSection id="indicators-title" title={t('actions.item.indicators')} empty={item.indicators.length === 0 ? t('actions.item.noIndicators') : null}>
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{t('actions.item.indicatorsCaption')}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-1 pr-3">
              {t('actions.item.indicatorName')}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {t('actions.item.baseline')}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {t('actions.item.target')}
            </th>
            <th scope="col" className="py-1 text-right">
              {t('actions.item.current')}
            </th>
          </tr>
        </thead>
        <tbody>
          {item.indicators.map((indicator) => (
            <tr key={indicator.id} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {indicator.name}
                {indicator.unit ? <span className="text-slate-600"> ({indicator.unit})</span> : null}
              </th>
              <td className="py-1 pr-3 text-right">{formatNumber(indicator.baseline, i18n.language)}</td>
              <td className="py-1 pr-3 text-right">{formatNumber(indicator.target, i18n.language)}</td>
              <td className="py-1 text-right">{formatNumber(indicator.current, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TitledSection>
  );
}
