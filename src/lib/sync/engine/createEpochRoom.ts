import * as Y from 'yjs';
import { deriveRelayToken, deriveRoomId, type DeviceId, type WorkspaceKey } from '$lib/crypto';
import { getOuterLog } from '../envelope/outerLog';
import { createSeqTracker } from '../receiver/seqTracker';
import type { EpochRoom, OpenedBlob } from './engineContext';

/**
 * A fresh, empty room for `epoch`: a new outer doc, the room id and relay token derived from
 * the epoch key, and a seq tracker starting from `contiguous` (the cache's vector, or empty).
 *
 * @example
 *   ctx.room = createEpochRoom({ epoch: 3, key, contiguous: new Map() });
 */
export function createEpochRoom(input: {
  epoch: number;
  key: WorkspaceKey;
  contiguous: ReadonlyMap<DeviceId, number>;
}): EpochRoom {
  // gc: deleted blobs shrink to a few bytes of tombstone each (epoch rollover sheds even those).
  const outerDoc = new Y.Doc({ gc: true });
  return {
    epoch: input.epoch,
    key: input.key,
    roomId: deriveRoomId(input.key),
    relayToken: deriveRelayToken(input.key),
    outerDoc,
    log: getOuterLog(outerDoc),
    tracker: createSeqTracker<OpenedBlob>(input.contiguous),
    verified: new WeakSet(),
    ownBlobs: new Map(),
    ownCoveredUpTo: 0,
    unsavedOuter: [],
    storedOuterRows: 0,
    unsent: 0,
  };
}
