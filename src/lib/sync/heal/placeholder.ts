// What stands in the local outer doc where a damaged copy was: a short marker holding the hash
// of the bytes it replaced. So what this device stores, re-serves or writes into a sync file
// never holds bytes that failed verification, and a reopened device still knows which item to
// ask for again and which quarantine entry to release when the intact copy comes. A blob begins
// with version byte 1, so the marker (first byte 0) can never be taken for one.
import { fromBase64Url, toBase64Url } from '$lib/crypto';

const MARKER = [0x00, 0x54, 0x53, 0x41]; // 0, "TSA": Trellis, set aside
const HASH_BYTES = 16;

/**
 * The placeholder for a copy whose bytes hashed to `badHash` (`blobHashOf`).
 *
 * @example
 *   item.content = new Y.ContentBinary(placeholderFor(blobHashOf(bytes)));
 */
export function placeholderFor(badHash: string): Uint8Array {
  const hash = fromBase64Url(badHash);
  const bytes = new Uint8Array(MARKER.length + HASH_BYTES);
  bytes.set(MARKER);
  if (hash && hash.length === HASH_BYTES) bytes.set(hash, MARKER.length);
  return bytes;
}

/**
 * The hash a placeholder records, or undefined if `entry` is not a placeholder.
 *
 * @example
 *   readPlaceholder(entry); // 'Qm9…' (22 characters)
 */
export function readPlaceholder(entry: unknown): string | undefined {
  if (!(entry instanceof Uint8Array) || entry.length !== MARKER.length + HASH_BYTES) return;
  if (!MARKER.every((byte, index) => entry[index] === byte)) return;
  return toBase64Url(entry.subarray(MARKER.length));
}
