// Per device, the highest contiguous seq applied, and the verified blobs that arrived ahead of
// a gap. Held blobs are NOT applied until the gap closes, for three reasons:
//  - Yjs would park them anyway: a device's updates continue one client's clock, so an update
//    after a missing one stays in Yjs's pending structs until the missing one arrives;
//  - what is applied is then exactly a contiguous prefix per device, so one number per device
//    describes the inner doc (the snapshot manifest and the cache's seq vector are exact);
//  - the gap stays visible ("missing updates from device X, seq a–b") until the blob, its
//    republication, or a snapshot covering it arrives, instead of being silently skipped.
import type { DeviceId } from '$lib/crypto';

/** A run of seqs of one device that was skipped by blobs that did arrive. */
export interface SeqGap {
  deviceId: DeviceId;
  fromSeq: number;
  toSeq: number;
}

/** Where a seq falls for its device. */
export type SeqPlace = 'duplicate' | 'next' | 'ahead';

/** See `createSeqTracker`. */
export interface SeqTracker<Held> {
  contiguous(deviceId: DeviceId): number;
  /** `duplicate`: applied or held already; `next`: contiguous + 1; `ahead`: past a gap. */
  place(deviceId: DeviceId, seq: number): SeqPlace;
  hold(deviceId: DeviceId, seq: number, held: Held): void;
  /** Marks `seq` applied; only forward. Held blobs at or below it are dropped and returned. */
  raiseTo(deviceId: DeviceId, seq: number): Held[];
  /** Removes and returns the held blob at contiguous + 1, if any. */
  takeNext(deviceId: DeviceId): Held | undefined;
  /** Devices that have held blobs. */
  devicesWithHeld(): DeviceId[];
  heldCount(): number;
  /** The contiguous seq of every device seen. */
  vector(): Map<DeviceId, number>;
  gaps(): SeqGap[];
}

/**
 * A tracker starting from `initial` contiguous seqs (from the inner-doc cache).
 *
 * @example
 *   const tracker = createSeqTracker<Opened>(cache.contiguous);
 *   if (tracker.place(device, 5) === 'ahead') tracker.hold(device, 5, opened);
 */
export function createSeqTracker<Held>(
  initial: ReadonlyMap<DeviceId, number> = new Map(),
): SeqTracker<Held> {
  const contiguous = new Map(initial);
  const held = new Map<DeviceId, Map<number, Held>>();
  const current = (deviceId: DeviceId) => contiguous.get(deviceId) ?? 0;

  return {
    contiguous: current,
    place(deviceId, seq) {
      if (seq <= current(deviceId) || held.get(deviceId)?.has(seq)) return 'duplicate';
      return seq === current(deviceId) + 1 ? 'next' : 'ahead';
    },
    hold(deviceId, seq, blob) {
      const byDevice = held.get(deviceId) ?? new Map<number, Held>();
      byDevice.set(seq, blob);
      held.set(deviceId, byDevice);
    },
    raiseTo(deviceId, seq) {
      if (seq <= current(deviceId)) return [];
      contiguous.set(deviceId, seq);
      const byDevice = held.get(deviceId);
      const dropped: Held[] = [];
      for (const [heldSeq, blob] of byDevice ?? []) {
        if (heldSeq > seq) continue;
        dropped.push(blob);
        byDevice?.delete(heldSeq);
      }
      if (byDevice?.size === 0) held.delete(deviceId);
      return dropped;
    },
    takeNext(deviceId) {
      const byDevice = held.get(deviceId);
      const next = current(deviceId) + 1;
      const blob = byDevice?.get(next);
      if (!byDevice || blob === undefined) return undefined;
      byDevice.delete(next);
      if (byDevice.size === 0) held.delete(deviceId);
      return blob;
    },
    devicesWithHeld: () => [...held.keys()],
    heldCount: () => [...held.values()].reduce((total, byDevice) => total + byDevice.size, 0),
    vector: () => new Map(contiguous),
    gaps() {
      const gaps: SeqGap[] = [];
      for (const [deviceId, byDevice] of held) {
        let expected = current(deviceId) + 1;
        for (const seq of [...byDevice.keys()].sort((a, b) => a - b)) {
          if (seq > expected) gaps.push({ deviceId, fromSeq: expected, toSeq: seq - 1 });
          expected = seq + 1;
        }
      }
      return gaps;
    },
  };
}
