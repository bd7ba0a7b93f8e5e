// One plain-language sentence per way a version-2 link ends, for the person who opened it: what
// happened, and what to do. The joiner shows it on a verified join-closed or join-decline (or a
// second request); nothing in it reveals who else asked.
import type { InviteClosedReason } from './inviteMessage';

const MESSAGES = {
  used: 'This invite has already been used. Ask your partner for a new one.',
  'second-request':
    'Someone else also opened this invite, so Trellis closed it to keep your pair private. Ask your partner for a new one, and send it only to you.',
  revoked: 'Your partner cancelled this invite. Ask them for a new one if you still want to join.',
  expired: 'This invite has expired. Ask your partner for a new one.',
  declined: 'Your partner did not admit this request. Talk to them, and ask for a new invite.',
} as const satisfies Record<InviteClosedReason | 'declined', string>;

/**
 * The sentence the join screen shows when the link is done, or the request was declined.
 *
 * @example
 *   if (state.state === 'closed') show(inviteClosedMessage(state.reason));
 */
export function inviteClosedMessage(reason: InviteClosedReason | 'declined'): string {
  return MESSAGES[reason];
}
