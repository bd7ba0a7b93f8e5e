// The version-2 invite handshake against the real relay process: the joiner opens the room from
// the link alone and posts its request; the inviter sees it pending with the same code the
// joiner shows, grants and closes the link; the joiner opens the grant; a late opener of the
// link is told it was used and gets nothing it can open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readyCrypto } from '$lib/crypto';
import {
  buildInviteOfferLink,
  encodeInviteMessage,
  inviteConfirmationCode,
  judgeInviteRequests,
  openJoinGrant,
  parseInviteMessage,
  readInviteOfferFromUrl,
  signJoinAnswer,
  type InviteMessage,
  type InviteOffer,
} from '$lib/sync/invite';
import { openRendezvous, type Rendezvous } from '$lib/sync/rendezvous';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { waitUntil, wsUrl } from './support/relayTestKit';
import {
  handshake,
  makeParty,
  requestOf,
  sampleGrantBundle,
} from '../unit/sync/invite/handshakeFixture';

/** Every message a rendezvous delivers that parses, in room order. */
function collect(rendezvous: Rendezvous): InviteMessage[] {
  const messages: InviteMessage[] = [];
  rendezvous.onMessage((bytes) => {
    const parsed = parseInviteMessage(bytes);
    if (parsed.ok) messages.push(parsed.message);
  });
  return messages;
}

describe('invite handshake through the real relay', () => {
  let server: ServerProcess;
  const open = (offer: InviteOffer) =>
    openRendezvous({
      secret: offer.secret,
      relay: { url: wsUrl(server), WebSocketPolyfill: WebSocket },
    });

  beforeAll(async () => {
    await readyCrypto();
    server = await startServerProcess();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('request, the same code on both sides, a grant the joiner opens, then closed for a late opener', async () => {
    const { inviter, joiner, offer } = handshake('mentee');
    const bundle = sampleGrantBundle(inviter, 3, 'Ana & Bo');
    const link = buildInviteOfferLink('https://trellis.example', offer);
    const fromLink = readInviteOfferFromUrl(link);
    if (!fromLink.ok) throw new Error('the link must parse');
    const joinerOffer = fromLink.offer;

    const inviterRoom = open(offer);
    const joinerRoom = open(joinerOffer);
    let lateRoom: Rendezvous | undefined;
    try {
      const inviterInbox = collect(inviterRoom);
      const joinerInbox = collect(joinerRoom);
      const request = requestOf(joinerOffer, joiner);
      joinerRoom.send(encodeInviteMessage(request));
      const joinerCode = inviteConfirmationCode(joinerOffer, request);

      await waitUntil(
        () => judgeInviteRequests(offer, inviterInbox).state === 'pending',
        'the inviter saw the request',
      );
      const seen = judgeInviteRequests(offer, inviterInbox);
      if (seen.state !== 'pending') throw new Error('unreachable');
      expect(seen.request.personId).toBe(joiner.person.personId);
      expect(seen.request.name).toBe(request.name);
      expect(seen.code).toBe(joinerCode);

      const answer = (input: Parameters<typeof signJoinAnswer>[0]['answer']) =>
        inviterRoom.send(
          encodeInviteMessage(signJoinAnswer({ offer, inviter: inviter.person, answer: input })),
        );
      answer({ type: 'join-grant', request: seen.request, bundle });
      answer({ type: 'join-closed', reason: 'used' });

      await waitUntil(
        () => judgeInviteRequests(joinerOffer, joinerInbox).state === 'closed',
        'the joiner saw the grant and the closing',
      );
      const grant = joinerInbox.find((message) => message.type === 'join-grant');
      if (grant?.type !== 'join-grant') throw new Error('unreachable');
      expect(openJoinGrant({ offer: joinerOffer, grant, device: joiner.device })).toEqual({
        ok: true,
        bundle,
      });
      expect(judgeInviteRequests(joinerOffer, joinerInbox)).toMatchObject({
        state: 'closed',
        reason: 'used',
        answer: grant,
      });

      // Someone who opens the link later: told it was used; their request changes nothing, and
      // the grant in the room is not theirs to open.
      const late = makeParty();
      lateRoom = open(joinerOffer);
      const lateInbox = collect(lateRoom);
      lateRoom.send(encodeInviteMessage(requestOf(joinerOffer, late)));
      await waitUntil(() => lateInbox.length === 4, 'the late opener synced the room');
      expect(judgeInviteRequests(joinerOffer, lateInbox)).toMatchObject({
        state: 'closed',
        reason: 'used',
      });
      expect(openJoinGrant({ offer: joinerOffer, grant, device: late.device })).toEqual({
        ok: false,
        code: 'ANSWER_NOT_FOR_THIS_DEVICE',
      });
      expect(inviterRoom.status.get()).toMatchObject({ refused: null, ignored: 0 });
    } finally {
      inviterRoom.close();
      joinerRoom.close();
      lateRoom?.close();
    }
  });
});
