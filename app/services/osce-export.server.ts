import type { TFunction } from 'i18next';
import { stringify } from 'csv-stringify/sync';
import type { EvidenceSummary, OsceItem } from '../models/tracker-data.server.ts';
import { spreadsheetCell } from '../utils/spreadsheet-cell.ts';
import { formatDate } from '../utils/format.ts';

/**
 * The per-CBM summary for a voluntary OSCE CBM information exchange, as
 * Markdown (in the reader's language) and CSV (stable English headers, for
 * spreadsheets). Both carry each item's TLP label, so nobody pastes an AMBER
 * item into a public exchange by mistake.
 */

export interface OsceCbm {
  number: number;
  title: string;
  items: OsceItem[];
}

export interface EvidenceLink {
  label: string;
  url: string;
  kind: EvidenceSummary['kind'];
}

/** Where a piece of evidence can be seen: the link itself, or the portal address of a file (for members who may read the item). */
export function evidenceLink(item: Pick<OsceItem, 'id'>, evidence: EvidenceSummary, baseURL: string): EvidenceLink {
  if (evidence.kind === 'link' && evidence.url) return { kind: 'link', label: evidence.description || evidence.url, url: evidence.url };
  return { kind: 'file', label: evidence.fileName ?? evidence.description, url: new URL(`/actions/${item.id}/evidence/${evidence.id}`, baseURL).toString() };
}

function itemUrl(item: Pick<OsceItem, 'id'>, baseURL: string): string {
  return new URL(`/actions/${item.id}`, baseURL).toString();
}

/** Markdown text that stays literal: no links, emphasis or headings from titles. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

export function osceMarkdown(cbms: OsceCbm[], options: { t: TFunction; language: string; baseURL: string; group: string; generatedAt: string }): string {
  const { t, language, baseURL } = options;
  const lines: string[] = [`# ${t('trackerData.osce.title')}`, '', `_${escapeMarkdown(t('trackerData.osce.generated', { date: formatDate(options.generatedAt, language), group: options.group }))}_`, ''];
  for (const cbm of cbms) {
    lines.push(`## ${escapeMarkdown(t('trackerData.osce.cbmHeading', { number: cbm.number, title: cbm.title }))}`, '');
    if (cbm.items.length === 0) {
      lines.push(`_${t('trackerData.osce.noItems')}_`, '');
      continue;
    }
    for (const item of cbm.items) {
      const facts = [
        `${t('trackerData.osce.status')}: ${t(`actions.statuses.${item.status}`)}`,
        `${t('trackerData.osce.owner')}: ${escapeMarkdown(item.ownerName)}`,
        `${t('trackerData.osce.due')}: ${item.dueDate ? formatDate(item.dueDate, language) : '—'}`,
        `${t('trackerData.osce.progress')}: ${item.progress} %`,
      ];
      const primary = item.primary ? ` (${t('trackerData.osce.primary')})` : '';
      lines.push(`- **TLP:${item.tlp}** [${escapeMarkdown(`${item.code} ${item.title}`)}](${itemUrl(item, baseURL)})${primary}  `);
      lines.push(`  ${facts.join(' · ')}`);
      const evidence = item.evidence.map((e) => evidenceLink(item, e, baseURL));
      lines.push(
        `  ${t('trackerData.osce.evidence')}: ${
          evidence.length === 0
            ? t('trackerData.osce.noEvidence')
            : evidence.map((e) => `[${escapeMarkdown(e.label)}](${e.url})${e.kind === 'file' ? ` (${t('trackerData.osce.file')})` : ''}`).join('; ')
        }`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export const OSCE_CSV_HEADERS = ['cbm', 'cbm_title', 'primary', 'code', 'title', 'tlp', 'status', 'owner', 'due_date', 'progress', 'evidence', 'link'] as const;

/** One row per (CBM, item); UTF-8 with a BOM for Excel. */
export function osceCsv(cbms: OsceCbm[], baseURL: string): string {
  const rows = cbms.flatMap((cbm) =>
    cbm.items.map((item) => [
      cbm.number,
      cbm.title,
      item.primary ? 'yes' : 'no',
      item.code,
      item.title,
      item.tlp,
      item.status,
      item.ownerName,
      item.dueDate ?? '',
      item.progress,
      item.evidence.map((e) => {
        const link = evidenceLink(item, e, baseURL);
        return link.label === link.url ? link.url : `${link.label} <${link.url}>`;
      }).join('; '),
      itemUrl(item, baseURL),
    ]),
  );
  return `\uFEFF${stringify([[...OSCE_CSV_HEADERS], ...rows.map((row) => row.map(spreadsheetCell))], { record_delimiter: '\r\n' })}`;
}
