// Reading the room: one request is pending with its code; the same requester again (a replay or
// a reload) is still one; another person or device closes the link; an answer from the link's
// person settles it; forged messages change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, generateDeviceIdentity, readyCrypto } from '$lib/crypto';
import { certifyDevice } from '$lib/state/identity/deviceCertificate';
import {
  inviteClosedMessage,
  inviteConfirmationCode,
  judgeInviteRequests,
  signJoinAnswer,
  type InviteMessage,
  type JoinAnswerInput,
} from '$lib/sync/invite';
import { handshake, makeParty, requestOf, sampleGrantBundle } from './handshakeFixture';

beforeAll(readyCrypto);

function room() {
  const parties = handshake();
  const { inviter, joiner, offer } = parties;
  const request = requestOf(offer, joiner);
  const answer = (input: JoinAnswerInput) =>
    signJoinAnswer({ offer, inviter: inviter.person, answer: input });
  const grant = answer({ type: 'join-grant', request, bundle: sampleGrantBundle(inviter) });
  const decline = answer({ type: 'join-decline', request });
  const second = requestOf(offer, makeParty(), { name: 'Someone else' });
  return { ...parties, request, answer, grant, decline, second };
}

describe('judgeInviteRequests', () => {
  it('says none for an empty room, or one with only forged messages', () => {
    const { offer, request, inviter } = room();
    expect(judgeInviteRequests(offer, [])).toEqual({ state: 'none' });
    const mallory = makeParty();
    const forgedClosed = signJoinAnswer({
      offer: { ...offer, inviterPersonId: mallory.person.personId },
      inviter: mallory.person,
      answer: { type: 'join-closed', reason: 'revoked' },
    });
    const forgedRequest = { ...request, name: 'Changed in transit' };
    const otherLink = { ...offer, secret: offer.secret.map((byte) => byte ^ 1) };
    expect(judgeInviteRequests(offer, [forgedClosed, forgedRequest])).toEqual({ state: 'none' });
    expect(judgeInviteRequests(otherLink, [request])).toEqual({ state: 'none' });
    expect(inviter.person.personId).toBe(offer.inviterPersonId);
  });

  it('holds one request pending with the code both screens show', () => {
    const { offer, request } = room();
    const code = inviteConfirmationCode(offer, request);
    expect(judgeInviteRequests(offer, [request])).toEqual({ state: 'pending', request, code });
  });

  it('counts the same requester once, however often the request comes', () => {
    const { offer, request, joiner } = room();
    const again = requestOf(offer, joiner, { name: 'Ana (reloaded)' });
    const state = judgeInviteRequests(offer, [request, request, again, request]);
    expect(state).toEqual({
      state: 'pending',
      request,
      code: inviteConfirmationCode(offer, request),
    });
  });

  it('closes the link on a second person or a second device', () => {
    const { offer, request, joiner, second } = room();
    expect(judgeInviteRequests(offer, [request, second])).toEqual({
      state: 'closed',
      reason: 'second-request',
      requests: [request, second],
    });
    const device = generateDeviceIdentity();
    const certificate = fromBase64Url(certifyDevice({ person: joiner.person, device }))!;
    const otherDevice = requestOf(offer, { person: joiner.person, device, certificate });
    expect(judgeInviteRequests(offer, [request, otherDevice])).toMatchObject({
      state: 'closed',
      reason: 'second-request',
    });
    // A forged second request does not close it.
    expect(judgeInviteRequests(offer, [request, { ...second, name: 'x' }])).toMatchObject({
      state: 'pending',
    });
  });

  it('is answered by a grant or decline for the request, and stays so', () => {
    const { offer, request, grant, decline, second, answer } = room();
    expect(judgeInviteRequests(offer, [request, grant])).toEqual({
      state: 'answered',
      request,
      answer: grant,
    });
    expect(judgeInviteRequests(offer, [request, decline, grant])).toEqual({
      state: 'answered',
      request,
      answer: decline,
    });
    expect(judgeInviteRequests(offer, [request, grant, second])).toMatchObject({
      state: 'answered',
    });
    // A grant for a device that never asked answers nothing.
    const stray = answer({ type: 'join-decline', request: second });
    expect(judgeInviteRequests(offer, [request, stray])).toMatchObject({ state: 'pending' });
  });

  it('is closed by the inviter’s join-closed, and nothing after it counts', () => {
    const { offer, request, grant, answer, second } = room();
    const used = answer({ type: 'join-closed', reason: 'used' });
    expect(judgeInviteRequests(offer, [request, grant, used])).toEqual({
      state: 'closed',
      reason: 'used',
      requests: [request],
      answer: grant,
    });
    const revoked = answer({ type: 'join-closed', reason: 'revoked' });
    const messages: InviteMessage[] = [revoked, request, grant, second];
    expect(judgeInviteRequests(offer, messages)).toEqual({
      state: 'closed',
      reason: 'revoked',
      requests: [],
    });
  });
});

describe('inviteClosedMessage', () => {
  it('gives every ending its own plain sentence that says what to do', () => {
    const reasons = ['used', 'second-request', 'revoked', 'expired', 'declined'] as const;
    const messages = reasons.map((reason) => inviteClosedMessage(reason));
    expect(new Set(messages).size).toBe(reasons.length);
    for (const message of messages) {
      expect(message).toMatch(/^[A-Z].*\.$/);
      expect(message).toMatch(/new (one|invite)/);
      expect(message).not.toMatch(/second-request|undefined|join-/);
    }
  });
});
