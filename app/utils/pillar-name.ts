/**
 * A strategic pillar's name in the reader's language. The nine pillars of the
 * 2019 Guidelines are translated under `pillars.<code>` in every locale; a
 * pillar added later without a translation shows its stored English name.
 */
export function pillarName(t: (key: string, options: { defaultValue: string }) => string, pillar: { code: string; name: string }): string {
  return t(`pillars.${pillar.code}`, { defaultValue: pillar.name });
}
