// What the inviter sends (as a link, or a QR code when they meet) so that the partner's device
// can find them: a fresh rendezvous secret, who is inviting and in which role, and until when.
// The secret names the relay room and keys its messages, so the link is still only ever put in a
// URL fragment; but it carries no workspace key: holding it is not membership. The workspace key
// follows only after the inviter approved, sealed to the joiner's device (`openJoinGrant`).
import type { PersonId } from '$lib/crypto';
import type { InviteId, InviteRole } from './invite';

/** A decoded invite offer, version 2. */
export interface InviteOffer {
  version: 2;
  /** 32 random bytes: the rendezvous secret. */
  secret: Uint8Array;
  /** The inviter's person id: it signs every answer, so the joiner can check it. */
  inviterPersonId: PersonId;
  /** Names this invite, for revocation and single use; bound into every signed message. */
  inviteId: InviteId;
  /** The inviter's role; the joiner takes the other one. */
  inviterRole: InviteRole;
  /** uint32 unix seconds; the offer is refused from this instant on. */
  expiresAt: number;
}
