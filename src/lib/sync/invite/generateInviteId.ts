import { randomBytes, toBase64Url } from '$lib/crypto';
import type { InviteId } from './invite';
import { INVITE_ID_BYTES } from './inviteLayout';

/**
 * A fresh invite id: base64url of 16 random bytes (22 characters). The inviter records it, so
 * the invite can be revoked, and marks it used once the partner joined (single use).
 *
 * @example
 *   const invite = { …, inviteId: generateInviteId() };
 */
export function generateInviteId(): InviteId {
  return toBase64Url(randomBytes(INVITE_ID_BYTES)) as InviteId;
}
