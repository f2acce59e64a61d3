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

export const ROLES = ['admin', 'secretariat', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const DOCUMENT_TYPES = ['strategy', 'action_plan', 'guidelines', 'position_paper', 'minutes', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** FIRST Traffic Light Protocol 2.0 labels. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export const DOCUMENT_STATUSES = ['draft', 'consultation', 'published', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Languages a document can be written in (the text, not the interface). */
export const DOCUMENT_LANGUAGES = ['bs', 'hr', 'sr', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** What a participating institution or person may do with a document's text. */
export const DOCUMENT_ACCESS = ['edit', 'comment', 'view'] as const;
export type DocumentAccessLevel = (typeof DOCUMENT_ACCESS)[number];

type Timestamp = ColumnType<string, string, string>;
type AuthDate = ColumnType<Date, Date | string, Date | string>;

export interface InstitutionTable {
  id: string;
  name: string;
  localName: string | null;
  acronym: string | null;
  sector: Sector;
  level: Level;
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

export interface Database {
  institution: InstitutionTable;
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  rateLimit: RateLimitTable;
  invitation: InvitationTable;
  cbm: CbmTable;
  auditEvent: AuditEventTable;
  setting: SettingTable;
  document: DocumentTable;
  documentInstitution: DocumentInstitutionTable;
  documentPerson: DocumentPersonTable;
  documentUpdate: DocumentUpdateTable;
  documentSnapshot: DocumentSnapshotTable;
  documentSearch: DocumentSearchTable;
}

export type Institution = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type InstitutionUpdate = Updateable<InstitutionTable>;
export type User = Selectable<UserTable>;
export type Invitation = Selectable<InvitationTable>;
export type Cbm = Selectable<CbmTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type DocumentRow = Selectable<DocumentTable>;
