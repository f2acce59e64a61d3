import { useTranslation } from 'react-i18next';
import type { ActionStatus } from '../../../db/schema.ts';
import { shiftDate } from '../../utils/action-dates.ts';
import { formatDate, formatMonth } from '../../utils/format.ts';

export interface TimelineItem {
  id: string;
  code: string;
  title: string;
  status: ActionStatus;
  startDate: string | null;
  dueDate: string | null;
  overdue: boolean;
}

export interface TimelineGroup {
  key: string;
  label: string;
  items: TimelineItem[];
}

const WIDTH = 1000;
const LABEL_WIDTH = 270;
const X0 = LABEL_WIDTH + 10;
const X1 = WIDTH - 70;
const HEADER = 34;
const GROUP_ROW = 26;
const ITEM_ROW = 22;
const DAY = 86_400_000;

const days = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
function nextMonth(date: string): string {
  const d = new Date(`${monthStart(date)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** The months the chart spans: from the first month with a date (or today) to the month after the last. */
export function timelineRange(groups: TimelineGroup[], today: string): { from: string; to: string } {
  const dates = [today];
  for (const group of groups) for (const item of group.items) for (const d of [item.startDate, item.dueDate]) if (d) dates.push(d);
  dates.sort();
  return { from: monthStart(dates[0]), to: nextMonth(dates[dates.length - 1]) };
}


/**
 * A Gantt-style chart: one bar per item from start to due date, grouped, with
 * month lines and a dashed line for today. Overdue bars are hatched, outlined
 * and labelled in words; items with one date are diamonds. The SVG has a
 * title, a description and a title per bar; the caller adds a table with the
 * same data.
 */
export function TimelineChart({ groups, today, count }: { groups: TimelineGroup[]; today: string; count: number }) {
  const { t, i18n } = useTranslation();
  const { from, to } = timelineRange(groups, today);
  const span = Math.max(1, days(to) - days(from));
  const x = (date: string) => X0 + ((days(date) - days(from)) / span) * (X1 - X0);
  const months: string[] = [];
  for (let m = from; m < to; m = nextMonth(m)) months.push(m);
  const labelEvery = Math.max(1, Math.ceil(months.length / 12));

  let y = HEADER;
  const rows: JSX.Element[] = [];
  for (const group of groups) {
    rows.push(
      <text key={`g-${group.key}`} x={4} y={y + 17} className="fill-slate-900 text-[13px] font-bold">
        {group.label.length > 40 ? `${group.label.slice(0, 39)}…` : group.label}
      </text>,
    );
    y += GROUP_ROW;
    for (const item of group.items) {
      const start = item.startDate ?? item.dueDate!;
      const due = item.dueDate ?? item.startDate!;
      const status = t(`trackerViews.status.${item.status}`);
      const title = t(item.overdue ? 'trackerViews.timelineView.barTitleOverdue' : 'trackerViews.timelineView.barTitle', {
        code: item.code,
        title: item.title,
        start: item.startDate ? formatDate(item.startDate, i18n.language) : t('trackerViews.noDate'),
        due: item.dueDate ? formatDate(item.dueDate, i18n.language) : t('trackerViews.noDate'),
        status,
      });
      const fill = item.overdue ? 'url(#timeline-overdue)' : item.status === 'completed' ? '#059669' : item.status === 'cancelled' ? '#94a3b8' : '#2563eb';
      const stroke = item.overdue ? '#b91c1c' : 'none';
      const single = !item.startDate || !item.dueDate;
      const x1 = x(start);
      const x2 = Math.max(x(shiftDate(due, 1)), x1 + 3);
      const mid = y + ITEM_ROW / 2;
      const label = `${item.code} ${item.title}`;
      rows.push(
        <g key={item.id} className={item.overdue ? 'timeline-bar overdue' : 'timeline-bar'} data-item={item.code}>
          <title>{title}</title>
          <text x={14} y={mid + 4} className="fill-slate-800 text-[11px]">
            {label.length > 42 ? `${label.slice(0, 41)}…` : label}
          </text>
          {single ? (
            <path d={`M ${x1} ${mid - 7} L ${x1 + 7} ${mid} L ${x1} ${mid + 7} L ${x1 - 7} ${mid} Z`} fill={fill} stroke={stroke} strokeWidth={item.overdue ? 2 : 0} />
          ) : (
            <rect x={x1} y={mid - 6} width={x2 - x1} height={12} rx={2} fill={fill} stroke={stroke} strokeWidth={item.overdue ? 2 : 0} />
          )}
          {item.overdue ? (
            <text x={(single ? x1 + 7 : x2) + 4} y={mid + 4} className="fill-red-800 text-[11px] font-semibold">
              {`⚠ ${t('trackerViews.overdue')}`}
            </text>
          ) : null}
        </g>,
      );
      y += ITEM_ROW;
    }
  }
  const height = y + 8;
  const todayX = x(today);
  return (
    <svg
      role="img"
      aria-labelledby="timeline-title timeline-desc"
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto w-full min-w-[48rem]"
      xmlns="http://www.w3.org/2000/svg"
      id="timeline-chart"
    >
      <title id="timeline-title">{t('trackerViews.timelineView.chartTitle', { count })}</title>
      <desc id="timeline-desc">
        {t('trackerViews.timelineView.chartDesc', {
          from: formatMonth(from, i18n.language, 'short'),
          to: formatMonth(shiftDate(to, -1), i18n.language, 'short'),
          today: formatDate(today, i18n.language),
        })}
      </desc>
      <defs>
        <pattern id="timeline-overdue" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#fecaca" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#b91c1c" strokeWidth="3" />
        </pattern>
      </defs>
      {months.map((m, index) => (
        <g key={m} aria-hidden="true">
          <line x1={x(m)} x2={x(m)} y1={HEADER - 6} y2={height} stroke="#e2e8f0" />
          {index % labelEvery === 0 ? (
            <text x={x(m) + 3} y={HEADER - 12} className="fill-slate-600 text-[11px]">
              {formatMonth(m, i18n.language, 'short')}
            </text>
          ) : null}
        </g>
      ))}
      {rows}
      <g id="timeline-today">
        <title>{`${t('trackerViews.timelineView.today')}: ${formatDate(today, i18n.language)}`}</title>
        <line x1={todayX} x2={todayX} y1={HEADER - 6} y2={height} stroke="#0f172a" strokeWidth={1.5} strokeDasharray="5 3" />
        <text x={todayX + 3} y={height - 2} className="fill-slate-900 text-[11px] font-semibold">
          {t('trackerViews.timelineView.today')}
        </text>
      </g>
    </svg>
  );
}
