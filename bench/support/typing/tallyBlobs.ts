// What the blobs of a wire-bytes run were: each distinct blob (device and seq) that reached the
// writer's outer doc, by kind, opened with the workspace key to see how much of it is padding.
import type * as Y from 'yjs';
import { getOuterLog } from '$lib/sync';
import { openBlob, readBlobHeader, type BlobKind } from '$lib/sync/blob';
import type { BenchWorkspace } from '../benchDevice';

/** Sizes of the distinct blobs published during the run, by kind. */
export interface BlobTally {
  updates: number;
  updateBytes: number;
  /** The update blobs' plaintext before padding (the Yjs update and its incarnations). */
  updatePlaintextBytes: number;
  snapshots: number;
  snapshotBytes: number;
  snapshotPlaintextBytes: number;
}

/**
 * Starts counting the distinct blobs that reach `outerDoc`'s log; `tally()` reads the counts.
 *
 * @example
 *   const blobs = tallyBlobs(writer.engine.room().doc, workspace);
 *   blobs.tally().updates;
 */
export function tallyBlobs(outerDoc: Y.Doc, workspace: BenchWorkspace): { tally(): BlobTally } {
  const members = new Set(workspace.members.map((member) => member.deviceId));
  const seen = new Map<string, { kind: BlobKind; bytes: number; plaintext: number }>();
  getOuterLog(outerDoc).observe((event) => {
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent() as unknown[]) {
        const read = readBlobHeader(entry);
        if (!read.ok || !(entry instanceof Uint8Array)) continue;
        const { deviceId, seq, kind } = read.header;
        const opened = openBlob({
          blob: entry,
          workspaceId: workspace.workspaceId,
          keyForEpoch: (epoch) => (epoch === 0 ? workspace.key : undefined),
          isKnownDevice: (device) => members.has(device),
        });
        const plaintext = opened.ok ? opened.payload.byteLength : 0;
        seen.set(`${deviceId}/${seq}`, { kind, bytes: entry.byteLength, plaintext });
      }
    }
  });
  return {
    tally() {
      const tally: BlobTally = {
        updates: 0,
        updateBytes: 0,
        updatePlaintextBytes: 0,
        snapshots: 0,
        snapshotBytes: 0,
        snapshotPlaintextBytes: 0,
      };
      for (const { kind, bytes, plaintext } of seen.values()) {
        if (kind === 'snapshot') {
          tally.snapshots += 1;
          tally.snapshotBytes += bytes;
          tally.snapshotPlaintextBytes += plaintext;
        } else {
          tally.updates += 1;
          tally.updateBytes += bytes;
          tally.updatePlaintextBytes += plaintext;
        }
      }
      return tally;
    },
  };
}
