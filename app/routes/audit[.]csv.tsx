import type { LoaderFunctionArgs } from '@remix-run/node';
import { stringify } from 'csv-stringify/sync';
import { auditActionKey } from '../utils/audit-labels.ts';
import { AUDIT_EXPORT_LIMIT, listAuditEvents, parseAuditFilter, readableDocuments } from '../services/audit-log.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { requirePermission } from '../services/session.server.ts';
import { spreadsheetCell } from '../utils/spreadsheet-cell.ts';

/**
 * The audit log as CSV, with the same filter as the page. UTF-8 with a byte
 * order mark, so spreadsheet programs read Bosnian letters correctly. The raw
 * action and JSON details are kept next to the translated label, for tools.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, 'audit:view');
  const { db } = args.context.services;
  const { filter } = parseAuditFilter(new URL(args.request.url), user);
  const t = await i18nServer.getFixedT(args.request);
  const [events, documents] = await Promise.all([listAuditEvents(db, { ...filter, limit: AUDIT_EXPORT_LIMIT }), readableDocuments(db, user)]);
  const readable = new Set(documents.map((d) => d.id));
  const label = (action: string) => {
    const text = t(auditActionKey(action));
    return text === auditActionKey(action) ? action : text;
  };
  const rows = events.map((event) =>
    [
      event.createdAt,
      event.actorName ?? t('workflow.audit.system'),
      event.actorEmail ?? '',
      event.action,
      label(event.action),
      event.entityType,
      event.entityId,
      event.entityType === 'document' && readable.has(event.entityId) ? event.documentTitle ?? '' : '',
      event.details,
    ].map(spreadsheetCell)
  );
  const header = [
    t('workflow.audit.time'),
    t('workflow.audit.person'),
    t('common.email'),
    'action',
    t('workflow.audit.action'),
    'entityType',
    'entityId',
    t('workflow.audit.entity'),
    t('workflow.audit.details'),
  ];
  const csv = '\uFEFF' + stringify([header, ...rows], { record_delimiter: 'windows' });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
