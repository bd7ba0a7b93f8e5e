import * as Y from 'yjs';
import { deriveRelayToken, deriveRoomId, type DeviceId, type WorkspaceKey } from '$lib/crypto';
import { getOuterLog } from '../envelope/outerLog';
import { createSeqTracker } from '../receiver/seqTracker';
import type { EpochRoom, OpenedBlob } from './engineContext';

/**
 * A fresh, empty room for `epoch`: a new outer doc, the room id and relay token derived from
 * the epoch key, a seq tracker starting from `contiguous` (the cache's vector, or empty) and
 * the own coverage the cache recorded (`ownCovered`, or 0).
 *
 * @example
 *   ctx.room = createEpochRoom({ epoch: 3, key, contiguous: new Map() });
 */
export function createEpochRoom(input: {
  epoch: number;
  key: WorkspaceKey;
  contiguous: ReadonlyMap<DeviceId, number>;
  /** How far each device vouched for `contiguous` itself (absent: all of it). */
  confirmed?: ReadonlyMap<DeviceId, number>;
  ownCovered?: number;
}): EpochRoom {
  // gc: deleted blobs shrink to a few bytes of tombstone each (epoch rollover sheds even those).
  const outerDoc = new Y.Doc({ gc: true });
  const tracker = createSeqTracker<OpenedBlob>(input.contiguous, input.confirmed);
  return {
    epoch: input.epoch,
    key: input.key,
    roomId: deriveRoomId(input.key),
    relayToken: deriveRelayToken(input.key),
    outerDoc,
    log: getOuterLog(outerDoc),
    tracker,
    claims: new Map(),
    verified: new WeakSet(),
    ownBlobs: new Map(),
    ownCoveredUpTo: input.ownCovered ?? 0,
    unsavedOuter: [],
    storedOuterRows: 0,
    unsent: 0,
    damaged: new Map(),
    foldOuter: false,
    wake: () => {},
    // The cache row's vector is stored: it is what the store holds.
    storedConfirmed: tracker.confirmedVector(),
    heard: new Map(),
    rollback: [],
  };
}
