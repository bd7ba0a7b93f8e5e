// Hashes are ordered by their raw 32 bytes, ascending. base64url packs bits big-end first, six
// to a character, so comparing the characters by their value in the alphabet (A–Z, a–z, 0–9,
// '-', '_') gives the same order without decoding — and without crypto, so derive stays pure.

/** The 6-bit value of a base64url character code; 64 (sorts last) for anything else. */
function digitValue(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A–Z
  if (code >= 97 && code <= 122) return code - 71; // a–z
  if (code >= 48 && code <= 57) return code + 4; // 0–9
  if (code === 45) return 62; // '-'
  if (code === 95) return 63; // '_'
  return 64;
}

/**
 * Negative, zero or positive as hash `a` sorts before, with or after `b` (bytewise on the raw
 * hashes; garbage never throws).
 *
 * @example
 *   heads.sort(compareChainHashes);
 */
export function compareChainHashes(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const diff = digitValue(a.charCodeAt(index)) - digitValue(b.charCodeAt(index));
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}
