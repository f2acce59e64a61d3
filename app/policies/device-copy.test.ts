import { describe, expect, test } from 'vitest';
import { TLP_LABELS, type Tlp } from '../../db/schema.ts';
import type { DocumentAccess } from './document-access.ts';
import { mayKeepOnDevice } from './device-copy.ts';

// Written out by hand, not derived from the rule: only editors, and never RED or AMBER+STRICT.
const EXPECTED: Record<DocumentAccess, Record<Tlp, boolean>> = {
  none: { CLEAR: false, GREEN: false, AMBER: false, 'AMBER+STRICT': false, RED: false },
  view: { CLEAR: false, GREEN: false, AMBER: false, 'AMBER+STRICT': false, RED: false },
  comment: { CLEAR: false, GREEN: false, AMBER: false, 'AMBER+STRICT': false, RED: false },
  suggest: { CLEAR: false, GREEN: false, AMBER: false, 'AMBER+STRICT': false, RED: false },
  edit: { CLEAR: true, GREEN: true, AMBER: true, 'AMBER+STRICT': false, RED: false },
};

describe('mayKeepOnDevice', () => {
  for (const [access, row] of Object.entries(EXPECTED) as [DocumentAccess, Record<Tlp, boolean>][]) {
    for (const tlp of TLP_LABELS) {
      test(`${access} on TLP:${tlp} → ${row[tlp] ? 'kept' : 'not kept'}`, () => {
        expect(mayKeepOnDevice(access, tlp)).toBe(row[tlp]);
      });
    }
  }
});
