import type { DocumentStatus } from '../../db/schema.ts';
import { canManageDocument, documentAccess, type DocumentAccessContext } from './document-access.ts';
import { can, type Actor } from './permissions.ts';

/**
 * Who sees a document's consultation report and who decides its rows. Pure.
 * The report holds nothing a reader of the document's comments cannot already
 * read in the comment panel (hidden words are left out for everyone), so it
 * follows the comments' rule: every reader of the document, nobody else
 * (docs/decisions/023-consultation-report.md).
 */
export interface ReportDocumentContext extends DocumentAccessContext {
  status: DocumentStatus;
  /** How many times the document entered consultation: 0 means it never did, so it has no report. */
  consultationRound: number;
}

/** A document that is in consultation now or has been before has a report. */
export function hasConsultationReport(doc: Pick<ReportDocumentContext, 'consultationRound'>): boolean {
  return doc.consultationRound > 0;
}

/** Reading the report (page and files): whoever may read the document, once it has been in consultation. */
export function mayViewConsultationReport(actor: Actor | null, doc: ReportDocumentContext): boolean {
  return actor !== null && documentAccess(actor, doc) !== 'none' && hasConsultationReport(doc);
}

/**
 * Recording the decision on a comment thread: the secretariat or an editor of
 * the owner institution (those who accept or reject suggestions too), not an
 * observer, and not on an archived document.
 */
export function mayDecideConsultation(actor: Actor | null, doc: ReportDocumentContext): boolean {
  if (!actor || !can(actor, 'consultation:decide') || doc.status === 'archived') return false;
  return mayViewConsultationReport(actor, doc) && canManageDocument(actor, doc);
}

/** Turning on (or off) people's names in the report published with the next edition: the secretariat. */
export function mayNamePeopleInReport(actor: Actor | null, doc: ReportDocumentContext): boolean {
  return actor !== null && can(actor, 'consultation:name-people') && mayViewConsultationReport(actor, doc) && documentAccess(actor, doc) === 'edit';
}
