/**
 * A strategic pillar's name in the reader's language. The nine pillars of the
 * 2019 Guidelines are translated under `pillars.<code>` in every locale; a
 * pillar added later without a translation shows its stored English name.
 */
export function pillarName(t: (key: string, options: { defaultValue: string }) => string, pillar: { code: string; name: string }): string {
  return t(`pillars.${pillar.code}`, { defaultValue: pillar.name });
}

/** A progress-report group's title in the reader's language: pillars are translated, CBM groups keep their stored title. */
export function reportGroupTitle(group: 'cbm' | 'pillar', row: { key: string; title: string }, t: (key: string, options: { defaultValue: string }) => string): string {
  return group === 'pillar' && row.key ? pillarName(t, { code: row.key, name: row.title }) : row.title;
}
