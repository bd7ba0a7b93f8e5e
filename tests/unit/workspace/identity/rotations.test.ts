import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  findRotation,
  listRotations,
  listRotationsFor,
  recordRotation,
  retractRotation,
  ROTATIONS_ROOT,
  type RotationRecord,
} from '$lib/workspace';
import { expectError, expectOk, forkDoc, newDoc, syncDocs } from '../support/pairDoc';
import { envelopeText, keyText, minute } from './ids';

const LAPTOP = keyText(11);
const PHONE = keyText(12);
const TABLET = keyText(13);
const BEN_LAPTOP = keyText(14);

function rotation(overrides: Partial<RotationRecord> = {}): RotationRecord {
  return {
    epoch: 1,
    byDeviceId: LAPTOP,
    at: minute(10),
    reason: 'device-removed',
    removedDeviceIds: [PHONE],
    envelopes: { [LAPTOP]: envelopeText(1), [BEN_LAPTOP]: envelopeText(2) },
    ...overrides,
  };
}

/** Ben's rival record for epoch 1, written while apart from Ana's. */
const fromBen = rotation({
  byDeviceId: BEN_LAPTOP,
  at: minute(11),
  reason: 'person-left',
  removedDeviceIds: [LAPTOP, PHONE],
  envelopes: { [BEN_LAPTOP]: envelopeText(9) },
});

describe('recordRotation', () => {
  it('records a rotation that reads back whole', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    expect(findRotation(doc, 1)).toEqual(rotation());
    expect(findRotation(doc, 2)).toBeUndefined();
  });

  it('records a periodic rotation, which removes nobody', () => {
    const doc = newDoc(1);
    const periodic = rotation({ reason: 'periodic', removedDeviceIds: [] });
    expectOk(recordRotation(doc, periodic));
    expect(findRotation(doc, 1)).toEqual(periodic);
  });

  it('writes into the writer’s own slot, replacing what is there (signatures are the state layer’s)', () => {
    // A record planted in a writer's slot must not stop the writer from writing its own.
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    expectOk(recordRotation(doc, rotation({ reason: 'person-left' })));
    expect(listRotationsFor(doc, 1)).toEqual([rotation({ reason: 'person-left' })]);
  });

  it('leaves it to the state layer whether another writer may record the same epoch', () => {
    // Only the state layer can tell a certified writer from a planted record.
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    expectOk(recordRotation(doc, rotation({ byDeviceId: BEN_LAPTOP, reason: 'person-left' })));
    expect(listRotationsFor(doc, 1).map((record) => record.byDeviceId)).toEqual([
      LAPTOP,
      BEN_LAPTOP,
    ]);
  });

  it('replaces a malformed record squatting on the writer’s key', () => {
    const doc = newDoc(1);
    const squat = new Y.Map<unknown>();
    doc.getMap<unknown>(ROTATIONS_ROOT).set(`1/${LAPTOP}`, squat);
    squat.set('epoch', 1);
    expectOk(recordRotation(doc, rotation()));
    expect(findRotation(doc, 1)).toEqual(rotation());
    expect(listRotations(doc)).toEqual([rotation()]);
  });

  it('files each record under its epoch and writer', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation({ epoch: 3 })));
    expect([...doc.getMap<unknown>(ROTATIONS_ROOT).keys()]).toEqual([`3/${LAPTOP}`]);
  });

  it('copies the caller’s array and object, so later mutation does not reach the doc', () => {
    const doc = newDoc(1);
    const record = rotation();
    expectOk(recordRotation(doc, record));
    record.removedDeviceIds.push(TABLET);
    record.envelopes[TABLET] = envelopeText(3);
    expect(findRotation(doc, 1)).toEqual(rotation());
  });

  it('drops duplicate removed ids', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation({ removedDeviceIds: [PHONE, PHONE] })));
    expect(findRotation(doc, 1)?.removedDeviceIds).toEqual([PHONE]);
  });

  it.each([
    ['epoch', { epoch: 0 }, 'INVALID_VALUE'],
    ['epoch', { epoch: 1.5 }, 'INVALID_VALUE'],
    ['byDeviceId', { byDeviceId: 'laptop' }, 'INVALID_VALUE'],
    ['at', { at: 'later' }, 'INVALID_INSTANT'],
    ['reason', { reason: 'bored' as RotationRecord['reason'] }, 'INVALID_VALUE'],
    ['removedDeviceIds', { removedDeviceIds: ['phone'] }, 'INVALID_VALUE'],
    // A removal passed off as a routine rotation would go unannounced.
    ['removedDeviceIds', { reason: 'periodic' }, 'INVALID_VALUE'],
    [
      'removedPersonIds',
      { reason: 'periodic', removedDeviceIds: [], removedPersonIds: [TABLET] },
      'INVALID_VALUE',
    ],
    ['envelopes', { envelopes: { laptop: envelopeText(1) } }, 'INVALID_VALUE'],
    ['envelopes', { envelopes: { [LAPTOP]: 'not base64!' } }, 'INVALID_VALUE'],
    ['envelopes', { envelopes: { [LAPTOP]: 'A'.repeat(345) } }, 'INVALID_VALUE'],
    // Handing the new key to the device being removed would defeat the rotation.
    ['envelopes', { envelopes: { [PHONE]: envelopeText(1) } }, 'INVALID_VALUE'],
  ] as const)('refuses a bad %s', (field, overrides, code) => {
    const doc = newDoc(1);
    expectError(recordRotation(doc, rotation(overrides as Partial<RotationRecord>)), code, field);
    expect(listRotations(doc)).toEqual([]);
  });
});

describe('listRotations', () => {
  it('lists by epoch ascending (numerically, not as strings)', () => {
    const doc = newDoc(1);
    for (const epoch of [10, 2, 1]) expectOk(recordRotation(doc, rotation({ epoch })));
    expect(listRotations(doc).map((record) => record.epoch)).toEqual([1, 2, 10]);
  });

  it('skips malformed records written by a hostile partner', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    const rotations = doc.getMap<unknown>(ROTATIONS_ROOT);
    const bad = (key: string, overrides: Record<string, unknown>) => {
      const map = new Y.Map<unknown>();
      rotations.set(key, map);
      for (const [field, value] of Object.entries({ ...rotation(), ...overrides })) {
        map.set(field, value);
      }
    };
    bad(`2/${LAPTOP}`, { epoch: '2' });
    bad(`3/${LAPTOP}`, { epoch: 4 }); // filed under another epoch
    bad(`15/${PHONE}`, { epoch: 15 }); // filed under another writer
    bad('16', { epoch: 16 }); // the old key shape, without a writer
    bad(`5/${LAPTOP}`, { epoch: 5, byDeviceId: null });
    bad(`6/${LAPTOP}`, { epoch: 6, reason: 42 });
    bad(`7/${LAPTOP}`, { epoch: 7, removedDeviceIds: PHONE });
    bad(`8/${LAPTOP}`, { epoch: 8, envelopes: [envelopeText(1)] });
    bad(`9/${LAPTOP}`, { epoch: 9, envelopes: { [LAPTOP]: 7 } });
    bad(`11/${LAPTOP}`, { epoch: 11, at: '2025-13-40T99:00Z' });
    bad(`12/${LAPTOP}`, { epoch: 12, envelopes: null });
    bad(`13/${LAPTOP}`, {
      epoch: 13,
      envelopes: Object.fromEntries(
        Array.from({ length: 65 }, (_, index) => [keyText(index + 100), envelopeText(1)]),
      ),
    });
    rotations.set(`14/${LAPTOP}`, { ...rotation({ epoch: 14 }) });
    expect(listRotations(doc)).toEqual([rotation()]);
    for (const epoch of [2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16]) {
      expect(findRotation(doc, epoch)).toBeUndefined();
    }
  });

  it('tells a removed device apart from a remaining one', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    const next = findRotation(doc, 1);
    expect(next?.envelopes[BEN_LAPTOP]).toBe(envelopeText(2));
    expect(next?.envelopes[PHONE]).toBeUndefined();
  });
});

describe('concurrent rotations', () => {
  it('keeps both records whole after two devices rotate to one epoch while apart', () => {
    const ana = newDoc(1);
    const ben = forkDoc(ana, 2);
    expectOk(recordRotation(ana, rotation()));
    expectOk(recordRotation(ben, fromBen));
    syncDocs(ana, ben);
    // All or nothing, and nothing lost: never Ana's envelopes with Ben's removals.
    for (const doc of [ana, ben]) {
      expect(listRotationsFor(doc, 1)).toEqual([rotation(), fromBen]);
      expect(listRotations(doc)).toEqual([rotation(), fromBen]);
    }
    // Both replicas follow the same one: the lowest writer (LAPTOP < BEN_LAPTOP).
    expect(LAPTOP < BEN_LAPTOP).toBe(true);
    expect(findRotation(ana, 1)).toEqual(rotation());
    expect(findRotation(ben, 1)).toEqual(rotation());
    // Each writer has one slot per epoch, on either replica.
    expect(listRotationsFor(ana, 1)).toHaveLength(2);
  });

  it('picks the lowest writer on every replica, whatever order the records arrive in', () => {
    const records = [
      rotation({ byDeviceId: TABLET, envelopes: { [TABLET]: envelopeText(6) } }),
      rotation(),
      rotation({ byDeviceId: BEN_LAPTOP, envelopes: { [BEN_LAPTOP]: envelopeText(5) } }),
    ];
    const updates = records.map((record, index) => {
      const doc = newDoc(index + 1);
      expectOk(recordRotation(doc, record));
      return Y.encodeStateAsUpdate(doc);
    });
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
      [2, 0, 1],
      [1, 0, 2, 1],
    ];
    for (const [index, order] of orders.entries()) {
      const doc = newDoc(100 + index);
      for (const at of order) Y.applyUpdate(doc, updates[at]!);
      expect(findRotation(doc, 1)).toEqual(rotation());
      expect(listRotationsFor(doc, 1).map((record) => record.byDeviceId)).toEqual([
        LAPTOP,
        TABLET,
        BEN_LAPTOP,
      ]);
    }
  });

  it('orders writers by device id, not by who wrote first', () => {
    const doc = newDoc(1);
    const late = newDoc(2);
    expectOk(recordRotation(doc, fromBen));
    expectOk(recordRotation(late, rotation()));
    syncDocs(doc, late);
    expect(findRotation(doc, 1)?.byDeviceId).toBe(LAPTOP);
  });
});

describe('retractRotation', () => {
  it('withdraws only the writer’s own record, on every replica', () => {
    const ana = newDoc(1);
    const ben = forkDoc(ana, 2);
    expectOk(recordRotation(ana, rotation()));
    expectOk(recordRotation(ana, rotation({ epoch: 2 })));
    expectOk(recordRotation(ben, fromBen));
    syncDocs(ana, ben);
    expectOk(retractRotation(ana, { epoch: 1, byDeviceId: LAPTOP }));
    syncDocs(ana, ben);
    for (const doc of [ana, ben]) {
      // Ben's record for epoch 1 and Ana's own for epoch 2 stay.
      expect(listRotations(doc)).toEqual([fromBen, rotation({ epoch: 2 })]);
      expect(findRotation(doc, 1)).toEqual(fromBen);
    }
  });

  it('answers ok when there is nothing to withdraw', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    expectOk(retractRotation(doc, { epoch: 1, byDeviceId: TABLET }));
    expectOk(retractRotation(doc, { epoch: 5, byDeviceId: LAPTOP }));
    expect(listRotations(doc)).toEqual([rotation()]);
  });
});
