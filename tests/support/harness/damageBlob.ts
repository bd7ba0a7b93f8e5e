// Flips one byte in the middle of the first blob an outer-doc update carries: damage inside a
// blob's ciphertext, which leaves the update itself well formed (as the proxy did).
import * as Y from 'yjs';

/**
 * `update` with one byte of its first blob flipped, or undefined if it carries no blob.
 *
 * @example
 *   relay.tamper = (message) => damageBlob(message.update) ?? message.update;
 */
export function damageBlob(update: Uint8Array): Uint8Array | undefined {
  const blob = Y.decodeUpdate(update).structs.find(
    (struct): struct is Y.Item =>
      struct instanceof Y.Item && struct.content instanceof Y.ContentBinary,
  );
  if (!blob) return undefined;
  const bytes = (blob.content as Y.ContentBinary).content;
  const at = indexOf(update, bytes);
  if (at < 0) return undefined;
  const damaged = update.slice();
  const middle = at + (bytes.length >> 1);
  damaged[middle] = (damaged[middle] ?? 0) ^ 0x20;
  return damaged;
}

/**
 * Where `needle` starts in `haystack`, or -1.
 *
 * @example
 *   indexOf(rowBytes, blob); // 17
 */
export function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    for (let offset = 0; offset < needle.length; offset += 1) {
      if (haystack[start + offset] !== needle[offset]) continue outer;
    }
    return start;
  }
  return -1;
}
