// The names every part of the invite shares: the link (`InviteOffer`), the handshake messages and
// the signatures all speak of one invite id and one inviter role, and refuse what breaks its own
// type with one error.
import type { Brand } from '$lib/crypto';

/** The role the inviter holds in the pair; the partner takes the other one. */
export type InviteRole = 'mentor' | 'mentee';

/** base64url (no padding) of 16 random bytes: 22 characters. Names one invite for revocation. */
export type InviteId = Brand<string, 'InviteId'>;

/** An invite that cannot be encoded: a programming error in the caller, not bad input. */
export class InvalidInviteError extends Error {
  override readonly name = 'InvalidInviteError';
}
