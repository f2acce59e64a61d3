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

/** A bar chart in a card under its own heading; the heading doubles as the chart's title. */
export function ChartCard({ headingId, chartId, title, desc, rows }: { headingId: string; chartId: string; title: string; desc: string; rows: BarChartRow[] }) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-2 text-lg font-bold">
        {title}
      </h2>
      <BarChart id={chartId} title={title} desc={desc} rows={rows} />
    </section>
  );
}
