/**
 * Shared pieces of every benchmark: percentiles, ratios against a baseline
 * measured in the same run, and plain-text tables. A benchmark reports; a
 * missed target prints FAIL but never throws.
 */

/** The p-th percentile (0..100) of already sorted values, nearest-rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function distribution(values: number[] | Float64Array): Distribution {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

export function ratio(value: number, baseline: number): number {
  return baseline > 0 ? value / baseline : Number.NaN;
}

export function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '-';
  return value.toFixed(digits);
}

export function fmtRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-';
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** Prints rows as an aligned table (first row is the header). */
export function printTable(title: string, rows: string[][]): void {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const out = [`\n${title}`, line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  process.stdout.write(`${out.join('\n')}\n`);
}

export interface Target {
  name: string;
  /** The measured value, as text, with its unit. */
  value: string;
  limit: string;
  /** null: this run cannot claim either (its measurement did not pass the validity gate). */
  pass: boolean | null;
}

const targets: Target[] = [];

/** Records a target, prints it at once, and keeps it for the summary. */
export function checkTarget(target: Target): void {
  targets.push(target);
  process.stdout.write(`${verdict(target)}  ${target.name}: ${target.value} (target ${target.limit})\n`);
}

function verdict(target: Target): string {
  return target.pass === null ? 'CANNOT CLAIM' : target.pass ? 'PASS' : 'FAIL';
}

export function printTargetSummary(title: string): void {
  printTable(
    title,
    [['Target', 'Measured', 'Limit', 'Result'], ...targets.map((t) => [t.name, t.value, t.limit, verdict(t)])],
  );
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}
