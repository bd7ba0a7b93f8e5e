import { formatRelativeTime } from '../devices/formatRelativeTime';

/** Where an invite stands, as the pair's records say. */
export type InviteStanding = 'open' | 'used' | 'revoked' | 'expired';

/** One invite as the invite list shows it. */
export interface InviteRow {
  inviteId: string;
  /** ISO UTC. */
  createdAt: string;
  /** ISO UTC. */
  expiresAt: string;
  standing: InviteStanding;
  usedByName?: string;
}

/** An invite's status in words, and the badge tone that goes with it. */
export interface InviteDescription {
  label: string;
  tone: 'ok' | 'warn' | 'plain';
  detail: string;
}

/**
 * The status line of an invite: a short badge label plus a sentence with the times in words.
 * An open invite whose expiry has passed reads as expired even before the records catch up, so
 * nobody sends a link that no longer works.
 *
 * @example
 *   describeInvite({ standing: 'used', usedByName: 'Ben', … }, now);
 *   // { label: 'Used', tone: 'ok', detail: 'Ben joined with it 2 days ago.' }
 */
export function describeInvite(invite: InviteRow, now: Date): InviteDescription {
  const created = formatRelativeTime(invite.createdAt, now) ?? 'at an unknown time';
  const expires = formatRelativeTime(invite.expiresAt, now) ?? 'at an unknown time';
  const expired = new Date(invite.expiresAt).getTime() <= now.getTime();
  switch (invite.standing) {
    case 'used':
      return {
        label: 'Used',
        tone: 'ok',
        detail: `${invite.usedByName || 'Your partner'} joined with it. Created ${created}.`,
      };
    case 'revoked':
      return { label: 'Revoked', tone: 'plain', detail: `Created ${created}; no longer works.` };
    case 'expired':
      return expiredInvite(created, expires);
    case 'open':
      return expired
        ? expiredInvite(created, expires)
        : { label: 'Open', tone: 'warn', detail: `Created ${created}; expires ${expires}.` };
  }
}

// An expired link no longer joins, but the pair's key in it still reads what was written under
// that key: only revoking (which moves the pair to a new key) ends that, so say so.
function expiredInvite(created: string, expires: string): InviteDescription {
  return {
    label: 'Expired',
    tone: 'plain',
    detail: `Created ${created}; expired ${expires}. Revoke it so the link reads nothing new.`,
  };
}

/**
 * Whether revoking the invite still does something: it was neither used nor revoked. Expired
 * invites count, because the key in their link reads the pair until the pair moves to a new key.
 *
 * @example
 *   isRevocable({ standing: 'expired', … }); // true
 */
export function isRevocable(invite: Pick<InviteRow, 'standing'>): boolean {
  return invite.standing === 'open' || invite.standing === 'expired';
}
