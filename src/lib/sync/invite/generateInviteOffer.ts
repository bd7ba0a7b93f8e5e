import { randomBytes, type PersonId } from '$lib/crypto';
import { InvalidInviteError, type InviteRole } from './invite';
import { isUint32 } from './inviteLayout';
import type { InviteOffer } from './inviteOffer';
import {
  DEFAULT_INVITE_OFFER_LIFETIME_SECONDS,
  INVITE_OFFER_SECRET_BYTES,
  INVITE_OFFER_VERSION,
} from './inviteOfferLayout';
import { generateInviteId } from './generateInviteId';

/**
 * A fresh version-2 offer: a random rendezvous secret and invite id, valid for
 * `lifetimeSeconds` (default seven days) from `now` (unix seconds). The inviter keeps the whole
 * offer (it needs the secret to listen in the room and the id to revoke it).
 *
 * @example
 *   const offer = generateInviteOffer({ inviterPersonId: me.personId, inviterRole: 'mentor', now });
 *   const link = buildInviteOfferLink(location.origin, offer);
 * @throws InvalidInviteError if the lifetime is not a positive integer or the expiry would not
 *   be a uint32; CryptoNotReadyError before `readyCrypto()`.
 */
export function generateInviteOffer(input: {
  inviterPersonId: PersonId;
  inviterRole: InviteRole;
  now: number;
  lifetimeSeconds?: number;
}): InviteOffer {
  const lifetime = input.lifetimeSeconds ?? DEFAULT_INVITE_OFFER_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime <= 0) {
    throw new InvalidInviteError('lifetimeSeconds must be a positive integer');
  }
  const expiresAt = Math.floor(input.now) + lifetime;
  if (!isUint32(expiresAt)) throw new InvalidInviteError('expiresAt must be a uint32');
  return {
    version: INVITE_OFFER_VERSION,
    secret: randomBytes(INVITE_OFFER_SECRET_BYTES),
    inviterPersonId: input.inviterPersonId,
    inviteId: generateInviteId(),
    inviterRole: input.inviterRole,
    expiresAt,
  };
}
