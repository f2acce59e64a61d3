/** The one timestamp format stored by the portal: ISO 8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}
