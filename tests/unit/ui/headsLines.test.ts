import { describe, expect, it } from 'vitest';
import type { DeviceId } from '$lib/crypto';
import { deviceLabel, headsLine, rollbackLine } from '$lib/ui/shell/headsLines';

const NOW = new Date('2025-03-14T12:00:00.000Z');
const twoMinutesAgo = NOW.getTime() - 2 * 60_000;
const devices = [
  { deviceId: 'sam-phone', name: 'phone', personName: 'Sam', mine: false },
  { deviceId: 'my-laptop', name: 'laptop', personName: 'Ada', mine: true },
];

describe('device labels', () => {
  it("name a partner's device by its person, one's own as yours, and an unknown one by its id", () => {
    expect(deviceLabel('sam-phone', devices)).toBe("Sam's phone");
    expect(deviceLabel('my-laptop', devices)).toBe('Your laptop');
    expect(deviceLabel('abcdefghijklmnop', devices)).toBe('Device abcdefgh');
  });
});

describe('heads lines', () => {
  it('say whether the device had all my changes, or how many it lacked, and when', () => {
    const label = "Sam's phone";
    expect(headsLine({ deviceId: 'sam-phone', missing: 0, at: twoMinutesAgo }, label, NOW)).toBe(
      "Sam's phone had all your changes 2 minutes ago",
    );
    expect(headsLine({ deviceId: 'sam-phone', missing: 1, at: twoMinutesAgo }, label, NOW)).toBe(
      "Sam's phone was missing your last change 2 minutes ago",
    );
    expect(headsLine({ deviceId: 'sam-phone', missing: 3, at: NOW.getTime() }, label, NOW)).toBe(
      "Sam's phone was missing your last 3 changes just now",
    );
  });

  it('word each kind of rollback warning differently, naming the device', () => {
    const lines = (['went-back', 'ahead-of-me', 'newer-epoch'] as const).map((kind) =>
      rollbackLine({ deviceId: 'sam-phone' as DeviceId, kind }, "Sam's phone"),
    );
    expect(new Set(lines).size).toBe(3);
    for (const line of lines) expect(line.startsWith("Sam's phone ")).toBe(true);
    expect(lines[2]).toContain('newer key');
  });
});
