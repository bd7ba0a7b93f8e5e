// Per device, the highest contiguous seq applied, and the verified blobs that arrived ahead of
// a gap. Held blobs are NOT applied until the gap closes, for three reasons:
//  - Yjs would park them anyway: a device's updates continue one client's clock, so an update
//    after a missing one stays in Yjs's pending structs until the missing one arrives;
//  - what is applied is then exactly a contiguous prefix per device, so one number per device
//    describes the inner doc (the snapshot manifest and the cache's seq vector are exact);
//  - the gap stays visible ("missing updates from device X, seq a–b") until the blob, its
//    republication, or a snapshot covering it arrives, instead of being silently skipped.
//
// Two numbers per device: `contiguous`, how far the inner doc holds the device's blobs (its own
// blobs, or a snapshot's manifest saying so), and `confirmed` (≤ contiguous), how far the device
// itself vouched for it: its blobs applied here in order, or its own snapshot. A manifest is
// another member's word about someone else, so it raises only `contiguous`: a blob between the
// two is `claimed`, and the engine checks its content instead of dropping it (a lying manifest
// must not make a real edit disappear).
import type { DeviceId } from '$lib/crypto';

/** A run of seqs of one device that was skipped by blobs that did arrive. */
export interface SeqGap {
  deviceId: DeviceId;
  fromSeq: number;
  toSeq: number;
}

/** Where a seq falls for its device. */
export type SeqPlace = 'duplicate' | 'claimed' | 'next' | 'ahead';

/** See `createSeqTracker`. */
export interface SeqTracker<Held> {
  contiguous(deviceId: DeviceId): number;
  /** How far the device itself vouched for what `contiguous` covers. */
  confirmed(deviceId: DeviceId): number;
  /**
   * `duplicate`: confirmed or held already; `claimed`: covered only by another member's
   * manifest; `next`: contiguous + 1; `ahead`: past a gap.
   */
  place(deviceId: DeviceId, seq: number): SeqPlace;
  hold(deviceId: DeviceId, seq: number, held: Held): void;
  /**
   * Marks the device's own blob `seq` applied; only forward. It confirms `seq` when it follows
   * the confirmed ones, or always when `vouched` (the device's own snapshot covering its earlier
   * seqs). Held blobs at or below it are dropped and returned.
   */
  raiseTo(deviceId: DeviceId, seq: number, options?: { vouched?: boolean }): Held[];
  /**
   * Another member's manifest covers the device up to `seq`: raises `contiguous` only, and
   * returns the held blobs it covers, for the caller to check by content (never dropped).
   */
  claimTo(deviceId: DeviceId, seq: number): Held[];
  /** Removes and returns the held blob at contiguous + 1, if any. */
  takeNext(deviceId: DeviceId): Held | undefined;
  /** Devices that have held blobs. */
  devicesWithHeld(): DeviceId[];
  heldCount(): number;
  /** The contiguous seq of every device seen. */
  vector(): Map<DeviceId, number>;
  /** The confirmed seq of every device seen. */
  confirmedVector(): Map<DeviceId, number>;
  gaps(): SeqGap[];
}

/**
 * A tracker starting from `initial` contiguous seqs (from the inner-doc cache) and
 * `initialConfirmed` (the same when absent: rows from before claims were told apart).
 *
 * @example
 *   const tracker = createSeqTracker<Opened>(cache.contiguous, cache.confirmed);
 *   if (tracker.place(device, 5) === 'ahead') tracker.hold(device, 5, opened);
 */
export function createSeqTracker<Held>(
  initial: ReadonlyMap<DeviceId, number> = new Map(),
  initialConfirmed: ReadonlyMap<DeviceId, number> = initial,
): SeqTracker<Held> {
  const contiguous = new Map(initial);
  const confirmed = new Map<DeviceId, number>();
  for (const [deviceId, seq] of initialConfirmed) {
    confirmed.set(deviceId, Math.min(seq, contiguous.get(deviceId) ?? 0));
  }
  const held = new Map<DeviceId, Map<number, Held>>();
  const current = (deviceId: DeviceId) => contiguous.get(deviceId) ?? 0;
  const vouched = (deviceId: DeviceId) => confirmed.get(deviceId) ?? 0;
  const takeHeldUpTo = (deviceId: DeviceId, seq: number) => {
    const byDevice = held.get(deviceId);
    const taken: Held[] = [];
    for (const [heldSeq, blob] of byDevice ?? []) {
      if (heldSeq > seq) continue;
      taken.push(blob);
      byDevice?.delete(heldSeq);
    }
    if (byDevice?.size === 0) held.delete(deviceId);
    return taken;
  };

  return {
    contiguous: current,
    confirmed: vouched,
    place(deviceId, seq) {
      if (seq <= vouched(deviceId) || held.get(deviceId)?.has(seq)) return 'duplicate';
      if (seq <= current(deviceId)) return 'claimed';
      return seq === current(deviceId) + 1 ? 'next' : 'ahead';
    },
    hold(deviceId, seq, blob) {
      const byDevice = held.get(deviceId) ?? new Map<number, Held>();
      byDevice.set(seq, blob);
      held.set(deviceId, byDevice);
    },
    raiseTo(deviceId, seq, options = {}) {
      if (options.vouched || seq === vouched(deviceId) + 1) {
        confirmed.set(deviceId, Math.max(seq, vouched(deviceId)));
      }
      if (seq <= current(deviceId)) return [];
      contiguous.set(deviceId, seq);
      return takeHeldUpTo(deviceId, seq);
    },
    claimTo(deviceId, seq) {
      if (seq <= current(deviceId)) return [];
      contiguous.set(deviceId, seq);
      return takeHeldUpTo(deviceId, seq);
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
    confirmedVector: () => new Map(confirmed),
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
