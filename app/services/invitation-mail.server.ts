import type { AppLoadContext } from '@remix-run/node';
import type { Role } from '../../db/schema.ts';
import { getSettings } from '../models/setting.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';

/**
 * Sends (or, without SMTP, logs) an invitation link, in the inviter's language.
 * Returns the link so the secretariat can also pass it on by hand.
 */
export async function deliverInvitation(
  context: AppLoadContext,
  request: Request,
  invitation: { email: string; role: Role; institutionName: string; inviterName: string; token: string },
): Promise<{ link: string; mailed: boolean }> {
  const { mailer, baseURL, db, logger } = context.services;
  const link = new URL(`/invite/${invitation.token}`, baseURL).toString();
  const t = await i18nServer.getFixedT(request);
  const { groupName } = await getSettings(db);
  try {
    await mailer.send({
      to: invitation.email,
      subject: t('people.mailSubject', { group: groupName }),
      text: t('people.mailBody', {
        inviter: invitation.inviterName,
        group: groupName,
        role: t(`roles.${invitation.role}`),
        institution: invitation.institutionName,
        link,
      }),
    });
    return { link, mailed: mailer.delivers };
  } catch (error) {
    // The invitation exists either way; the secretariat still gets the link to copy.
    logger.error({ err: error, requestId: context.requestId }, 'invitation e-mail failed');
    return { link, mailed: false };
  }
}
