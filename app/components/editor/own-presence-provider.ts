import { HocuspocusProvider } from '@hocuspocus/provider';

interface PresenceChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Hocuspocus's provider (3.4) sends every presence change its awareness
 * applies, including the other editors' cursors it has just received from the
 * server. With n editors that turns each keystroke's cursor move into n - 1
 * echoes back to the server, which the server then has to read and drop
 * (issue 14 measured about 5,200 inbound messages a second at 50 editors,
 * where about 200 would do). Like y-websocket's server, which only relays a
 * connection's own states, this provider sends only the state of its own
 * client: the server is the one that tells everyone about everyone.
 *
 * The editor page (collab-provider.client.ts), the benchmark's editors and the
 * test clients all use this class, so what is measured is what runs.
 */
export class OwnPresenceProvider extends HocuspocusProvider {
  override awarenessUpdateHandler(changes: PresenceChanges, origin: unknown): void {
    const own = this.awareness?.clientID;
    const mine = (clients: number[]) => clients.filter((client) => client === own);
    const ownChanges = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
    if (ownChanges.added.length + ownChanges.updated.length + ownChanges.removed.length === 0) return;
    super.awarenessUpdateHandler(ownChanges, origin);
  }
}
