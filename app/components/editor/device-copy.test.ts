import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEVICE_COPY_PREFIX,
  deviceCopyName,
  isDeviceCopyName,
  nextPendingChanges,
  NO_PENDING_CHANGES,
  pendingCount,
  type PendingEvent,
} from './device-copy.ts';

describe('device copy names', () => {
  test('one name per person and document, all under the portal prefix', () => {
    const a = deviceCopyName('user-a', 'doc-1');
    expect(a.startsWith(DEVICE_COPY_PREFIX)).toBe(true);
    expect(deviceCopyName('user-b', 'doc-1')).not.toBe(a);
    expect(deviceCopyName('user-a', 'doc-2')).not.toBe(a);
    expect(deviceCopyName('user-a', 'doc-1')).toBe(a);
  });

  test('a separator inside an id cannot make two pairs collide', () => {
    expect(deviceCopyName('a:b', 'c')).not.toBe(deviceCopyName('a', 'b:c'));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (p1, d1, p2, d2) => {
        fc.pre(p1 !== p2 || d1 !== d2);
        expect(deviceCopyName(p1, d1)).not.toBe(deviceCopyName(p2, d2));
      }),
    );
  });

  test('refuses an empty person or document', () => {
    expect(() => deviceCopyName('', 'doc')).toThrow();
    expect(() => deviceCopyName('user', '')).toThrow();
  });

  test('recognises only the portal’s own databases', () => {
    expect(isDeviceCopyName(deviceCopyName('u', 'd'))).toBe(true);
    expect(isDeviceCopyName('portal-offline:v0:u:d')).toBe(false);
    expect(isDeviceCopyName('y-indexeddb-something')).toBe(false);
    expect(isDeviceCopyName(undefined)).toBe(false);
    expect(isDeviceCopyName(null)).toBe(false);
  });
});

function run(events: PendingEvent[]) {
  return events.reduce(nextPendingChanges, NO_PENDING_CHANGES);
}

describe('counting changes kept on the device', () => {
  test('changes from an earlier visit count once the copy is read, and add to new ones', () => {
    const before = run([{ type: 'local-change' }]);
    expect(pendingCount(before)).toBe(1);
    const after = nextPendingChanges(before, { type: 'restored', stored: 4 });
    expect(pendingCount(after)).toBe(5);
    expect(pendingCount(nextPendingChanges(after, { type: 'local-change' }))).toBe(6);
  });

  test('an acknowledgement before the copy is read clears only this tab’s changes', () => {
    const state = run([{ type: 'local-change' }, { type: 'local-change' }, { type: 'all-acknowledged' }, { type: 'restored', stored: 3 }]);
    expect(pendingCount(state)).toBe(3);
  });

  test('an acknowledgement after the copy is read clears everything', () => {
    expect(pendingCount(run([{ type: 'restored', stored: 3 }, { type: 'local-change' }, { type: 'all-acknowledged' }]))).toBe(0);
  });

  test('the device copy is read once: a second read does not add its count again', () => {
    expect(pendingCount(run([{ type: 'restored', stored: 2 }, { type: 'restored', stored: 2 }]))).toBe(2);
  });

  test('a stored count that is not a count is treated as none', () => {
    expect(pendingCount(run([{ type: 'restored', stored: Number.NaN }]))).toBe(0);
    expect(pendingCount(run([{ type: 'restored', stored: -3 }]))).toBe(0);
  });

  test('never negative, and zero right after the server acknowledged everything', () => {
    const event = fc.oneof(
      fc.constant<PendingEvent>({ type: 'local-change' }),
      fc.constant<PendingEvent>({ type: 'all-acknowledged' }),
      fc.nat(50).map<PendingEvent>((stored) => ({ type: 'restored', stored })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let state = NO_PENDING_CHANGES;
        for (const e of events) {
          state = nextPendingChanges(state, e);
          expect(pendingCount(state)).toBeGreaterThanOrEqual(0);
          if (e.type === 'all-acknowledged' && state.ready) expect(pendingCount(state)).toBe(0);
        }
      }),
    );
  });
});
