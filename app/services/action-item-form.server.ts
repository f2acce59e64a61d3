import type { Db } from '../../db/client.server.ts';
import { listActionPlans, listPillars } from '../models/action-item.server.ts';
import { listCbms } from '../models/cbm.server.ts';
import { listInstitutionOptions } from '../models/institution.server.ts';

interface Option {
  value: string;
  label: string;
}

export interface ActionItemFormOptions {
  plans: Option[];
  pillars: { code: string; name: string }[];
  cbms: { number: number; title: string }[];
  institutions: Option[];
}

/** The choices the item form offers: plans, pillars, the 16 CBMs and active institutions. */
export async function actionItemFormOptions(db: Db): Promise<ActionItemFormOptions> {
  const [plans, pillars, cbms, institutions] = await Promise.all([listActionPlans(db), listPillars(db), listCbms(db), listInstitutionOptions(db)]);
  return {
    plans: plans.map((p) => ({ value: p.id, label: p.title })),
    pillars: pillars.map((p) => ({ code: p.code, name: p.name })),
    cbms: cbms.map((c) => ({ number: Number(c.number), title: c.title })),
    institutions: institutions.map((i) => ({ value: i.id, label: i.acronym ? `${i.name} (${i.acronym})` : i.name })),
  };
}
