// `npm run db:migrate`: brings the database named by DATABASE_URL up to date.
import path from 'node:path';
import { createDatabase } from './client.server.ts';
import { migrateToLatest } from './migrator.server.ts';

const { db, describe } = createDatabase({
  url: process.env.DATABASE_URL || `file:${path.join(process.env.DATA_DIR || 'data', 'portal.sqlite')}`,
});
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? applied.join('\n') : `${describe}: already up to date`);
} finally {
  await db.destroy();
}
