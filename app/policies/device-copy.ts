import type { Tlp } from '../../db/schema.ts';
import type { DocumentAccess } from './document-access.ts';

/**
 * Labels whose text may stay in a browser's storage between visits. TLP:RED is
 * for named individuals and TLP:AMBER+STRICT for the participating
 * organisations only; a copy on a disk outlives the session that was allowed
 * to read it (a crash, a closed laptop, a computer passed on), so those two
 * are never written to a device. Decision 025 gives the full reasoning.
 */
const KEPT_LABELS: ReadonlySet<Tlp> = new Set<Tlp>(['CLEAR', 'GREEN', 'AMBER']);

/**
 * May the browser keep this document (and the person's unsent changes) on the
 * device? Only someone who can change the text has changes worth keeping:
 * readers, commenters and suggesters (whose text socket is read-only) keep
 * nothing, so a copy exists only where it buys durability.
 */
export function mayKeepOnDevice(access: DocumentAccess, tlp: Tlp): boolean {
  return access === 'edit' && KEPT_LABELS.has(tlp);
}
