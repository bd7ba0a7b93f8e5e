// Who may speak in an invite's room: a request verifies only as its person's, for this link, with
// a valid certificate of its device; answers only as the link's person's, for this link and the
// device they name; a grant opens only with that device's box key, to a strictly parsed bundle.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  concatBytes,
  fromBase64Url,
  generateDeviceIdentity,
  generatePersonIdentity,
  readyCrypto,
  sealToDevice,
  signDetached,
  toBase64Url,
} from '$lib/crypto';
import { certifyDevice } from '$lib/state/identity/deviceCertificate';
import {
  encodeGrantBundle,
  encodeInviteMessage,
  generateInviteOffer,
  inviteConfirmationCode,
  inviteSignedBytes,
  InvalidInviteError,
  openJoinGrant,
  parseGrantBundle,
  parseInviteMessage,
  signJoinAnswer,
  signJoinRequest,
  verifyJoinAnswer,
  verifyJoinRequest,
  type JoinAnswer,
  type JoinGrant,
  type JoinRequest,
} from '$lib/sync/invite';
import { linkConfirmationCode } from '$lib/sync/deviceLink';
import { handshake, makeParty, requestOf, sampleGrantBundle } from './handshakeFixture';

beforeAll(readyCrypto);

const badRequest = (code: string) => ({ ok: false, code });

describe('signJoinRequest / verifyJoinRequest', () => {
  it('verifies a request as its person signed it, and it survives the wire', () => {
    const { joiner, offer } = handshake('mentee');
    const request = requestOf(offer, joiner);
    expect(request.role).toBe('mentor');
    expect(verifyJoinRequest(offer, request)).toEqual({ ok: true });
    const parsed = parseInviteMessage(encodeInviteMessage(request));
    if (!parsed.ok || parsed.message.type !== 'join-request') throw new Error('must parse');
    expect(verifyJoinRequest(offer, parsed.message)).toEqual({ ok: true });
    // Both screens compute the same code: the joiner from its request, the inviter from the wire.
    expect(inviteConfirmationCode(offer, parsed.message)).toBe(
      inviteConfirmationCode(offer, request),
    );
    expect(inviteConfirmationCode(offer, request)).toMatch(/^\d{3} \d{3}$/);
  });

  it('refuses a forged signature and any changed field', () => {
    const { joiner, offer } = handshake();
    const request = requestOf(offer, joiner);
    const other = makeParty();
    const changes: Partial<JoinRequest>[] = [
      { signature: request.signature.map((byte, at) => (at === 5 ? byte ^ 1 : byte)) },
      { signature: new Uint8Array(64) },
      { name: 'Mallory' },
      { timeZone: 'Europe/Lisbon' },
      { boxPublicKey: other.device.box.publicKey },
      { deviceId: other.device.deviceId },
      { personId: other.person.personId },
    ];
    for (const change of changes) {
      const code = verifyJoinRequest(offer, { ...request, ...change }).ok;
      expect(code, Object.keys(change)[0]).toBe(false);
    }
    expect(verifyJoinRequest(offer, { ...request, name: 'Mallory' })).toEqual(
      badRequest('REQUEST_BAD_SIGNATURE'),
    );
    expect(verifyJoinRequest(offer, { ...request, name: ' ' })).toEqual(
      badRequest('REQUEST_BAD_SIGNATURE'),
    );
  });

  it('refuses a request signed by another person key than the one it names', () => {
    const { joiner, offer } = handshake();
    const mallory = generatePersonIdentity();
    const forged = signJoinRequest({
      offer,
      person: { ...joiner.person, signing: mallory.signing },
      device: joiner.device,
      certificate: joiner.certificate,
      name: 'Ana',
      timeZone: 'UTC',
    });
    expect(forged.personId).toBe(joiner.person.personId);
    expect(verifyJoinRequest(offer, forged)).toEqual(badRequest('REQUEST_BAD_SIGNATURE'));
  });

  it('refuses a valid request replayed to another link', () => {
    const { joiner, offer } = handshake();
    const request = requestOf(offer, joiner);
    const otherSecret = { ...offer, secret: offer.secret.map((byte) => byte ^ 0xff) };
    const otherId = generateInviteOffer({ ...offer, now: 1000 });
    for (const link of [otherSecret, { ...offer, inviteId: otherId.inviteId }]) {
      expect(verifyJoinRequest(link, request)).toEqual(badRequest('REQUEST_BAD_SIGNATURE'));
    }
  });

  it('detects a certificate that is not the person’s over this device and box key', () => {
    const { joiner, offer } = handshake();
    const other = makeParty();
    const byOtherPerson = fromBase64Url(
      certifyDevice({ person: other.person, device: joiner.device }),
    )!;
    const overOtherBox = fromBase64Url(
      certifyDevice({
        person: joiner.person,
        device: { signing: joiner.device.signing, box: other.device.box },
      }),
    )!;
    for (const certificate of [
      byOtherPerson,
      overOtherBox,
      other.certificate,
      new Uint8Array(64),
    ]) {
      const request = requestOf(offer, { ...joiner, certificate });
      expect(verifyJoinRequest(offer, request)).toEqual(badRequest('REQUEST_BAD_CERTIFICATE'));
    }
  });

  it('refuses the inviter’s own role and the inviter’s own person', () => {
    const { inviter, joiner, offer } = handshake('mentor');
    // Signed for the same link (same secret and id) but as if the inviter were the mentee.
    const sameRole = requestOf({ ...offer, inviterRole: 'mentee' }, joiner);
    expect(sameRole.role).toBe('mentor');
    expect(verifyJoinRequest(offer, sameRole)).toEqual(badRequest('REQUEST_WRONG_ROLE'));
    const self = requestOf(offer, { ...inviter, device: generateDeviceIdentity() });
    expect(verifyJoinRequest(offer, self)).toEqual(badRequest('REQUEST_FROM_INVITER'));
  });

  it('refuses to sign a request with bad fields', () => {
    const { joiner, offer } = handshake();
    const base = { offer, ...joiner, name: 'Ana', timeZone: 'UTC' };
    for (const change of [
      { name: '' },
      { timeZone: 'nowhere at all' },
      { certificate: new Uint8Array(10) },
      { offer: { ...offer, secret: new Uint8Array(5) } },
    ]) {
      expect(() => signJoinRequest({ ...base, ...change })).toThrow(InvalidInviteError);
    }
  });
});

describe('signJoinAnswer / verifyJoinAnswer / openJoinGrant', () => {
  const setup = () => {
    const parties = handshake();
    const request = requestOf(parties.offer, parties.joiner);
    const bundle = sampleGrantBundle(parties.inviter, 1, 'Ana & Bo — 2026');
    const grant = signJoinAnswer({
      offer: parties.offer,
      inviter: parties.inviter.person,
      answer: { type: 'join-grant', request, bundle },
    }) as JoinGrant;
    return { ...parties, request, bundle, grant };
  };

  it('lets the joiner open a grant from the link’s person, through the wire', () => {
    const { joiner, offer, grant, bundle } = setup();
    const parsed = parseInviteMessage(encodeInviteMessage(grant));
    if (!parsed.ok || parsed.message.type !== 'join-grant') throw new Error('must parse');
    expect(openJoinGrant({ offer, grant: parsed.message, device: joiner.device })).toEqual({
      ok: true,
      bundle,
    });
  });

  it('refuses answers signed by anyone but the link’s person', () => {
    const { joiner, offer, request, bundle } = setup();
    const mallory = makeParty();
    const asMallory = { ...offer, inviterPersonId: mallory.person.personId };
    const answers: JoinAnswer[] = [
      signJoinAnswer({
        offer: asMallory,
        inviter: mallory.person,
        answer: { type: 'join-grant', request, bundle },
      }),
      signJoinAnswer({
        offer: asMallory,
        inviter: mallory.person,
        answer: { type: 'join-decline', request },
      }),
      signJoinAnswer({
        offer: asMallory,
        inviter: mallory.person,
        answer: { type: 'join-closed', reason: 'revoked' },
      }),
    ];
    for (const answer of answers) {
      expect(verifyJoinAnswer({ offer: asMallory, answer }).ok).toBe(true);
      expect(verifyJoinAnswer({ offer, answer })).toEqual({
        ok: false,
        code: 'ANSWER_BAD_SIGNATURE',
      });
    }
    expect(openJoinGrant({ offer, grant: answers[0] as JoinGrant, device: joiner.device })).toEqual(
      { ok: false, code: 'ANSWER_BAD_SIGNATURE' },
    );
  });

  it('refuses answers replayed to another link or with a changed reason', () => {
    const { inviter, offer, request } = setup();
    const closed = signJoinAnswer({
      offer,
      inviter: inviter.person,
      answer: { type: 'join-closed', reason: 'used' },
    });
    const decline = signJoinAnswer({
      offer,
      inviter: inviter.person,
      answer: { type: 'join-decline', request },
    });
    const otherLink = { ...offer, secret: offer.secret.map((byte) => byte ^ 1) };
    for (const answer of [closed, decline]) {
      expect(verifyJoinAnswer({ offer, answer })).toEqual({ ok: true });
      expect(verifyJoinAnswer({ offer: otherLink, answer }).ok).toBe(false);
    }
    expect(
      verifyJoinAnswer({ offer, answer: { ...closed, reason: 'expired' } as JoinAnswer }),
    ).toEqual({ ok: false, code: 'ANSWER_BAD_SIGNATURE' });
  });

  it('tells a device that an answer is not for it', () => {
    const { offer, grant, inviter, request } = setup();
    const other = generateDeviceIdentity();
    expect(openJoinGrant({ offer, grant, device: other })).toEqual({
      ok: false,
      code: 'ANSWER_NOT_FOR_THIS_DEVICE',
    });
    const decline = signJoinAnswer({
      offer,
      inviter: inviter.person,
      answer: { type: 'join-decline', request },
    });
    expect(verifyJoinAnswer({ offer, answer: decline, deviceId: other.deviceId })).toEqual({
      ok: false,
      code: 'ANSWER_NOT_FOR_THIS_DEVICE',
    });
    // Re-addressing a grant to another device breaks its signature.
    expect(
      openJoinGrant({ offer, grant: { ...grant, to: other.deviceId }, device: other }),
    ).toEqual({ ok: false, code: 'ANSWER_BAD_SIGNATURE' });
  });

  it('refuses a tampered sealed bundle, and one that opens to no valid bundle', () => {
    const { joiner, offer, grant, inviter, bundle } = setup();
    for (let at = 0; at < grant.sealed.length; at += 7) {
      const sealed = grant.sealed.slice();
      sealed[at]! ^= 0x01;
      expect(openJoinGrant({ offer, grant: { ...grant, sealed }, device: joiner.device })).toEqual({
        ok: false,
        code: 'ANSWER_BAD_SIGNATURE',
      });
    }
    // Signed by the inviter, but the seal holds garbage or a bundle with a byte too many.
    const bundleBytes = encodeGrantBundle(bundle);
    for (const plaintext of [new Uint8Array(40), concatBytes([bundleBytes, new Uint8Array(1)])]) {
      const sealed = sealToDevice({ message: plaintext, publicKey: joiner.device.box.publicKey });
      const unsigned: JoinGrant = { ...grant, sealed, signature: new Uint8Array(0) };
      const signature = signDetached({
        message: inviteSignedBytes(offer, unsigned)!,
        domain: 'invite-answer',
        secretKey: inviter.person.signing.secretKey,
      });
      expect(
        openJoinGrant({ offer, grant: { ...unsigned, signature }, device: joiner.device }),
      ).toEqual({ ok: false, code: 'GRANT_UNREADABLE' });
    }
  });

  it('refuses a grant opened with the wrong box key', () => {
    const { joiner, offer, grant } = setup();
    const wrongBox = { ...joiner.device, box: generateDeviceIdentity().box };
    expect(openJoinGrant({ offer, grant, device: wrongBox })).toEqual({
      ok: false,
      code: 'GRANT_UNREADABLE',
    });
  });

  it('signs only as the offer’s person, and grants only a request that verifies', () => {
    const { inviter, joiner, offer, request, bundle } = setup();
    expect(() =>
      signJoinAnswer({
        offer,
        inviter: joiner.person,
        answer: { type: 'join-closed', reason: 'used' },
      }),
    ).toThrow(InvalidInviteError);
    expect(() =>
      signJoinAnswer({
        offer,
        inviter: inviter.person,
        answer: { type: 'join-grant', request: { ...request, name: 'Mallory' }, bundle },
      }),
    ).toThrow(InvalidInviteError);
  });
});

describe('grant bundle', () => {
  it('round-trips with and without a title and refuses every other shape', () => {
    const inviter = makeParty();
    for (const title of [undefined, 'Ana & Bo', 'é'.repeat(100)]) {
      const bundle = sampleGrantBundle(inviter, 2, title);
      expect(parseGrantBundle(encodeGrantBundle(bundle))).toEqual(bundle);
    }
    const bytes = encodeGrantBundle(sampleGrantBundle(inviter, 0));
    expect(bytes).toHaveLength(16 + 4 + 32 + 32 + 32 + 1);
    for (let length = 0; length < bytes.length; length += 1) {
      expect(parseGrantBundle(bytes.slice(0, length))).toBeUndefined();
    }
    const head = bytes.subarray(0, -1);
    const text = (value: string) => new TextEncoder().encode(value);
    for (const tail of [
      new Uint8Array([0, 0]), // a byte after the end
      concatBytes([new Uint8Array([3]), text('   ')]), // a blank title
      concatBytes([new Uint8Array([0xc9, 0x01]), new Uint8Array(201).fill(0x61)]), // 201 bytes
      concatBytes([new Uint8Array([0x83, 0x00]), text('Ana')]), // a padded length
      new Uint8Array([2, 0xff, 0xfe]), // not UTF-8
    ]) {
      expect(parseGrantBundle(concatBytes([head, tail]))).toBeUndefined();
    }
    expect(parseGrantBundle(concatBytes([head, new Uint8Array([3]), text('Ana')]))).toMatchObject({
      pairTitle: 'Ana',
    });
    for (const change of [
      { workspaceId: 'short' },
      { epoch: -1 },
      { epoch: 2 ** 32 },
      { workspaceKey: new Uint8Array(31) },
      { chainRootHash: new Uint8Array(33) },
      { inviterDeviceId: toBase64Url(new Uint8Array(3)) },
      { pairTitle: ' ' },
      { pairTitle: 'a'.repeat(201) },
    ]) {
      expect(() =>
        encodeGrantBundle({ ...sampleGrantBundle(inviter, 0), ...change } as never),
      ).toThrow(InvalidInviteError);
    }
  });
});

describe('inviteConfirmationCode', () => {
  it('changes with the secret and with any byte of the request, and differs from a link code', () => {
    const { joiner, offer } = handshake();
    const request = requestOf(offer, joiner);
    const code = inviteConfirmationCode(offer, request);
    const otherSecret = { ...offer, secret: offer.secret.map((byte) => byte ^ 1) };
    expect(inviteConfirmationCode(otherSecret, request)).not.toBe(code);
    expect(inviteConfirmationCode(offer, requestOf(offer, joiner, { name: 'Ana L.' }))).not.toBe(
      code,
    );
    expect(linkConfirmationCode(offer.secret, request.deviceId)).not.toBe(code);
  });
});
