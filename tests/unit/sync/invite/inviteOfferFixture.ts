// Version-2 offers for the tests: one fixed offer whose fragment was computed independently
// (Python hashlib.blake2b and base64, from the layout in docs/PROTOCOL.md), seeded ones, and one
// real version-1 link, kept only to prove it is refused.
import { hashBytes, toBase64Url, type PersonId } from '$lib/crypto';
import type { InviteId, InviteOffer } from '$lib/sync/invite';

/** Deterministic "random" bytes: BLAKE2b of a label and a counter. */
export function seededBytes(label: string, counter: number, length: number): Uint8Array {
  const input = new TextEncoder().encode(`trellis-test/${label}/${counter}`);
  return hashBytes(input, 64).slice(0, length);
}

const bytesFrom = (start: number, length: number) =>
  Uint8Array.from({ length }, (_, index) => start + index);

/** The fixed offer: every field a run of consecutive bytes, mentor, expiring 2026. */
export const FIXED_OFFER: InviteOffer = {
  version: 2,
  secret: bytesFrom(0x10, 32),
  inviterPersonId: toBase64Url(bytesFrom(0x80, 32)) as PersonId,
  inviteId: toBase64Url(bytesFrom(0xe0, 16)) as InviteId,
  inviterRole: 'mentor',
  expiresAt: 1_767_225_600, // 2026-01-01T00:00:00Z
};

/** `FIXED_OFFER` encoded by an independent Python implementation of the layout. */
export const FIXED_OFFER_FRAGMENT =
  'i2.AhAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5ydnp_g4eLj5OXm5-jp6uvs7e7vAWlVuQBp8Vdd';

/** A seeded offer; the expiry covers the extremes of a uint32, both roles alternate. */
export function seededOffer(counter: number): InviteOffer {
  const extremes = [0, 1, 0xffff_ffff];
  const word = new DataView(seededBytes('offer-expiry', counter, 4).buffer).getUint32(0);
  return {
    version: 2,
    secret: seededBytes('offer-secret', counter, 32),
    inviterPersonId: toBase64Url(seededBytes('offer-person', counter, 32)) as PersonId,
    inviteId: toBase64Url(seededBytes('offer-id', counter, 16)) as InviteId,
    inviterRole: counter % 2 === 0 ? 'mentor' : 'mentee',
    expiresAt: extremes[counter % 4] ?? word,
  };
}

/**
 * A whole version-1 link (written by the retired encoder; it carried the workspace key `20 … 3f`).
 * No code reads it any more: every parser must refuse it.
 */
export const VERSION_1_FRAGMENT =
  't1.EBESExQVFhcYGRobHB0eHwAAAAcgISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P4CBgoOEhYaHiImKi4yNjo-QkZKTlJWWl5iZmpucnZ6fwMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t_g4eLj5OXm5-jp6uvs7e7vAmlVuQA6aBN1';
