// The safety code lets the pair rule out a swapped key (a man in the middle of the invite or the
// relay): each screen hashes the workspace id with both identity keys *as that device sees
// them*, and the two people compare the digits in a call or in person. The keys are sorted, so
// both sides hash the same bytes and see the same code.
//
// Why 30 digits (6 groups of 5, about 99.7 bits) rather than fewer: an attacker who swapped keys
// controls the key each side sees as its partner's, and the invite (so the workspace id) that
// the joiner sees. With 25 digits (83 bits) a birthday search over cheap workspace ids against a
// few billion forged key pairs is within a well-funded attacker's reach; at 30 digits it is not,
// and a fixed target costs a second preimage (2^99). Six groups still read aloud in seconds.
import type { Brand } from './brand';
import { concatBytes, isBytes, utf8 } from './bytes';
import { fromBase64Url } from './fromBase64Url';
import { hashBytes } from './hashBytes';
import { SIGNING_PUBLIC_KEY_BYTES, WORKSPACE_ID_BYTES } from './sizes';
import type { SigningPublicKey, WorkspaceId } from './types';

/** Six groups of five digits separated by single spaces, e.g. `"01234 56789 …"`. */
export type SafetyCode = Brand<string, 'SafetyCode'>;

/** Groups in a safety code. */
export const SAFETY_CODE_GROUPS = 6;
/** Digits per group. */
export const SAFETY_CODE_GROUP_DIGITS = 5;

const DOMAIN = utf8('trellis/safety-code/v1\0');
/** Hash bytes per group: 40 bits reduced mod 10^5, a bias below 10^-7. */
const BYTES_PER_GROUP = 5;

/** Byte-wise order of two equal-length keys. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = a[index]! - b[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The safety code of a pair: with `h = BLAKE2b-256("trellis/safety-code/v1\0" | workspace id (16
 * bytes) | lower key | higher key)` (keys ordered byte-wise), group `i` is bytes `5i … 5i+4` of
 * `h` read as a 40-bit big-endian number, mod 100000, as five digits.
 *
 * @example
 *   const code = computeSafetyCode({ workspaceId, identityKeys: [me.signing.publicKey, partnerKey] });
 *   // '40311 07268 93952 61480 00713 28194', the same on the partner's screen
 * @throws RangeError if the workspace id is not canonical base64url of 16 bytes or a key is not
 *   32 bytes (both are parsed before they reach here); CryptoNotReadyError before `readyCrypto()`.
 */
export function computeSafetyCode(input: {
  workspaceId: WorkspaceId;
  identityKeys: readonly [SigningPublicKey, SigningPublicKey];
}): SafetyCode {
  const workspace = fromBase64Url(input.workspaceId);
  if (workspace?.length !== WORKSPACE_ID_BYTES) {
    throw new RangeError('computeSafetyCode: the workspace id must be base64url of 16 bytes');
  }
  const [first, second] = input.identityKeys;
  if (!isBytes(first, SIGNING_PUBLIC_KEY_BYTES) || !isBytes(second, SIGNING_PUBLIC_KEY_BYTES)) {
    throw new RangeError('computeSafetyCode: an identity key has 32 bytes');
  }
  const [lower, higher] = compareBytes(first, second) <= 0 ? [first, second] : [second, first];
  const digest = hashBytes(concatBytes([DOMAIN, workspace, lower, higher]), 32);
  const groups: string[] = [];
  for (let group = 0; group < SAFETY_CODE_GROUPS; group += 1) {
    let value = 0;
    for (const byte of digest.subarray(group * BYTES_PER_GROUP, (group + 1) * BYTES_PER_GROUP)) {
      value = value * 256 + byte;
    }
    groups.push(
      String(value % 10 ** SAFETY_CODE_GROUP_DIGITS).padStart(SAFETY_CODE_GROUP_DIGITS, '0'),
    );
  }
  return groups.join(' ') as SafetyCode;
}
