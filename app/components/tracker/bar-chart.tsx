export interface BarChartRow {
  key: string;
  label: string;
  value: number;
  /** The text printed after the bar (the number, with its meaning). */
  valueText: string;
  /** Optional second, lighter bar behind the value (e.g. all items behind the completed ones). */
  total?: number;
}

const WIDTH = 560;
const LABEL_WIDTH = 210;
const BAR_AREA = 200;
const ROW = 28;

/**
 * A horizontal bar chart as SVG that a screen reader can read: role="img",
 * named by its <title> and described by its <desc> (which the caller fills
 * with every number), and each bar's own <title>. The numbers are printed next
 * to the bars too, so nothing depends on reading lengths or colours.
 */
export function BarChart({ id, title, desc, rows }: { id: string; title: string; desc: string; rows: BarChartRow[] }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.value, r.total ?? 0)));
  const height = rows.length * ROW + 8;
  const scale = (v: number) => (v / max) * BAR_AREA;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto w-full max-w-2xl"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {rows.map((row, index) => {
        const y = index * ROW + 4;
        return (
          <g key={row.key}>
            <title>{`${row.label}: ${row.valueText}`}</title>
            <text x={LABEL_WIDTH - 8} y={y + 15} textAnchor="end" className="fill-slate-800 text-[12px]">
              {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
            </text>
            {row.total !== undefined ? <rect x={LABEL_WIDTH} y={y + 3} width={scale(row.total)} height={16} className="fill-slate-200 stroke-slate-400" /> : null}
            <rect x={LABEL_WIDTH} y={y + 3} width={scale(row.value)} height={16} className="fill-brand-600" />
            <text x={LABEL_WIDTH + scale(Math.max(row.value, row.total ?? 0)) + 6} y={y + 15} className="fill-slate-900 text-[12px]">
              {row.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The same bars as HTML, for screens below 640 px: there the SVG would scale
 * its 12 px text down to unreadable. Each row is its full label, then the bar
 * and its number; the bar itself is decoration, the number says it all.
 */
function BarList({ rows }: { rows: BarChartRow[] }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.value, r.total ?? 0)));
  const width = (v: number) => `${(v / max) * 100}%`;
  return (
    <ul className="space-y-2 text-sm">
      {rows.map((row) => (
        <li key={row.key}>
          <span className="block text-slate-800">{row.label}</span>
          <span className="mt-1 flex items-center gap-2">
            <span aria-hidden="true" className="relative block h-3 flex-1 overflow-hidden rounded-sm">
              {row.total !== undefined ? <span className="absolute inset-y-0 left-0 border border-slate-400 bg-slate-200" style={{ width: width(row.total) }} /> : null}
              <span className="absolute inset-y-0 left-0 bg-brand-600" style={{ width: width(row.value) }} />
            </span>
            <span className="whitespace-nowrap text-slate-900">{row.valueText}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A bar chart in a card under its own heading; the heading doubles as the
 * chart's title. Below 640 px the bars are an HTML list (`BarList`); only one
 * of the two is displayed, so assistive technology meets one.
 */
export function ChartCard({ headingId, chartId, title, desc, rows }: { headingId: string; chartId: string; title: string; desc: string; rows: BarChartRow[] }) {
  return (
    <section className="card min-w-0" aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-2 text-lg font-bold">
        {title}
      </h2>
      <div className="hidden sm:block">
        <BarChart id={chartId} title={title} desc={desc} rows={rows} />
      </div>
      <div className="sm:hidden">
        <BarList rows={rows} />
      </div>
    </section>
  );
}
