import type { Db } from '../../db/client.server.ts';
import { nowIso } from '../utils/time.ts';
import { recordAudit } from './audit.server.ts';

/** Settings an admin can change; the defaults describe the demo working group. */
export interface PortalSettings {
  groupName: string;
  groupDescription: string;
}

export const DEFAULT_SETTINGS: PortalSettings = {
  groupName: 'Neretva Group',
  groupDescription: '',
};

export async function getSettings(db: Db): Promise<PortalSettings> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).execute();
  const settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key in settings) settings[row.key as keyof PortalSettings] = row.value;
  }
  return settings;
}

export async function updateSettings(db: Db, actorId: string | null, settings: PortalSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    for (const [key, value] of Object.entries(settings)) {
      await trx
        .insertInto('setting')
        .values({ key, value, updatedAt: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: now }))
        .execute();
    }
    await recordAudit(trx, { actorId, action: 'settings.update', entityType: 'settings', entityId: 'portal' });
  });
}
