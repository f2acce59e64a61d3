import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import type { DocumentRow } from '../../db/schema.ts';
import { ConsultationReportTable } from '../components/consultation/report-table.tsx';
import { documentHtmlFile, exportFileName } from '../content/document-export.server.ts';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { i18nServer } from '../locales/i18n.server.ts';
import { mayViewConsultationReport } from '../policies/consultation-report.ts';
import { parseReportQuery } from '../schemas/consultation-report.ts';
import { buildReportRows, filterRows, type ReportRow } from '../services/consultation-report.server.ts';
import { requireDocumentAccess } from '../services/document-access.server.ts';
import { notFound } from '../services/session.server.ts';
import { formatDate, formatDateTime } from '../utils/format.ts';
import { spreadsheetCell } from '../utils/spreadsheet-cell.ts';

/**
 * The consultation report as files: a Word table (.docx, built with `docx`),
 * a workbook (.xlsx, exceljs, every text cell through the formula guard) and
 * a standalone web page. All three carry the document's TLP label and the
 * same rows and columns as the page.
 */

export interface ReportFileInput {
  document: Pick<DocumentRow, 'title' | 'tlp' | 'language'>;
  rows: ReportRow[];
  t: TFunction;
  /** The interface language the file is written in. */
  language: string;
  generatedAt: string;
}

export type ReportFormat = 'docx' | 'xlsx' | 'html';

const TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/** One cell's text per column, as plain lines: the cells of the Word table and the workbook. */
function rowCells(row: ReportRow, number: number, t: TFunction, language: string) {
  const entries = row.comments.map((entry, index) => {
    const words = entry.state === 'shown' ? (entry.body ?? '') : t(entry.state === 'hidden' ? 'consultation.hidden' : 'consultation.deleted');
    const who = entry.authorName ? `${entry.authorName}: ` : '';
    return index > 0 || row.kind === 'suggestion' ? `${t('consultation.reply')}: ${who}${words}` : `${who}${words}`;
  });
  const proposal = row.proposal
    ? [
        row.proposal.text === '' ? t('consultation.proposesDeletion') : `${t('consultation.proposedText')}: ${row.proposal.text}`,
        ...(row.proposal.rationale ? [`${t('consultation.rationale')}: ${row.proposal.rationale}`] : []),
      ]
    : [];
  const decided = row.decidedAt
    ? row.deciderName
      ? t('consultation.decidedBy', { name: row.deciderName, date: formatDate(row.decidedAt, language) })
      : t('consultation.decidedOn', { date: formatDate(row.decidedAt, language) })
    : null;
  return {
    number: String(number),
    kind: `${t(`consultation.kinds.${row.kind}`)} · ${t('consultation.round', { round: row.round })}`,
    passage: row.quote,
    institution: row.institutionName,
    sector: t(`sectors.${row.sector}`),
    author: row.authorName ?? '',
    comment: [...proposal, ...entries],
    decision: t(`consultation.decisions.${row.decision}`),
    reason: row.decisionReason ?? '',
    decided: decided ?? '',
    result: row.result.state === 'text' ? row.result.text : t(`consultation.results.${row.result.state}`),
  };
}

function cell(lines: string[], options: { bold?: boolean; header?: boolean } = {}): TableCell {
  const paragraphs = (lines.length > 0 ? lines : ['']).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold })] }));
  return new TableCell({ children: paragraphs, ...(options.header ? { shading: { fill: 'E2E8F0' } } : {}) });
}

/** The report as a Word document: a title, a note, and one table row per report row (the header row repeats on each page). */
export async function reportDocx(input: ReportFileInput): Promise<Uint8Array> {
  const { t, language } = input;
  const header = new TableRow({
    tableHeader: true,
    children: [
      t('consultation.columns.number'),
      t('consultation.columns.passage'),
      t('consultation.columns.from'),
      t('consultation.columns.comment'),
      t('consultation.columns.decision'),
      t('consultation.columns.result'),
    ].map((label) => cell([label], { bold: true, header: true })),
  });
  const body = input.rows.map((row, index) => {
    const c = rowCells(row, index + 1, t, language);
    return new TableRow({
      children: [
        cell([c.number, c.kind]),
        cell([c.passage]),
        cell([c.institution, c.sector, ...(c.author ? [c.author] : [])]),
        cell(c.comment),
        cell([c.decision, ...(c.reason ? [`${t('consultation.reason')}: ${c.reason}`] : []), ...(c.decided ? [c.decided] : [])]),
        cell([c.result]),
      ],
    });
  });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '666666' };
  const doc = new Document({
    title: `${t('consultation.title')}: ${input.document.title}`,
    creator: 'Portal',
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `TLP:${input.document.tlp}`, bold: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t('consultation.pageTitle', { title: input.document.title }))] }),
          new Paragraph({ children: [new TextRun(t('consultation.generatedOn', { date: formatDateTime(input.generatedAt, language) }))] }),
          input.rows.length === 0
            ? new Paragraph({ children: [new TextRun(t('consultation.empty'))] })
            : new Table({
                width: { size: 100, type: WidthType.PERCENTAGE },
                borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
                rows: [header, ...body],
              }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The report as a workbook: one row per report row, one column per field, every text through the formula guard. */
export async function reportXlsx(input: ReportFileInput): Promise<Uint8Array> {
  const { t, language } = input;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('consultation.sheetName').slice(0, 31));
  const columns: [keyof ReturnType<typeof rowCells>, string, number][] = [
    ['number', t('consultation.columns.number'), 6],
    ['kind', t('consultation.kindColumn'), 18],
    ['passage', t('consultation.columns.passage'), 40],
    ['institution', t('consultation.institution'), 30],
    ['sector', t('consultation.sector'), 16],
    ['author', t('consultation.person'), 20],
    ['comment', t('consultation.columns.comment'), 60],
    ['decision', t('consultation.decision'), 18],
    ['reason', t('consultation.reason'), 40],
    ['decided', t('consultation.decidedWhen'), 24],
    ['result', t('consultation.columns.result'), 40],
  ];
  sheet.columns = columns.map(([key, label, width]) => ({ key, header: spreadsheetCell(label) as string, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  input.rows.forEach((row, index) => {
    const c = rowCells(row, index + 1, t, language);
    const values = Object.fromEntries(columns.map(([key]) => [key, spreadsheetCell(Array.isArray(c[key]) ? (c[key] as string[]).join('\n') : (c[key] as string))]));
    values.number = index + 1;
    const added = sheet.addRow(values);
    added.alignment = { wrapText: true, vertical: 'top' };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The report as a standalone web page in the interface language, with the TLP label. */
export function reportHtml(input: ReportFileInput): string {
  const { t, language } = input;
  const body = renderToStaticMarkup(
    input.rows.length === 0 ? <p>{t('consultation.empty')}</p> : <ConsultationReportTable rows={input.rows} t={t} language={language} documentLanguage={input.document.language} />,
  );
  return documentHtmlFile(
    // The file is written in the interface language; quotes and proposals carry the document's own `lang`.
    { title: t('consultation.pageTitle', { title: input.document.title }), tlp: input.document.tlp, language: language as DocumentRow['language'] },
    body,
    t('consultation.generatedOn', { date: formatDateTime(input.generatedAt, language) }),
  );
}

/** The file in one format, as a response that is never cached (it carries the document's TLP). */
export async function reportFileResponse(format: ReportFormat, input: ReportFileInput): Promise<Response> {
  const body = format === 'docx' ? await reportDocx(input) : format === 'xlsx' ? await reportXlsx(input) : reportHtml(input);
  const name = exportFileName(`${input.document.title} consultation report`, format);
  // A copy as a plain ArrayBuffer: what the Fetch API's BodyInit accepts.
  const payload = typeof body === 'string' ? body : (body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  return new Response(payload, {
    headers: { 'Content-Type': TYPES[format], 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' },
  });
}

/** The loader of `/documents/<id>/consultation.<format>`: the rows the page shows under the same query string. */
export async function consultationReportDownload(args: LoaderFunctionArgs, format: ReportFormat): Promise<Response> {
  const { user, document, accessContext } = await requireDocumentAccess(args, 'view');
  if (!mayViewConsultationReport(user, { ...accessContext, status: document.status, consultationRound: document.consultationRound })) throw notFound();
  const query = parseReportQuery(new URL(args.request.url).searchParams);
  const [t, language] = await Promise.all([i18nServer.getFixedT(args.request), i18nServer.getLocale(args.request)]);
  const rows = filterRows(await buildReportRows(args.context.services, document.id, { namesPeople: true, language }), query);
  return reportFileResponse(format, { document, rows, t, language, generatedAt: new Date().toISOString() });
}
