// `npm run jobs:reminders`: runs the action-item reminders once (the server also
// runs them every hour) and prints how many were sent. Safe to run at any time:
// a reminder is never stored or e-mailed twice, and while an instance of the
// portal is running them (an advisory lock on PostgreSQL) this run steps aside.
import path from 'node:path';
import { createDatabase } from '../db/client.server.ts';
import { migrateToLatest } from '../db/migrator.server.ts';
import { runRemindersOnce } from '../app/services/reminders.server.ts';
import { todayInSarajevo } from '../app/utils/action-dates.ts';
import { parseEnv } from '../app/utils/env.server.ts';
import { createLogger } from '../app/utils/logger.server.ts';
import { createMailer } from '../app/utils/mailer.server.ts';

const env = parseEnv(process.env);
const logger = createLogger(env.LOG_LEVEL, env.LOG_FORMAT);
const { db, describe } = createDatabase({ url: env.DATABASE_URL ?? `file:${path.join(env.DATA_DIR, 'portal.sqlite')}` });
try {
  await migrateToLatest(db);
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger });
  const baseURL = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const today = todayInSarajevo();
  const run = await runRemindersOnce({ db, mailer, logger, baseURL }, today);
  if (!run) {
    console.log(`Reminders for ${today} in ${describe}: another instance is running them right now; nothing to do.`);
    process.exit(0);
  }
  const delivery = mailer.delivers ? 'in the portal and by e-mail' : 'in the portal only (SMTP_URL is not set)';
  console.log(`Reminders for ${today} in ${describe}: ${run.items} items due soon, overdue or without an update; ${run.stored} new reminders sent ${delivery}.`);
} finally {
  await db.destroy();
}
