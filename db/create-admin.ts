// `npm run admin:create -- --email you@example.org --name "Your Name" --institution "Ministry of ..."`
// The first administrator of an installation that starts without the demo (SEED_DEMO=false).
// Prints a one-time password; change it at /account after signing in.
import crypto from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from 'better-auth/crypto';
import { createDatabase } from './client.server.ts';
import { migrateToLatest } from './migrator.server.ts';
import { createInstitution, listInstitutions } from '../app/models/institution.server.ts';
import { emailRegistered, insertPerson } from '../app/models/person.server.ts';
import { email as emailSchema, level as levelSchema, personName, sector as sectorSchema } from '../app/schemas/portal.ts';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    institution: { type: 'string' },
    sector: { type: 'string', default: 'public' },
    level: { type: 'string', default: 'state' },
  },
});

const email = emailSchema.safeParse(values.email ?? '');
const sector = sectorSchema.safeParse(values.sector);
const level = levelSchema.safeParse(values.level);
// The same name rule as every other path that writes one (trimmed, 200 characters, no control characters).
const name = personName.safeParse(values.name ?? '');
if (!email.success || !name.success || !values.institution?.trim() || !sector.success || !level.success) {
  console.error('Usage: npm run admin:create -- --email ADDRESS --name "FULL NAME" --institution "INSTITUTION" [--sector public] [--level state]');
  process.exit(2);
}

const { db, describe } = createDatabase({
  url: process.env.DATABASE_URL || `file:${path.join(process.env.DATA_DIR || 'data', 'portal.sqlite')}`,
});
try {
  await migrateToLatest(db);
  if (await emailRegistered(db, email.data)) {
    console.error(`${email.data} already has an account in ${describe}.`);
    process.exit(1);
  }
  const institutionName = values.institution.trim();
  const existing = (await listInstitutions(db, { includeArchived: true })).find((i) => i.name.toLowerCase() === institutionName.toLowerCase());
  const institutionId = existing?.id ?? (await createInstitution(db, null, { name: institutionName, sector: sector.data, level: level.data })).id;
  const password = crypto.randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db.transaction().execute((trx) => insertPerson(trx, { name: name.data, email: email.data, role: 'admin', institutionId, passwordHash }));
  console.log(`Administrator ${email.data} created in ${describe}.\nOne-time password: ${password}\nSign in and change it at /account.`);
} finally {
  await db.destroy();
}
