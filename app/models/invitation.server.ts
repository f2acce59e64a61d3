import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import type { Role } from '../../db/schema.ts';
import { addDays, nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';
import { insertPerson } from './person.server.ts';
import { institutionNameIn } from './institution.server.ts';

const INVITATION_DAYS = 14;

/** Only a hash of the token is stored: a database leak does not leak usable links. */
function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export interface InvitationRequest {
  email: string;
  name?: string | null;
  institutionId: string;
  role: Role;
  invitedById: string;
}

/** Creates an invitation and returns the one-time token for its link. */
export async function createInvitation(db: Db, request: InvitationRequest): Promise<{ id: string; token: string }> {
  const token = newToken();
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    // A new invitation replaces any earlier pending one for the same address.
    await trx
      .updateTable('invitation')
      .set({ revokedAt: now })
      .where('email', '=', request.email.toLowerCase())
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .execute();
    await trx
      .insertInto('invitation')
      .values({
        id,
        email: request.email.toLowerCase(),
        name: request.name?.trim() || null,
        institutionId: request.institutionId,
        role: request.role,
        tokenHash: hashToken(token),
        invitedById: request.invitedById,
        expiresAt: addDays(now, INVITATION_DAYS),
        acceptedAt: null,
        acceptedUserId: null,
        revokedAt: null,
        createdAt: now,
      })
      .execute();
    await recordAudit(trx, {
      actorId: request.invitedById,
      action: 'person.invite',
      entityType: 'invitation',
      entityId: id,
      details: { email: request.email.toLowerCase(), role: request.role, institutionId: request.institutionId },
    });
  });
  return { id, token };
}

/** Issues a fresh link for a pending invitation (the old link stops working). */
export async function renewInvitation(db: Db, actorId: string, id: string): Promise<string | null> {
  const token = newToken();
  const renewed = await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const result = await trx
      .updateTable('invitation')
      .set({ tokenHash: hashToken(token), expiresAt: addDays(now, INVITATION_DAYS) })
      .where('id', '=', id)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(trx, { actorId, action: 'person.invite-renew', entityType: 'invitation', entityId: id });
    return true;
  });
  return renewed ? token : null;
}

export async function revokeInvitation(db: Db, actorId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('invitation').set({ revokedAt: nowIso() }).where('id', '=', id).where('acceptedAt', 'is', null).execute();
    await recordAudit(trx, { actorId, action: 'person.invite-revoke', entityType: 'invitation', entityId: id });
  });
}

/** `language`: the institution's name in the reader's language, else English. */
export async function listPendingInvitations(db: Db, language?: string) {
  return db
    .selectFrom('invitation')
    .innerJoin('institution', 'institution.id', 'invitation.institutionId')
    .innerJoin('user as inviter', 'inviter.id', 'invitation.invitedById')
    .select([
      'invitation.id',
      'invitation.email',
      'invitation.name',
      'invitation.role',
      'invitation.expiresAt',
      'invitation.createdAt',
      'inviter.name as invitedByName',
    ])
    .select(institutionNameIn(language, 'institution.id', 'institution.name').as('institutionName'))
    .where('invitation.acceptedAt', 'is', null)
    .where('invitation.revokedAt', 'is', null)
    .where('invitation.expiresAt', '>', nowIso())
    .orderBy('invitation.createdAt', 'desc')
    .execute();
}

/** The invitation behind a link, if the link is still usable. */
export async function findUsableInvitation(db: Db, token: string) {
  return db
    .selectFrom('invitation')
    .innerJoin('institution', 'institution.id', 'invitation.institutionId')
    .select([
      'invitation.id',
      'invitation.email',
      'invitation.name',
      'invitation.role',
      'invitation.institutionId',
      'institution.name as institutionName',
    ])
    .where('invitation.tokenHash', '=', hashToken(token))
    .where('invitation.acceptedAt', 'is', null)
    .where('invitation.revokedAt', 'is', null)
    .where('invitation.expiresAt', '>', nowIso())
    .executeTakeFirst();
}

export type AcceptResult = { ok: true; userId: string; email: string } | { ok: false; reason: 'invalid' | 'email-taken' };

/**
 * Turns an invitation into an account in one transaction: the person, their
 * password and the invitation's acceptance are written together or not at all.
 */
export async function acceptInvitation(db: Db, token: string, input: { name: string; passwordHash: string }): Promise<AcceptResult> {
  return db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom('invitation')
      .selectAll()
      .where('tokenHash', '=', hashToken(token))
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', nowIso())
      .executeTakeFirst();
    if (!invitation) return { ok: false, reason: 'invalid' } as const;
    const existing = await trx.selectFrom('user').select('id').where('email', '=', invitation.email).executeTakeFirst();
    if (existing) return { ok: false, reason: 'email-taken' } as const;
    const userId = await insertPerson(trx, {
      name: input.name,
      email: invitation.email,
      role: invitation.role,
      institutionId: invitation.institutionId,
      passwordHash: input.passwordHash,
    });
    const accepted = await trx
      .updateTable('invitation')
      .set({ acceptedAt: nowIso(), acceptedUserId: userId })
      .where('id', '=', invitation.id)
      .where('acceptedAt', 'is', null)
      .executeTakeFirst();
    // Two tabs accepting at once: only one may win.
    if (Number(accepted.numUpdatedRows) !== 1) throw new Error('invitation accepted concurrently');
    await recordAudit(trx, { actorId: userId, action: 'person.join', entityType: 'person', entityId: userId, details: { invitationId: invitation.id } });
    return { ok: true, userId, email: invitation.email } as const;
  });
}
