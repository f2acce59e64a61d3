import * as Y from 'yjs';
import type { DocumentLanguage, DocumentRow } from '../../db/schema.ts';
import { renderHtml, renderPlainText } from '../content/render.server.ts';
import { replaceContent } from '../content/replace-content.server.ts';
import { diffHtml, type TextDiff } from '../content/text-diff.server.ts';
import { recordAudit } from '../models/audit.server.ts';
import { createDocument, getDocumentAccessContext } from '../models/document.server.ts';
import {
  familyLanguages,
  getTranslationSync,
  joinFamily,
  listFamilyMembers,
  markTranslationSynced,
  startFamily,
  type FamilyMember,
} from '../models/language-family.server.ts';
import { inTransaction } from '../models/transaction.server.ts';
import { canTranslateDocument, documentReadScope, mayRead, type DocumentAccessContext } from '../policies/document-access.ts';
import type { Actor } from '../policies/permissions.ts';
import { currentState, type VersionServices } from './document-versions.server.ts';
import { DOCUMENT_LANGUAGES } from '../../db/schema.ts';

/**
 * Language versions of a document (docs/decisions/021-language-versions.md):
 * the same text in another language, each a live document of its own,
 * linked as one family whose first document is the source.
 */

export class LanguageVersionError extends Error {
  constructor(readonly reason: 'forbidden' | 'language-taken') {
    super(`language version refused: ${reason}`);
    this.name = 'LanguageVersionError';
  }
}

type DocumentContext = DocumentAccessContext & { document: DocumentRow };

/** The source's text, rendered: what a translation is compared with. */
async function sourceHtml(services: VersionServices, familyId: string): Promise<string> {
  return renderHtml(await currentState(services, familyId));
}

/**
 * Creates a language version of a document: a new document with the same
 * owner, participants, TLP and type, in `language`, starting from the
 * family source's current text. One transaction, audited.
 */
export async function createLanguageVersion(
  services: VersionServices,
  actor: Actor,
  context: DocumentContext,
  language: DocumentLanguage,
): Promise<DocumentRow> {
  if (!canTranslateDocument(actor, context)) throw new LanguageVersionError('forbidden');
  const { document } = context;
  const familyId = document.familyId ?? document.id;
  const taken = document.familyId ? await familyLanguages(services.db, familyId) : [document.language];
  if (taken.includes(language)) throw new LanguageVersionError('language-taken');
  const source = await currentState(services, familyId);
  // A fresh copy of the content, not of the source's edit history.
  const { state } = replaceContent(Y.encodeStateAsUpdate(new Y.Doc()), source);
  const html = renderHtml(state);
  const participants = {
    institutions: context.institutions.map(({ institutionId, access }) => ({ institutionId, access })),
    people: context.people.map(({ userId, access }) => ({ userId, access })),
  };
  return inTransaction(services.db, async (trx) => {
    await startFamily(trx, familyId);
    const created = await createDocument(
      trx,
      actor.id,
      { title: document.title, type: document.type, language, summary: document.summary, ownerInstitutionId: document.ownerInstitutionId, tlp: document.tlp },
      participants,
      state,
      renderPlainText(state),
    );
    await joinFamily(trx, created.id, familyId, html);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'document.language-version-created',
      entityType: 'document',
      entityId: created.id,
      details: { familyId, fromDocumentId: document.id, language },
    });
    return { ...created, familyId };
  });
}

/** Records that a language version now matches the source's current text. Audited. */
export async function markLanguageVersionUpToDate(services: VersionServices, actor: Actor, context: DocumentContext): Promise<void> {
  if (!canTranslateDocument(actor, context)) throw new LanguageVersionError('forbidden');
  const { document } = context;
  if (!document.familyId || document.familyId === document.id) throw new LanguageVersionError('forbidden');
  const html = await sourceHtml(services, document.familyId);
  await inTransaction(services.db, async (trx) => {
    await markTranslationSynced(trx, document.id, html);
    await recordAudit(trx, { actorId: actor.id, action: 'document.language-version-synced', entityType: 'document', entityId: document.id, details: { familyId: document.familyId } });
  });
}

export interface LanguageFamilyPanel {
  /** The members the reader may read, source first; empty outside a family. */
  members: (FamilyMember & { current: boolean })[];
  /** Languages a new version may be created in; empty when the reader may not create one. */
  available: DocumentLanguage[];
  /** On a language version whose source changed since it was last brought up to date. */
  sourceChanged: { since: string; diff: TextDiff | null; canMarkUpToDate: boolean } | null;
}

/** What the document page shows about the document's language family. */
export async function languageFamilyPanel(services: VersionServices, actor: Actor, context: DocumentContext): Promise<LanguageFamilyPanel> {
  const { document } = context;
  const mayTranslate = canTranslateDocument(actor, context);
  if (!document.familyId) {
    return { members: [], available: mayTranslate ? DOCUMENT_LANGUAGES.filter((l) => l !== document.language) : [], sourceChanged: null };
  }
  const familyId = document.familyId;
  const [members, taken, sync] = await Promise.all([
    listFamilyMembers(services.db, familyId, documentReadScope(actor)),
    familyLanguages(services.db, familyId),
    familyId === document.id ? Promise.resolve(undefined) : getTranslationSync(services.db, document.id),
  ]);
  let sourceChanged: LanguageFamilyPanel['sourceChanged'] = null;
  if (sync) {
    const now = await sourceHtml(services, familyId);
    if (now !== sync.sourceHtml) {
      // The diff shows the source's text, so only a reader of the source sees it.
      const source = await getDocumentAccessContext(services.db, familyId);
      const diff = source && mayRead(actor, source) ? diffHtml(sync.sourceHtml, now) : null;
      sourceChanged = { since: sync.sourceSyncedAt, diff, canMarkUpToDate: mayTranslate };
    }
  }
  return {
    members: members.map((m) => ({ ...m, current: m.id === document.id })),
    available: mayTranslate ? DOCUMENT_LANGUAGES.filter((l) => !taken.includes(l)) : [],
    sourceChanged,
  };
}
