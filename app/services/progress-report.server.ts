import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { Db } from '../../db/client.server.ts';
import { ACTION_STATUSES, TLP_LABELS, type Tlp } from '../../db/schema.ts';
import { listCbms } from '../models/cbm.server.ts';
import { listPillars, type CoverageRow } from '../models/action-query.server.ts';
import type { ReportItem, ReportNote } from '../models/tracker-data.server.ts';
import { cbmCoverage, pillarCoverage, progressReport } from './scoped-reads.server.ts';
import type { Actor } from '../policies/permissions.ts';
import { isIsoDate } from '../schemas/action-item.ts';
import { escapeMarkdown } from './osce-export.server.ts';
import { formatDate } from '../utils/format.ts';
import { reportGroupTitle } from '../utils/pillar-name.ts';

/**
 * The progress report for OSCE and donors: a date range, grouped by CBM or
 * by pillar. Status counts are today's; "completed" means completed by an
 * update dated inside the range; "overdue" is judged on the range's last day
 * (or today, if that is earlier).
 */

export type ReportGroup = 'cbm' | 'pillar';

const day = z.string().trim().refine(isIsoDate);

/** The report's query string; a missing value takes its default, a malformed one is an error. */
export function parseReportQuery(params: URLSearchParams, today: string) {
  const from = params.get('from') || `${today.slice(0, 4)}-01-01`;
  const to = params.get('to') || today;
  const group: ReportGroup = params.get('group') === 'pillar' ? 'pillar' : 'cbm';
  const valid = day.safeParse(from).success && day.safeParse(to).success && from <= to;
  return { from, to, group, valid };
}

export interface ReportGroupRow {
  key: string;
  /** "CBM 14" or the pillar code. */
  label: string;
  /** The stored English title; shown through `reportGroupTitle`. */
  title: string;
  coverage: CoverageRow;
}

export interface ProgressReport {
  from: string;
  to: string;
  asOf: string;
  group: ReportGroup;
  generatedAt: string;
  /** The strictest TLP among the items the report shows: the report is shared no wider. */
  tlp: Tlp;
  groups: ReportGroupRow[];
  completed: ReportItem[];
  overdue: ReportItem[];
  notes: ReportNote[];
}

export async function buildProgressReport(db: Db, actor: Actor, query: { from: string; to: string; group: ReportGroup; today: string }): Promise<ProgressReport> {
  const asOf = query.to < query.today ? query.to : query.today;
  const facts = await progressReport(db, actor, { from: query.from, to: query.to, asOf });
  let groups: ReportGroupRow[];
  if (query.group === 'cbm') {
    const [cbms, coverage] = await Promise.all([listCbms(db), cbmCoverage(db, actor, { today: query.today })]);
    groups = cbms.map((cbm) => ({ key: String(cbm.number), label: `CBM ${cbm.number}`, title: cbm.title, coverage: coverage.get(cbm.number)! }));
  } else {
    const [pillars, coverage] = await Promise.all([listPillars(db), pillarCoverage(db, actor, { today: query.today })]);
    groups = pillars.map((p) => ({ key: p.code, label: p.code, title: p.name, coverage: coverage.get(p.code)! }));
    const none = coverage.get('');
    if (none && none.total > 0) groups.push({ key: '', label: '—', title: '', coverage: none });
  }
  const shown = [...facts.completed, ...facts.overdue, ...facts.notes].map((i) => TLP_LABELS.indexOf(i.tlp));
  return {
    from: query.from,
    to: query.to,
    asOf,
    group: query.group,
    generatedAt: new Date().toISOString(),
    tlp: TLP_LABELS[Math.max(1, ...shown)],
    groups: groups.filter((g) => g.coverage !== undefined),
    ...facts,
  };
}

/** The group(s) an item belongs to, as the report's chosen grouping names them. */
export function groupsOf(item: ReportItem, group: ReportGroup): string {
  return group === 'cbm' ? item.cbms.map((n) => `CBM ${n}`).join(', ') : (item.pillarCode ?? '—');
}

/** The whole report as Markdown in the reader's language, TLP label first. */
export function progressReportMarkdown(report: ProgressReport, { t, language }: { t: TFunction; language: string }): string {
  const date = (d: string | null) => (d ? formatDate(d, language) : '—');
  const lines: string[] = [
    `**TLP:${report.tlp}**`,
    '',
    `# ${escapeMarkdown(t('trackerData.report.heading', { from: date(report.from), to: date(report.to) }))}`,
    '',
    `_${escapeMarkdown(t('trackerData.report.generated', { date: date(report.generatedAt), asOf: date(report.asOf) }))}_`,
    '',
    `## ${t('trackerData.report.countsTitle')}`,
    '',
  ];
  for (const group of report.groups) {
    const title = reportGroupTitle(report.group, group, t);
    const counts = ACTION_STATUSES.filter((s) => group.coverage.counts[s] > 0).map((s) => `${t(`actions.statuses.${s}`)} ${group.coverage.counts[s]}`);
    lines.push(
      `- **${escapeMarkdown(group.label)}** ${escapeMarkdown(title)}: ${t('trackerData.report.total')} ${group.coverage.total}${counts.length ? ` (${counts.join(', ')})` : ''}; ${t('trackerData.report.overdue')} ${group.coverage.overdue}`,
    );
  }
  const item = (i: ReportItem) => `**${escapeMarkdown(i.code)}** ${escapeMarkdown(i.title)} (TLP:${i.tlp}; ${escapeMarkdown(groupsOf(i, report.group))})`;
  lines.push('', `## ${t('trackerData.report.completedTitle')}`, '');
  if (report.completed.length === 0) lines.push(`_${t('trackerData.report.noCompleted')}_`);
  for (const i of report.completed) lines.push(`- ${item(i)}: ${escapeMarkdown(i.ownerName)}; ${t('trackerData.report.completedOn')} ${date(i.completedOn ?? null)}`);
  lines.push('', `## ${t('trackerData.report.overdueTitle')}`, '');
  if (report.overdue.length === 0) lines.push(`_${t('trackerData.report.noOverdue')}_`);
  for (const i of report.overdue) {
    lines.push(`- ${item(i)}: ${escapeMarkdown(i.ownerName)}; ${t('trackerData.report.due')} ${date(i.dueDate)}; ${t(`actions.statuses.${i.status}`)}, ${i.progress} %`);
  }
  lines.push('', `## ${t('trackerData.report.notesTitle')}`, '');
  if (report.notes.length === 0) lines.push(`_${t('trackerData.report.noNotes')}_`);
  for (const note of report.notes) {
    lines.push(
      `- ${date(note.date)}, **${escapeMarkdown(note.code)}** ${escapeMarkdown(note.title)} (TLP:${note.tlp}), ${escapeMarkdown(t('trackerData.report.noteBy', { author: note.authorName, institution: note.institutionName }))}: ${escapeMarkdown(note.body)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
