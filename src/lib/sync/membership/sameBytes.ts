/**
 * Whether two byte arrays hold the same bytes (not constant-time: for public data only).
 *
 * @example
 *   sameBytes(existing.boxPublicKey, filed.boxPublicKey);
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
