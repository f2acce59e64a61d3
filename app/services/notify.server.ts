import type { Db } from '../../db/client.server.ts';
import { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES } from '../i18n.ts';
import { insertNotifications, markEmailed, notificationsToEmail, type NotificationInput } from '../models/notification.server.ts';
import { getSettings } from '../models/setting.server.ts';
import { i18nServer } from '../locales/i18n.server.ts';
import { notificationText } from '../utils/notification-text.ts';
import type { Logger } from '../utils/logger.server.ts';
import type { Mailer } from '../utils/mailer.server.ts';

export interface NotifyServices {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  baseURL: string;
}

/**
 * Stores notifications in the portal, then e-mails the new ones when SMTP is
 * configured. Call it after the transaction that caused them has committed:
 * a failed e-mail never undoes the change, and is logged.
 *
 * The portal keeps no per-person language, so the e-mail carries the message in
 * every interface language, the fallback language first.
 */
export async function notify(services: NotifyServices, inputs: NotificationInput[]): Promise<string[]> {
  const ids = await insertNotifications(services.db, inputs);
  if (!services.mailer.delivers || ids.length === 0) return ids;
  const pending = await notificationsToEmail(services.db, ids);
  const { groupName } = await getSettings(services.db);
  const languages = [FALLBACK_LANGUAGE, ...SUPPORTED_LANGUAGES.filter((l) => l !== FALLBACK_LANGUAGE)];
  const translators = await Promise.all(languages.map((language) => i18nServer.getFixedT(language)));
  const sent: string[] = [];
  for (const item of pending) {
    const link = new URL(item.link, services.baseURL).toString();
    const texts = translators.map((t, index) => notificationText(t, languages[index], item));
    try {
      await services.mailer.send({
        to: item.email,
        subject: `${groupName}: ${texts[0]}`,
        text: [...texts.map((text) => `${text}\n${link}`), translators[0]('notifications.mailFooter', { group: groupName })].join('\n\n'),
      });
      sent.push(item.id);
    } catch (error) {
      services.logger.error({ err: error, notificationId: item.id }, 'notification e-mail failed');
    }
  }
  await markEmailed(services.db, sent);
  return ids;
}
