import type { Db } from '../../db/client.server.ts';
import { loadTemplateReference } from '../models/tracker-data.server.ts';
import type { Actor } from '../policies/permissions.ts';
import { joinList, splitList, type ActionRow } from '../utils/action-columns.ts';
import { exampleRow } from './action-export.server.ts';
import { importablePlans } from './action-import-plans.server.ts';

/**
 * The import template's example row, fitted to this installation, so that the
 * file imports as downloaded: a code no plan the person may import into has
 * yet (the next one in the example's pillar), and a pillar, owner and
 * supporters that exist. The fixed example in ACTION_COLUMNS collided with
 * the demo plan's `2.3` (issue 13).
 */

export interface TemplateReference {
  takenCodes: readonly string[];
  /** In the plan's order; `position` is the number codes start with (pillar I is 9: 9.1, 9.2 …). */
  pillars: readonly { code: string; position: number }[];
  institutions: readonly { name: string; acronym: string | null }[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `<prefix>.<n>` with n one above the highest taken under that prefix, so never a taken code. */
export function nextFreeCode(prefix: string, taken: readonly string[]): string {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}\\.(\\d+)$`);
  let highest = 0;
  for (const code of taken.map((c) => c.trim())) {
    const match = pattern.exec(code);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  // Above the highest, not the first gap: a gap is often an item deleted on purpose.
  return `${prefix}.${highest + 1}`;
}

/** The example row, with every value that must match the installation taken from it. */
export function templateRow(reference: TemplateReference): ActionRow {
  const example = exampleRow();
  const pillar = reference.pillars.find((p) => p.code === example.pillar) ?? reference.pillars[0] ?? null;
  const known = (text: string) =>
    reference.institutions.find((i) => i.name.toLowerCase() === text.toLowerCase() || i.acronym?.toLowerCase() === text.toLowerCase());
  const owner = known(String(example.owner)) ?? reference.institutions[0] ?? null;
  const supporters = splitList(String(example.supporters ?? '')).flatMap((text) => {
    const supporter = known(text);
    return supporter && supporter.name !== owner?.name ? [supporter.name] : [];
  });
  return {
    ...example,
    code: nextFreeCode(pillar ? String(pillar.position) : '1', reference.takenCodes),
    pillar: pillar?.code ?? '',
    owner: owner?.name ?? example.owner,
    supporters: joinList(supporters),
  };
}

/** The template row for what this person may import into: every plan they may choose on the import form. */
export async function importTemplateRow(db: Db, actor: Actor): Promise<ActionRow> {
  const plans = await importablePlans(db, actor);
  return templateRow(await loadTemplateReference(db, plans.map((p) => p.id)));
}
