import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The typed shape of the database, written by hand to match db/migrations.
 *
 * Conventions (see docs/decisions/002-one-schema-two-databases.md):
 * - our own timestamps are ISO 8601 UTC strings in TEXT columns, so they come
 *   back identical from SQLite and PostgreSQL;
 * - our own booleans are INTEGER 0/1 for the same reason;
 * - better-auth's tables keep the column types better-auth expects per dialect
 *   (Date objects on both, booleans converted by its adapter).
 */

export const SECTORS = ['public', 'private', 'academic', 'civil_society', 'international'] as const;
export type Sector = (typeof SECTORS)[number];

export const LEVELS = ['state', 'entity', 'district', 'cantonal', 'municipal', 'international'] as const;
export type Level = (typeof LEVELS)[number];
/** Sectors whose institutions sit at a level of government, so must name it; for the others the level is optional. */
export const SECTORS_WITH_LEVEL: readonly Sector[] = ['public'];

export const ROLES = ['admin', 'secretariat', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const DOCUMENT_TYPES = ['strategy', 'action_plan', 'guidelines', 'position_paper', 'minutes', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** FIRST Traffic Light Protocol 2.0 labels. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export const DOCUMENT_STATUSES = ['draft', 'consultation', 'published', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * Languages a document can be written in (the text, not the interface), as
 * BCP 47 tags for its `lang` attribute. Serbian names its script; a bare `sr`
 * was used before 2026-12 and is migrated to `sr-Latn`.
 */
export const DOCUMENT_LANGUAGES = ['bs', 'hr', 'sr-Latn', 'sr-Cyrl', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/**
 * What a participating institution or person may do with a document's text,
 * most first. "suggest" proposes changes that the owner accepts or rejects
 * (docs/suggestions.md); it may also comment.
 */
export const DOCUMENT_ACCESS = ['edit', 'suggest', 'comment', 'view'] as const;
export type DocumentAccessLevel = (typeof DOCUMENT_ACCESS)[number];

/** How a version came to be. */
export const VERSION_KINDS = ['named', 'auto', 'workflow', 'restore', 'suggestion'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const THREAD_STATUSES = ['open', 'resolved'] as const;

/** Where a suggestion stands: waiting for the owner, or decided. */
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'accepted_in_part', 'rejected'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/** How the owner dealt with a comment thread, as the consultation report shows it. */
export const THREAD_DECISIONS = ['accepted', 'rejected', 'noted'] as const;
export type ThreadDecision = (typeof THREAD_DECISIONS)[number];

/** An institution's position on a text in consultation. */
export const POSITIONS = ['endorse', 'endorse_with_reservations', 'object'] as const;
export type Position = (typeof POSITIONS)[number];

export const ACTION_STATUSES = ['not_started', 'in_progress', 'completed', 'delayed', 'on_hold', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

export const FUNDING_SOURCES = ['national_budget', 'eu_ipa', 'osce', 'other_donor'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const EVIDENCE_KINDS = ['link', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * What a notification is about. Its text is rendered in the reader's language
 * from `kind` and `params`, so one stored row serves every language.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'comment_reply',
  'workflow_move',
  'publication',
  'reminder_due_soon',
  'reminder_overdue',
  'reminder_stale',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

type Timestamp = ColumnType<string, string, string>;
type AuthDate = ColumnType<Date, Date | string, Date | string>;

export interface InstitutionTable {
  id: string;
  name: string;
  localName: string | null;
  acronym: string | null;
  sector: Sector;
  /** Only public-sector institutions must have one (app/schemas/portal.ts). */
  level: Level | null;
  website: string | null;
  contactEmail: string | null;
  description: string | null;
  archivedAt: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** better-auth's user table, extended with the portal's role and institution. */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: ColumnType<boolean | number, boolean | number, boolean | number>;
  image: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  role: Role;
  institutionId: string;
  deactivatedAt: string | null;
  /** The interface language the person last chose (app/utils/languages.ts), null until they choose. */
  language: string | null;
  /** When the person last opened the home page (ISO). */
  homeSeenAt: string | null;
  /** When they last opened it before the current visit: "what changed since your last visit" starts here. */
  homeLastVisitAt: string | null;
}

export interface SessionTable {
  id: string;
  expiresAt: AuthDate;
  token: string;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: AuthDate | null;
  refreshTokenExpiresAt: AuthDate | null;
  scope: string | null;
  password: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: AuthDate;
  createdAt: AuthDate;
  updatedAt: AuthDate;
}

export interface RateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: number | string;
}

export interface InvitationTable {
  id: string;
  email: string;
  name: string | null;
  institutionId: string;
  role: Role;
  tokenHash: string;
  invitedById: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedUserId: string | null;
  revokedAt: string | null;
  createdAt: Timestamp;
}

export interface CbmTable {
  number: number;
  decision: string;
  adoptedOn: string;
  title: string;
  text: string;
  sourceUrl: string | null;
  updatedAt: Timestamp;
}

/** A CBM's title and summary in a language other than English; the `cbm` row is the official English text. */
export interface CbmTranslationTable {
  cbmNumber: number;
  /** A language of app/utils/languages.ts other than `en`. */
  language: string;
  title: string;
  text: string;
  updatedAt: Timestamp;
}

/** An institution's name in one language; `institution.name` (English) is the fallback. */
export interface InstitutionNameTable {
  institutionId: string;
  language: string;
  name: string;
}

export interface AuditEventTable {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details: string;
  createdAt: Timestamp;
}

export interface SettingTable {
  key: string;
  value: string;
  updatedAt: Timestamp;
}

export interface DocumentTable {
  id: string;
  title: string;
  type: DocumentType;
  language: DocumentLanguage;
  summary: string;
  ownerInstitutionId: string;
  tlp: Tlp;
  status: DocumentStatus;
  createdById: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  contentUpdatedAt: string | null;
  /** Public address segment, set at the first publication and never changed. */
  slug: string | null;
  /** Incremented each time the document enters consultation; positions belong to a round. */
  consultationRound: ColumnType<number, number | undefined, number>;
  /** YYYY-MM-DD: positions of the current round are asked for by this day; null when none was set. */
  consultationDeadline: ColumnType<string | null, string | null | undefined, string | null>;
  /** The source document's id, on the source and on each of its language versions; null outside a family. */
  familyId: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: the published consultation report names the people who wrote (docs/consultation-report.md); 0 by default. */
  reportNamesPeople: ColumnType<number, number | undefined, number>;
}

/** A language version's link to its family's source (docs/decisions/021-language-versions.md). */
export interface DocumentTranslationTable {
  documentId: string;
  /** When the version was last brought up to date with the source. */
  sourceSyncedAt: string;
  /** The source's rendered HTML at `sourceSyncedAt`: the "before" of the diff shown to translators. */
  sourceHtml: string;
}

export interface DocumentInstitutionTable {
  documentId: string;
  institutionId: string;
  access: Exclude<DocumentAccessLevel, 'view'>;
}

export interface DocumentPersonTable {
  documentId: string;
  userId: string;
  access: DocumentAccessLevel;
}

export interface DocumentUpdateTable {
  /** bigserial on PostgreSQL (read back as a string), integer on SQLite. */
  id: ColumnType<number | string, never, never>;
  documentId: string;
  data: Uint8Array;
  createdAt: string;
}

export interface DocumentSnapshotTable {
  documentId: string;
  state: Uint8Array;
  stateVector: Uint8Array;
  updatedAt: string;
}

export interface DocumentSearchTable {
  documentId: string;
  title: string;
  body: string;
}

export interface NotificationTable {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  /** JSON object of interpolation values for the message. */
  params: string;
  /** Path inside the portal the notification points to. */
  link: string;
  actorId: string | null;
  /** Unique per recipient when set: the same reminder is never stored twice. */
  dedupeKey: string | null;
  readAt: string | null;
  emailedAt: string | null;
  createdAt: string;
}

export interface DocumentVersionTable {
  id: string;
  documentId: string;
  /** 1, 2, 3… within the document. */
  number: number;
  name: string | null;
  kind: VersionKind;
  /** The full encoded Yjs state at that moment (Y.encodeStateAsUpdate). */
  state: Uint8Array;
  /** Server-rendered, sanitised HTML of that state. */
  html: string;
  wordCount: number;
  createdById: string | null;
  createdAt: string;
}

export interface CommentThreadTable {
  id: string;
  documentId: string;
  /** The text the thread was attached to when it was opened. */
  quote: string;
  status: ThreadStatus;
  createdById: string;
  /** The author's institution when the thread was opened. */
  institutionId: string;
  resolvedById: string | null;
  resolvedAt: string | null;
  /** Set when the anchored text no longer exists in the document. */
  anchorRemovedAt: string | null;
  /** How the owner dealt with the thread, for the consultation report; null until decided. */
  decision: ColumnType<ThreadDecision | null, ThreadDecision | null | undefined, ThreadDecision | null>;
  decisionReason: ColumnType<string | null, string | null | undefined, string | null>;
  decidedById: ColumnType<string | null, string | null | undefined, string | null>;
  decidedAt: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: string;
  updatedAt: string;
}

/** The consultation report frozen with a public edition (docs/consultation-report.md); never updated. */
export interface ConsultationReportTable {
  editionId: string;
  documentId: string;
  /** JSON array of report rows, without people's names unless `namesPeople` is 1. */
  rows: string;
  namesPeople: number;
  createdAt: string;
}

/** A proposed change to a passage, anchored by a MarkNode whose id is the suggestion id. */
export interface SuggestionTable {
  id: string;
  documentId: string;
  createdById: string;
  /** The author's institution when the suggestion was made. */
  institutionId: string;
  /** The passage as it was when the suggestion was made. */
  quote: string;
  /** The replacement; '' proposes deleting the passage. */
  proposedText: string;
  rationale: string | null;
  status: SuggestionStatus;
  decidedById: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** The text put in on acceptance: the proposal, or the decider's edit of it. */
  appliedText: string | null;
  /** Set while the marked passage differs from the quote (someone else changed it). */
  anchorOutdatedAt: string | null;
  /** The comment thread holding replies, once someone replies. */
  threadId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: string;
  updatedAt: string;
}

export interface CommentTable {
  id: string;
  threadId: string;
  authorId: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  /** Deleted by its author: the body is emptied, the earlier wording kept in commentRevision. */
  deletedAt: ColumnType<string | null, string | null | undefined, string | null>;
  /** Hidden by the secretariat, with the reason shown in its place. */
  hiddenAt: ColumnType<string | null, string | null | undefined, string | null>;
  hiddenById: ColumnType<string | null, string | null | undefined, string | null>;
  hiddenReason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CommentRevisionTable {
  id: string;
  commentId: string;
  /** The wording before an edit or a deletion. */
  body: string;
  replacedById: string;
  replacedAt: string;
}

export interface DocumentTransitionTable {
  id: string;
  documentId: string;
  fromStatus: DocumentStatus;
  toStatus: DocumentStatus;
  note: string;
  /** The version saved automatically at the move. */
  versionId: string | null;
  actorId: string;
  createdAt: string;
}

export interface DocumentPositionTable {
  documentId: string;
  institutionId: string;
  round: number;
  position: Position;
  statement: string;
  recordedById: string;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentEditionTable {
  id: string;
  documentId: string;
  major: number;
  minor: number;
  title: string;
  summary: string;
  type: DocumentType;
  language: DocumentLanguage;
  changelog: string;
  /** Sanitised HTML as published; never rewritten. */
  html: string;
  markdown: string;
  /** JSON array of participating institution names at publication (the only names the public sees). */
  participants: string;
  versionId: string;
  publishedById: string;
  publishedAt: string;
}

export interface PillarTable {
  code: string;
  name: string;
  nameBs: string;
  description: string;
  position: number;
}

export interface ActionItemTable {
  id: string;
  /** A document of type action_plan. */
  planId: string;
  /** Unique within the plan, e.g. "2.3". */
  code: string;
  title: string;
  description: string;
  /** Heading text or anchor of the plan section the item came from. */
  sectionRef: string | null;
  pillarCode: string | null;
  /** Also present in actionItemCbm. */
  primaryCbm: number;
  ownerInstitutionId: string;
  status: ActionStatus;
  priority: ActionPriority;
  /** YYYY-MM-DD */
  startDate: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  progress: number;
  budgetAmount: number | null;
  budgetCurrency: string | null;
  fundingSource: FundingSource | null;
  tlp: Tlp;
  createdById: string;
  createdAt: string;
  updatedAt: string;
  /** The last progress update (or creation): "no update in 60 days" reads this. */
  lastUpdateAt: string;
}

export interface ActionItemCbmTable {
  itemId: string;
  cbmNumber: number;
}

/** Items per CBM (0: each item once, under its pillar), status and label; kept by app/models/action-tally.server.ts. */
export interface ActionItemTallyTable {
  cbmNumber: number;
  /** '' for CBM rows and for items without a pillar. */
  pillarCode: string;
  status: ActionStatus;
  tlp: Tlp;
  items: number;
}

/** Open items with a due date per CBM, label and month due (YYYY-MM). */
export interface ActionItemDueTallyTable {
  cbmNumber: number;
  pillarCode: string;
  tlp: Tlp;
  dueMonth: string;
  items: number;
}

export interface ActionItemSupporterTable {
  itemId: string;
  institutionId: string;
}

export interface ActionItemTagTable {
  itemId: string;
  tag: string;
}

export interface ActionIndicatorTable {
  id: string;
  itemId: string;
  position: number;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  current: number | null;
  updatedAt: string;
}

export interface ActionUpdateTable {
  id: string;
  itemId: string;
  authorId: string;
  institutionId: string;
  /** YYYY-MM-DD: the day the work was done. */
  date: string;
  body: string;
  statusFrom: ActionStatus | null;
  statusTo: ActionStatus | null;
  progressFrom: number | null;
  progressTo: number | null;
  createdAt: string;
}

export interface ActionEvidenceTable {
  id: string;
  itemId: string;
  updateId: string | null;
  kind: EvidenceKind;
  url: string | null;
  fileName: string | null;
  /** File name inside the evidence folder (random, never the user's name). */
  storedName: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  description: string;
  uploadedById: string;
  createdAt: string;
}

export interface ActionItemChangeTable {
  id: string;
  itemId: string;
  actorId: string | null;
  /** 'form', 'update', 'import'… */
  source: string;
  /** JSON array of { field, before, after }. */
  changes: string;
  createdAt: string;
}

export interface ActionCommentTable {
  id: string;
  itemId: string;
  authorId: string;
  institutionId: string;
  body: string;
  createdAt: string;
}

export interface BlobTable {
  /** Evidence: the actionEvidence.storedName (32 hex digits); imports: the pending import id. */
  id: string;
  kind: 'evidence' | 'import';
  /** Who may read it (imports: the uploader); null for evidence (the item decides). */
  ownerId: string | null;
  /** Null while the chunks are still being written. */
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: string;
}

export interface BlobChunkTable {
  blobId: string;
  position: number;
  data: ColumnType<Buffer, Buffer | Uint8Array, never>;
}

export interface Database {
  institution: InstitutionTable;
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  rateLimit: RateLimitTable;
  invitation: InvitationTable;
  cbm: CbmTable;
  cbmTranslation: CbmTranslationTable;
  institutionName: InstitutionNameTable;
  auditEvent: AuditEventTable;
  setting: SettingTable;
  document: DocumentTable;
  documentInstitution: DocumentInstitutionTable;
  documentTranslation: DocumentTranslationTable;
  documentPerson: DocumentPersonTable;
  documentUpdate: DocumentUpdateTable;
  documentSnapshot: DocumentSnapshotTable;
  documentSearch: DocumentSearchTable;
  notification: NotificationTable;
  documentVersion: DocumentVersionTable;
  commentThread: CommentThreadTable;
  comment: CommentTable;
  commentRevision: CommentRevisionTable;
  suggestion: SuggestionTable;
  consultationReport: ConsultationReportTable;
  documentTransition: DocumentTransitionTable;
  documentPosition: DocumentPositionTable;
  documentEdition: DocumentEditionTable;
  pillar: PillarTable;
  actionItem: ActionItemTable;
  actionItemCbm: ActionItemCbmTable;
  actionItemTally: ActionItemTallyTable;
  actionItemDueTally: ActionItemDueTallyTable;
  actionItemSupporter: ActionItemSupporterTable;
  actionItemTag: ActionItemTagTable;
  actionIndicator: ActionIndicatorTable;
  actionUpdate: ActionUpdateTable;
  actionEvidence: ActionEvidenceTable;
  actionItemChange: ActionItemChangeTable;
  actionComment: ActionCommentTable;
  blob: BlobTable;
  blobChunk: BlobChunkTable;
}

/**
 * Row types: `X` is a row as selected and `NewX` one as inserted. A table
 * whose name is also a browser global (Document, Comment, Blob, Notification)
 * has its selected row called `XRow`, so it never shadows the DOM type.
 */
export type Institution = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type InstitutionUpdate = Updateable<InstitutionTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type Verification = Selectable<VerificationTable>;
export type NewVerification = Insertable<VerificationTable>;
export type RateLimit = Selectable<RateLimitTable>;
export type NewRateLimit = Insertable<RateLimitTable>;
export type Invitation = Selectable<InvitationTable>;
export type NewInvitation = Insertable<InvitationTable>;
export type Cbm = Selectable<CbmTable>;
export type NewCbm = Insertable<CbmTable>;
export type CbmTranslation = Selectable<CbmTranslationTable>;
export type NewCbmTranslation = Insertable<CbmTranslationTable>;
export type InstitutionName = Selectable<InstitutionNameTable>;
export type NewInstitutionName = Insertable<InstitutionNameTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type Setting = Selectable<SettingTable>;
export type NewSetting = Insertable<SettingTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type NewDocument = Insertable<DocumentTable>;
export type DocumentInstitution = Selectable<DocumentInstitutionTable>;
export type NewDocumentInstitution = Insertable<DocumentInstitutionTable>;
export type DocumentPerson = Selectable<DocumentPersonTable>;
export type NewDocumentPerson = Insertable<DocumentPersonTable>;
export type DocumentUpdate = Selectable<DocumentUpdateTable>;
export type NewDocumentUpdate = Insertable<DocumentUpdateTable>;
export type DocumentSnapshot = Selectable<DocumentSnapshotTable>;
export type NewDocumentSnapshot = Insertable<DocumentSnapshotTable>;
export type DocumentSearch = Selectable<DocumentSearchTable>;
export type NewDocumentSearch = Insertable<DocumentSearchTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;
export type DocumentVersion = Selectable<DocumentVersionTable>;
export type NewDocumentVersion = Insertable<DocumentVersionTable>;
export type CommentThread = Selectable<CommentThreadTable>;
export type NewCommentThread = Insertable<CommentThreadTable>;
export type Suggestion = Selectable<SuggestionTable>;
export type ConsultationReportRow = Selectable<ConsultationReportTable>;
export type NewSuggestion = Insertable<SuggestionTable>;
export type CommentRow = Selectable<CommentTable>;
export type NewComment = Insertable<CommentTable>;
export type DocumentTransition = Selectable<DocumentTransitionTable>;
export type NewDocumentTransition = Insertable<DocumentTransitionTable>;
export type DocumentPosition = Selectable<DocumentPositionTable>;
export type NewDocumentPosition = Insertable<DocumentPositionTable>;
export type DocumentEdition = Selectable<DocumentEditionTable>;
export type NewDocumentEdition = Insertable<DocumentEditionTable>;
export type Pillar = Selectable<PillarTable>;
export type NewPillar = Insertable<PillarTable>;
export type ActionItem = Selectable<ActionItemTable>;
export type NewActionItem = Insertable<ActionItemTable>;
export type ActionItemCbm = Selectable<ActionItemCbmTable>;
export type NewActionItemCbm = Insertable<ActionItemCbmTable>;
export type ActionItemSupporter = Selectable<ActionItemSupporterTable>;
export type NewActionItemSupporter = Insertable<ActionItemSupporterTable>;
export type ActionItemTag = Selectable<ActionItemTagTable>;
export type NewActionItemTag = Insertable<ActionItemTagTable>;
export type ActionIndicator = Selectable<ActionIndicatorTable>;
export type NewActionIndicator = Insertable<ActionIndicatorTable>;
export type ActionUpdate = Selectable<ActionUpdateTable>;
export type NewActionUpdate = Insertable<ActionUpdateTable>;
export type ActionEvidence = Selectable<ActionEvidenceTable>;
export type NewActionEvidence = Insertable<ActionEvidenceTable>;
export type ActionItemChange = Selectable<ActionItemChangeTable>;
export type NewActionItemChange = Insertable<ActionItemChangeTable>;
export type ActionComment = Selectable<ActionCommentTable>;
export type NewActionComment = Insertable<ActionCommentTable>;
export type BlobRow = Selectable<BlobTable>;
export type NewBlob = Insertable<BlobTable>;
export type BlobChunk = Selectable<BlobChunkTable>;
export type NewBlobChunk = Insertable<BlobChunkTable>;
