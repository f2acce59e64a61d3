import type { Db } from '../client.server.ts';
import pillars from './data/pillars.json' with { type: 'json' };

/**
 * The strategic pillars A–I (objectives of the 2019 BiH Guidelines), reference
 * data like the CBMs. Inserted only when the table is empty, so it is safe on
 * every start and on installations that existed before the tracker.
 */
export async function seedPillars(db: Db): Promise<void> {
  const existing = await db.selectFrom('pillar').select('code').limit(1).executeTakeFirst();
  if (existing) return;
  await db
    .insertInto('pillar')
    .values(pillars.map((pillar, index) => ({ code: pillar.code, name: pillar.name, nameBs: pillar.nameBs, description: pillar.description, position: index + 1 })))
    .execute();
}
