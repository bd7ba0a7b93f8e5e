import { describe, expect, it } from 'vitest';
import { formatPairingCode } from '$lib/ui/devices/formatPairingCode';
import { formatRelativeTime } from '$lib/ui/devices/formatRelativeTime';
import { groupDevicesByPerson, type DeviceRow } from '$lib/ui/devices/groupDevicesByPerson';

const NOW = new Date('2025-03-14T12:00:00.000Z');

describe('formatRelativeTime', () => {
  it('says how long ago, in whole units', () => {
    expect(formatRelativeTime('2025-03-14T10:00:00.000Z', NOW)).toBe('2 hours ago');
    expect(formatRelativeTime('2025-03-14T10:30:00.000Z', NOW)).toBe('1 hour ago');
    expect(formatRelativeTime('2025-03-14T11:55:00.000Z', NOW)).toBe('5 minutes ago');
    expect(formatRelativeTime('2025-03-13T12:00:00.000Z', NOW)).toBe('yesterday');
    expect(formatRelativeTime('2025-02-28T12:00:00.000Z', NOW)).toBe('2 weeks ago');
    expect(formatRelativeTime('2024-03-01T12:00:00.000Z', NOW)).toBe('last year');
  });

  it('says how soon, for an expiry', () => {
    expect(formatRelativeTime('2025-03-17T12:00:00.000Z', NOW)).toBe('in 3 days');
  });

  it('reads clock skew of under a minute either way as just now', () => {
    expect(formatRelativeTime('2025-03-14T11:59:30.000Z', NOW)).toBe('just now');
    expect(formatRelativeTime('2025-03-14T12:00:40.000Z', NOW)).toBe('just now');
  });

  it('answers undefined for an instant that does not parse', () => {
    expect(formatRelativeTime('not a date', NOW)).toBeUndefined();
    expect(formatRelativeTime('2025-03-14T10:00:00.000Z', new Date(Number.NaN))).toBeUndefined();
  });
});

describe('formatPairingCode', () => {
  it('groups digits in threes, whatever spacing they came with', () => {
    expect(formatPairingCode('123456')).toBe('123 456');
    expect(formatPairingCode(' 12 3456 ')).toBe('123 456');
    expect(formatPairingCode('1234567')).toBe('123 456 7');
  });

  it('shows anything but digits as given, never "fixed" into a code', () => {
    expect(formatPairingCode('12a456')).toBe('12a456');
    expect(formatPairingCode('')).toBe('');
  });
});

describe('groupDevicesByPerson', () => {
  const device = (patch: Partial<DeviceRow> & Pick<DeviceRow, 'deviceId'>): DeviceRow => ({
    name: patch.deviceId,
    personName: 'Ana',
    isThisDevice: false,
    lastSeenAt: '2025-03-14T10:00:00.000Z',
    certified: true,
    removed: false,
    ...patch,
  });

  it('puts the person holding this device first, this device at the top', () => {
    const groups = groupDevicesByPerson([
      device({ deviceId: 'ben-phone', personName: 'Ben' }),
      device({ deviceId: 'ana-phone', lastSeenAt: '2025-03-14T11:00:00.000Z' }),
      device({ deviceId: 'ana-laptop', isThisDevice: true, lastSeenAt: '2025-03-01T00:00:00Z' }),
    ]);
    expect(groups.map((group) => group.personName)).toEqual(['Ana', 'Ben']);
    expect(groups[0]?.devices.map((row) => row.deviceId)).toEqual(['ana-laptop', 'ana-phone']);
  });

  it('orders the other devices by last seen, removed ones last', () => {
    const [ana] = groupDevicesByPerson([
      device({ deviceId: 'old', lastSeenAt: '2025-03-01T00:00:00.000Z' }),
      device({ deviceId: 'lost', removed: true, lastSeenAt: '2025-03-14T11:59:00.000Z' }),
      device({ deviceId: 'new', lastSeenAt: '2025-03-14T11:00:00.000Z' }),
    ]);
    expect(ana?.devices.map((row) => row.deviceId)).toEqual(['new', 'old', 'lost']);
  });

  it('keeps two people of the same name apart when their ids are given', () => {
    const groups = groupDevicesByPerson([
      device({ deviceId: 'a', personName: 'Sam', personId: 'p1' }),
      device({ deviceId: 'b', personName: 'Sam', personId: 'p2' }),
    ]);
    expect(groups).toHaveLength(2);
    expect(groupDevicesByPerson([])).toEqual([]);
  });
});
