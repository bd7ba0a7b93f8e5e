import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DEVICES_ROOT,
  findDevice,
  isKeyText,
  isSignatureText,
  listDevices,
  markDeviceRemoved,
  registerDevice,
  touchDevice,
  type DeviceEntry,
} from '$lib/workspace';
import { expectError, expectOk, forkDoc, newDoc, syncDocs } from '../support/pairDoc';
import { keyText, minute, signatureText } from './ids';

const ANA = keyText(1);
const BEN = keyText(2);
const LAPTOP = keyText(11);
const PHONE = keyText(12);

function laptop(overrides: Partial<DeviceEntry> = {}): Omit<DeviceEntry, 'removedAt'> {
  return {
    deviceId: LAPTOP,
    personId: ANA,
    name: 'Laptop',
    boxPublicKey: keyText(21),
    certificate: signatureText(31),
    addedAt: minute(0),
    lastSeenAt: minute(0),
    ...overrides,
  };
}

describe('key and signature text', () => {
  it('accepts canonical base64url of 32 and 64 bytes only', () => {
    expect(isKeyText(keyText(255))).toBe(true);
    expect(isSignatureText(signatureText(255))).toBe(true);
    expect(isKeyText(keyText(1).slice(0, 42))).toBe(false);
    expect(isKeyText(`${keyText(1)}A`)).toBe(false);
    // Same first 42 characters, but the last one sets bits past the 32nd byte.
    expect(isKeyText(`${keyText(0).slice(0, 42)}B`)).toBe(false);
    expect(isKeyText(`${keyText(0).slice(0, 42)}=`)).toBe(false);
    expect(isSignatureText(`${signatureText(0).slice(0, 85)}B`)).toBe(false);
    expect(isKeyText(signatureText(1))).toBe(false);
    expect(isKeyText(42)).toBe(false);
  });
});

describe('registerDevice', () => {
  it('creates an entry that reads back whole', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    expect(findDevice(doc, LAPTOP)).toEqual(laptop());
    expect(listDevices(doc)).toEqual([laptop()]);
  });

  it('works on a doc with no workspace yet (a joiner before its first sync)', () => {
    expectOk(registerDevice(newDoc(1), laptop()));
  });

  it('refreshes name, keys and lastSeenAt but keeps addedAt', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    const refreshed = laptop({
      name: 'Work laptop',
      boxPublicKey: keyText(22),
      certificate: signatureText(32),
      addedAt: minute(50),
      lastSeenAt: minute(50),
    });
    expectOk(registerDevice(doc, refreshed));
    expect(findDevice(doc, LAPTOP)).toEqual({ ...refreshed, addedAt: minute(0) });
  });

  it('does not move lastSeenAt backwards on refresh', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop({ lastSeenAt: minute(30) })));
    expectOk(registerDevice(doc, laptop({ lastSeenAt: minute(10) })));
    expect(findDevice(doc, LAPTOP)?.lastSeenAt).toBe(minute(30));
  });

  it('stores instants in normalised form', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop({ addedAt: '2025-01-06T09:00Z' })));
    expect(findDevice(doc, LAPTOP)?.addedAt).toBe('2025-01-06T09:00:00.000Z');
  });

  it('never clears removedAt: a removed device stays removed', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    expectOk(markDeviceRemoved(doc, { deviceId: LAPTOP, at: minute(5) }));
    expectError(registerDevice(doc, laptop({ name: 'Back again' })), 'DEVICE_REMOVED');
    expect(findDevice(doc, LAPTOP)).toMatchObject({ name: 'Laptop', removedAt: minute(5) });
  });

  it('refuses to move a device to another person', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    expectError(registerDevice(doc, laptop({ personId: BEN })), 'NOT_ALLOWED', 'personId');
    expect(findDevice(doc, LAPTOP)?.personId).toBe(ANA);
  });

  it.each([
    ['deviceId', { deviceId: 'laptop' }, 'INVALID_VALUE'],
    ['personId', { personId: 'p-ana' }, 'INVALID_VALUE'],
    ['name', { name: '  ' }, 'TITLE_REQUIRED'],
    ['name', { name: 'x'.repeat(201) }, 'TEXT_TOO_LONG'],
    ['boxPublicKey', { boxPublicKey: signatureText(1) }, 'INVALID_VALUE'],
    ['certificate', { certificate: keyText(1) }, 'INVALID_VALUE'],
    ['addedAt', { addedAt: 'yesterday' }, 'INVALID_INSTANT'],
    ['lastSeenAt', { lastSeenAt: '2025-01-06T09:00:00+01:00' }, 'INVALID_INSTANT'],
  ] as const)('refuses a bad %s', (field, overrides, code) => {
    const doc = newDoc(1);
    expectError(registerDevice(doc, laptop(overrides)), code, field);
    expect(listDevices(doc)).toEqual([]);
  });
});

describe('touchDevice', () => {
  it('moves lastSeenAt forward only', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    expectOk(touchDevice(doc, { deviceId: LAPTOP, at: minute(20) }));
    expect(findDevice(doc, LAPTOP)?.lastSeenAt).toBe(minute(20));
    expectOk(touchDevice(doc, { deviceId: LAPTOP, at: minute(10) }));
    expect(findDevice(doc, LAPTOP)?.lastSeenAt).toBe(minute(20));
  });

  it('writes nothing when the time does not move', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    const before = Y.encodeStateVector(doc);
    expectOk(touchDevice(doc, { deviceId: LAPTOP, at: minute(0) }));
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('answers NOT_FOUND, DEVICE_REMOVED and INVALID_INSTANT', () => {
    const doc = newDoc(1);
    expectError(touchDevice(doc, { deviceId: LAPTOP, at: minute(1) }), 'NOT_FOUND', 'deviceId');
    expectOk(registerDevice(doc, laptop()));
    expectError(touchDevice(doc, { deviceId: LAPTOP, at: 'now' }), 'INVALID_INSTANT', 'at');
    expectOk(markDeviceRemoved(doc, { deviceId: LAPTOP, at: minute(2) }));
    expectError(touchDevice(doc, { deviceId: LAPTOP, at: minute(3) }), 'DEVICE_REMOVED');
  });
});

describe('markDeviceRemoved', () => {
  it('keeps the first removal time', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    expectOk(markDeviceRemoved(doc, { deviceId: LAPTOP, at: minute(5) }));
    expectOk(markDeviceRemoved(doc, { deviceId: LAPTOP, at: minute(9) }));
    expect(findDevice(doc, LAPTOP)?.removedAt).toBe(minute(5));
  });

  it('answers NOT_FOUND and INVALID_INSTANT', () => {
    const doc = newDoc(1);
    expectError(markDeviceRemoved(doc, { deviceId: LAPTOP, at: minute(1) }), 'NOT_FOUND');
    expectOk(registerDevice(doc, laptop()));
    expectError(markDeviceRemoved(doc, { deviceId: LAPTOP, at: '' }), 'INVALID_INSTANT', 'at');
    expect(findDevice(doc, LAPTOP)?.removedAt).toBeUndefined();
  });

  it('wins over a concurrent refresh by the removed device', () => {
    const ana = newDoc(1);
    expectOk(registerDevice(ana, laptop()));
    const ben = forkDoc(ana, 2);
    expectOk(markDeviceRemoved(ben, { deviceId: LAPTOP, at: minute(5) }));
    expectOk(registerDevice(ana, laptop({ name: 'Renamed', lastSeenAt: minute(6) })));
    syncDocs(ana, ben);
    for (const doc of [ana, ben]) {
      expect(findDevice(doc, LAPTOP)).toMatchObject({ removedAt: minute(5), name: 'Renamed' });
    }
  });
});

describe('listDevices', () => {
  it('sorts by addedAt, then id', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop({ addedAt: minute(9) })));
    expectOk(registerDevice(doc, laptop({ deviceId: PHONE, addedAt: minute(1), name: 'Phone' })));
    expectOk(registerDevice(doc, laptop({ deviceId: keyText(3), addedAt: minute(1), name: 'B' })));
    expect(listDevices(doc).map((device) => device.deviceId)).toEqual([keyText(3), PHONE, LAPTOP]);
  });

  it('merges registrations made on two devices while apart', () => {
    const ana = newDoc(1);
    const ben = newDoc(2);
    expectOk(registerDevice(ana, laptop()));
    expectOk(registerDevice(ben, laptop({ deviceId: PHONE, personId: BEN, addedAt: minute(1) })));
    syncDocs(ana, ben);
    expect(listDevices(ana)).toEqual(listDevices(ben));
    expect(listDevices(ana).map((device) => device.personId)).toEqual([ANA, BEN]);
  });

  it('skips malformed entries written by a hostile partner', () => {
    const doc = newDoc(1);
    expectOk(registerDevice(doc, laptop()));
    const devices = doc.getMap<unknown>(DEVICES_ROOT);
    const bad = (id: string, overrides: Record<string, unknown>, omit?: string) => {
      const map = new Y.Map<unknown>();
      devices.set(id, map);
      for (const [key, value] of Object.entries({ ...laptop({ deviceId: id }), ...overrides })) {
        if (key !== 'deviceId' && key !== omit) map.set(key, value);
      }
    };
    bad(keyText(40), { personId: 42 });
    bad(keyText(41), { name: ['Laptop'] });
    bad(keyText(42), { name: 'x'.repeat(201) });
    bad(keyText(43), { boxPublicKey: 'short' });
    bad(keyText(44), { certificate: signatureText(1).slice(1) });
    bad(keyText(45), { addedAt: 1736154000000 });
    bad(keyText(46), {}, 'lastSeenAt');
    bad(keyText(47), { removedAt: 'soon' });
    bad('not-a-key', {});
    devices.set(keyText(48), 'not a map');
    devices.set(keyText(49), { ...laptop() });
    expect(listDevices(doc)).toEqual([laptop()]);
    expect(findDevice(doc, keyText(47))).toBeUndefined();
    expect(findDevice(doc, keyText(48))).toBeUndefined();
    // A malformed removedAt still keeps that device out of registration.
    expectError(registerDevice(doc, laptop({ deviceId: keyText(47) })), 'DEVICE_REMOVED');
  });
});
