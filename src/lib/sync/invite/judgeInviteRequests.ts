// Both sides read the room the same way, so what the inviter decides and what the joiner is told
// agree. Only messages that verify count: a request signed by the person it names for this link,
// answers signed by the link's person. Then, in room order:
//   - the first request is the one the inviter may admit; the same person and device asking
//     again (a reload, a relay replay) is still that one request;
//   - a request by another person or device before any answer closes the link (second-request):
//     someone else has the link, so nobody is admitted through it;
//   - a grant or decline for the first request's device answers it; later requests change
//     nothing (the inviter then posts join-closed 'used');
//   - a join-closed closes it for its reason, and nothing after it counts.
import type { InviteOffer } from './inviteOffer';
import type {
  InviteClosedReason,
  InviteMessage,
  JoinDecline,
  JoinGrant,
  JoinRequest,
} from './inviteMessage';
import { inviteConfirmationCode } from './inviteConfirmationCode';
import { verifyJoinAnswer } from './joinAnswer';
import { verifyJoinRequest } from './joinRequest';

/** What the room says about an invite. */
export type InviteRoomState =
  /** No valid request yet. */
  | { state: 'none' }
  /** One request waits for the inviter; both screens show `code`. */
  | { state: 'pending'; request: JoinRequest; code: string }
  /** The inviter granted or declined the request. */
  | { state: 'answered'; request: JoinRequest; answer: JoinGrant | JoinDecline }
  /**
   * The link is done: closed by the inviter for `reason`, or by a second requester
   * ('second-request', before the inviter said so). `requests` are the distinct valid requests
   * seen before it closed; `answer` the inviter's answer to the first, if any.
   */
  | {
      state: 'closed';
      reason: InviteClosedReason;
      requests: JoinRequest[];
      answer?: JoinGrant | JoinDecline;
    };

const sameRequester = (a: JoinRequest, b: JoinRequest) =>
  a.personId === b.personId && a.deviceId === b.deviceId;

/**
 * The state of an invite given every parsed message seen in its room, in room order. Pure and
 * never throws on hostile messages (they are verified and ignored).
 *
 * @example
 *   const state = judgeInviteRequests(offer, seen);
 *   if (state.state === 'pending') ask(`${state.request.name} wants to join — code ${state.code}`);
 *   if (state.state === 'closed' && state.reason === 'second-request') warn('Someone else has the link');
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function judgeInviteRequests(
  offer: InviteOffer,
  messages: readonly InviteMessage[],
): InviteRoomState {
  const requests: JoinRequest[] = [];
  let answer: JoinGrant | JoinDecline | undefined;
  let closedBy: InviteClosedReason | undefined;
  let secondBeforeAnswer = false;
  for (const message of messages) {
    if (message.type === 'join-request') {
      if (!verifyJoinRequest(offer, message).ok) continue;
      if (requests.some((seen) => sameRequester(seen, message))) continue;
      if (answer) continue;
      requests.push(message);
      if (requests.length > 1) secondBeforeAnswer = true;
    } else if (verifyJoinAnswer({ offer, answer: message }).ok) {
      if (message.type === 'join-closed') {
        closedBy = message.reason;
        break;
      }
      const first = requests[0];
      if (!answer && first && message.to === first.deviceId) answer = message;
    }
  }
  const reason = closedBy ?? (secondBeforeAnswer ? 'second-request' : undefined);
  if (reason) return { state: 'closed', reason, requests, ...(answer ? { answer } : {}) };
  const request = requests[0];
  if (!request) return { state: 'none' };
  if (answer) return { state: 'answered', request, answer };
  return { state: 'pending', request, code: inviteConfirmationCode(offer, request) };
}
