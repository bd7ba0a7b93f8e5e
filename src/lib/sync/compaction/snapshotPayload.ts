// The plaintext of a snapshot blob: the inner doc's whole state and a manifest of the highest
// contiguous seq per device that state covers. It is inside the sealed, signed blob, so the
// manifest is authenticated by the compacting device; receivers use it to drop (as covered)
// blobs the compaction deleted, and to close seq gaps those deletions would otherwise open.
// From FORMAT 2 it also carries the sender's head vector (see heads/headVector.ts); unlike the
// manifest (the state's contiguous seqs, claims included) the vector gives only what the sender
// applied in order, and its own entry is the snapshot's seq, not seq − 1.
import * as encoding from 'lib0/encoding';
import { publicKeyOfDevice, type DeviceId } from '$lib/crypto';
import { createByteReader } from '../binary/byteReader';
import { readFormatAndHeads, writeFormatAndHeads, type HeadVector } from '../heads/headVector';

/** The decoded plaintext of a snapshot blob. */
export interface SnapshotPayload {
  /** Per device, every blob with seq ≤ this is folded into `state`. */
  manifest: Map<DeviceId, number>;
  /** `Y.encodeStateAsUpdate(innerDoc)`. */
  state: Uint8Array;
  /** What the sender had applied when it sealed this; absent in FORMAT-1 (pre-release) blobs. */
  heads?: HeadVector;
}

/** A pair has two people with a few devices each; thousands of entries is not a snapshot. */
const MAX_MANIFEST_ENTRIES = 1024;

/**
 * Encodes a snapshot blob's plaintext (always FORMAT 2, with the head vector).
 *
 * @example
 *   const payload = encodeSnapshotPayload({ manifest: tracker.vector(), state, heads });
 */
export function encodeSnapshotPayload(snapshot: Required<SnapshotPayload>): Uint8Array {
  const encoder = encoding.createEncoder();
  writeFormatAndHeads(encoder, snapshot.heads);
  encoding.writeVarUint(encoder, snapshot.manifest.size);
  for (const [deviceId, seq] of snapshot.manifest) {
    encoding.writeVarString(encoder, deviceId);
    encoding.writeVarUint(encoder, seq);
  }
  encoding.writeVarUint8Array(encoder, snapshot.state);
  return encoding.toUint8Array(encoder);
}

/**
 * Parses a snapshot blob's (decrypted, still untrusted) plaintext, FORMAT 1 or 2.
 *
 * @example
 *   const decoded = decodeSnapshotPayload(opened.payload);
 *   if (decoded.ok) Y.applyUpdate(inner, decoded.snapshot.state, REMOTE_ORIGIN);
 */
export function decodeSnapshotPayload(
  bytes: Uint8Array,
): { ok: true; snapshot: SnapshotPayload } | { ok: false; code: 'BAD_UPDATE' } {
  const bad = { ok: false, code: 'BAD_UPDATE' } as const;
  const reader = createByteReader(bytes);
  const heads = readFormatAndHeads(reader);
  if (!heads) return bad;
  const count = reader.varUint();
  if (count === undefined || count > MAX_MANIFEST_ENTRIES) return bad;
  const manifest = new Map<DeviceId, number>();
  for (let i = 0; i < count; i += 1) {
    const deviceId = reader.varString();
    const seq = reader.varUint();
    if (deviceId === undefined || seq === undefined || seq > 0xffff_ffff) return bad;
    if (!publicKeyOfDevice(deviceId) || manifest.has(deviceId as DeviceId)) return bad;
    manifest.set(deviceId as DeviceId, seq);
  }
  const state = reader.varBytes();
  if (!state || !reader.done()) return bad;
  return {
    ok: true,
    snapshot: { manifest, state, ...(heads.vector ? { heads: heads.vector } : {}) },
  };
}
