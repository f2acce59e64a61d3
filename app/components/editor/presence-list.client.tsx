import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollabProvider } from './collab-provider.client.ts';

export interface Participant {
  clientId: number;
  name: string;
  institution: string;
  color: string;
  isSelf: boolean;
}

const FALLBACK_COLOR = '#64748b';

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Everyone whose awareness state names them. The editor puts name and colour
 * at the top level and the institution in `awarenessData` (the collaboration
 * plugin's slot for extra fields); the server may overwrite any of them, also
 * with a top-level `institution`. One entry per person: the same person in two
 * tabs is listed once.
 */
export function readParticipants(states: Map<number, Record<string, unknown>>, selfClientId: number): Participant[] {
  const byPerson = new Map<string, Participant>();
  for (const [clientId, state] of states) {
    const name = text(state.name);
    if (!name) continue;
    const data = state.awarenessData && typeof state.awarenessData === 'object' ? (state.awarenessData as Record<string, unknown>) : {};
    const institution = text(state.institution) || text(data.institution);
    const participant = { clientId, name, institution, color: text(state.color) || FALLBACK_COLOR, isSelf: clientId === selfClientId };
    const key = `${name}\u0000${institution}`;
    const existing = byPerson.get(key);
    if (!existing || (participant.isSelf && !existing.isSelf)) byPerson.set(key, participant);
  }
  return [...byPerson.values()].sort((a, b) => (a.isSelf !== b.isSelf ? (a.isSelf ? -1 : 1) : a.name.localeCompare(b.name)));
}

function usePresence(provider: CollabProvider | null): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([]);
  useEffect(() => {
    const awareness = provider?.hocuspocus.awareness;
    if (!provider || !awareness) return;
    const read = () => setParticipants(readParticipants(awareness.getStates(), provider.doc.clientID));
    read();
    // 'change' fires when someone arrives, leaves or changes state; not on the 15-second renewals.
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return participants;
}

/** Who has the document open: name, institution and cursor colour, yourself first. */
export function PresenceList({ provider }: { provider: CollabProvider | null }) {
  const { t } = useTranslation();
  const headingId = useId();
  const participants = usePresence(provider);
  return (
    <section aria-labelledby={headingId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
      <h2 id={headingId} className="font-semibold text-slate-700">
        {t('editor.presence.title')}:
      </h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid="presence-list">
        {participants.map((participant) => (
          <li key={participant.clientId} className="flex min-w-0 items-baseline gap-1.5">
            <span
              aria-hidden="true"
              className="inline-block h-2.5 w-2.5 shrink-0 self-center rounded-full ring-1 ring-black/10"
              style={{ backgroundColor: participant.color }}
            />
            <span className="font-medium text-slate-900">{participant.name}</span>
            {participant.isSelf ? <span className="text-slate-600">{t('editor.presence.you')}</span> : null}
            {participant.institution ? <span className="text-xs text-slate-600">· {participant.institution}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
