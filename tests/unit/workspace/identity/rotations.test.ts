import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  findRotation,
  listRotations,
  recordRotation,
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

describe('recordRotation', () => {
  it('records a rotation that reads back whole', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    expect(findRotation(doc, 1)).toEqual(rotation());
    expect(findRotation(doc, 2)).toBeUndefined();
  });

  it('refuses a second record for the same epoch: the first writer wins', () => {
    const doc = newDoc(1);
    expectOk(recordRotation(doc, rotation()));
    expectError(
      recordRotation(doc, rotation({ byDeviceId: BEN_LAPTOP, reason: 'person-left' })),
      'EPOCH_TAKEN',
      'epoch',
    );
    expect(findRotation(doc, 1)?.byDeviceId).toBe(LAPTOP);
  });

  it('replaces a malformed record squatting on the epoch', () => {
    const doc = newDoc(1);
    const squat = new Y.Map<unknown>();
    doc.getMap<unknown>(ROTATIONS_ROOT).set('1', squat);
    squat.set('epoch', 1);
    expectOk(recordRotation(doc, rotation()));
    expect(findRotation(doc, 1)).toEqual(rotation());
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

  it('refuses a doc from a newer schema', () => {
    const doc = newDoc(1);
    doc.getMap('meta').set('schemaVersion', 99);
    expectError(recordRotation(doc, rotation()), 'NEWER_SCHEMA');
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
    bad('2', { epoch: '2' });
    bad('3', { epoch: 4 }); // filed under another epoch
    bad('5', { epoch: 5, byDeviceId: null });
    bad('6', { epoch: 6, reason: 42 });
    bad('7', { epoch: 7, removedDeviceIds: PHONE });
    bad('8', { epoch: 8, envelopes: [envelopeText(1)] });
    bad('9', { epoch: 9, envelopes: { [LAPTOP]: 7 } });
    bad('11', { epoch: 11, at: '2025-13-40T99:00Z' });
    bad('12', { epoch: 12, envelopes: null });
    bad('13', {
      epoch: 13,
      envelopes: Object.fromEntries(
        Array.from({ length: 65 }, (_, index) => [keyText(index + 100), envelopeText(1)]),
      ),
    });
    rotations.set('14', { ...rotation({ epoch: 14 }) });
    expect(listRotations(doc)).toEqual([rotation()]);
    for (const epoch of [2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]) {
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
  it('two devices rotating to the same epoch while apart converge on one whole record', () => {
    const ana = newDoc(1);
    const ben = forkDoc(ana, 2);
    const fromAna = rotation();
    const fromBen = rotation({
      byDeviceId: BEN_LAPTOP,
      at: minute(11),
      reason: 'person-left',
      removedDeviceIds: [LAPTOP, PHONE],
      envelopes: { [BEN_LAPTOP]: envelopeText(9) },
    });
    expectOk(recordRotation(ana, fromAna));
    expectOk(recordRotation(ben, fromBen));
    syncDocs(ana, ben);
    const winner = findRotation(ana, 1);
    expect(findRotation(ben, 1)).toEqual(winner);
    // All or nothing: never Ana's envelopes with Ben's removals.
    expect([fromAna, fromBen]).toContainEqual(winner);
    expect(listRotations(ana)).toHaveLength(1);
    // The loser sees the epoch taken.
    const loser = winner?.byDeviceId === LAPTOP ? ben : ana;
    expectError(recordRotation(loser, rotation({ at: minute(12) })), 'EPOCH_TAKEN');
  });

  it('converges whichever order the updates arrive in', () => {
    const records = [
      rotation(),
      rotation({ byDeviceId: BEN_LAPTOP, envelopes: { [BEN_LAPTOP]: envelopeText(5) } }),
      rotation({ byDeviceId: TABLET, envelopes: { [TABLET]: envelopeText(6) } }),
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
      [1, 0, 2, 1],
    ];
    const results = orders.map((order) => {
      const doc = newDoc(100);
      for (const index of order) Y.applyUpdate(doc, updates[index]!);
      return findRotation(doc, 1);
    });
    expect(results[0]).toBeDefined();
    for (const result of results) expect(result).toEqual(results[0]);
  });
});
