// A black-box check of what the link gives away. An observer holds only the link (its
// documented bytes) and every entry of the rendezvous room of a whole handshake; it derives the
// room key, opens every entry it can, and tries every key it can build from what it holds on
// the sealed grant. It learns no workspace id and no workspace key.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  concatBytes,
  decryptAead,
  deriveRendezvousKey,
  fromBase64Url,
  openSealedToDevice,
  readyCrypto,
  type BoxPublicKey,
  type BoxSecretKey,
} from '$lib/crypto';
import {
  buildInviteOfferLink,
  encodeGrantBundle,
  encodeInviteMessage,
  INVITE_OFFER_FIELDS,
  openJoinGrant,
  parseInviteMessage,
  readInviteOfferFromUrl,
  signJoinAnswer,
  type JoinGrant,
} from '$lib/sync/invite';
import { openRendezvousEntry, sealRendezvousEntry } from '$lib/sync/rendezvous';
import { containsBytes, handshake, requestOf, sampleGrantBundle } from './handshakeFixture';

beforeAll(readyCrypto);

describe('what an invite link gives away', () => {
  it('opens the room’s messages but never the workspace id or key', () => {
    const { inviter, joiner, offer } = handshake();
    const bundle = sampleGrantBundle(inviter, 4, 'Our pair');
    const request = requestOf(offer, joiner);
    const grant = signJoinAnswer({
      offer,
      inviter: inviter.person,
      answer: { type: 'join-grant', request, bundle },
    }) as JoinGrant;
    const closed = signJoinAnswer({
      offer,
      inviter: inviter.person,
      answer: { type: 'join-closed', reason: 'used' },
    });
    // What the room holds, sealed as the rendezvous seals it.
    const roomKey = deriveRendezvousKey(offer.secret);
    const entries = [request, grant, closed].map((message) =>
      sealRendezvousEntry({ key: roomKey, message: encodeInviteMessage(message) }),
    );
    const link = buildInviteOfferLink('https://trellis.example', offer);

    // The observer: only `link` and `entries`.
    const parsed = readInviteOfferFromUrl(link);
    if (!parsed.ok) throw new Error('the link must parse');
    const linkBytes = fromBase64Url(new URL(link).hash.slice(4))!;
    const secret = linkBytes.slice(
      INVITE_OFFER_FIELDS.secret.offset,
      INVITE_OFFER_FIELDS.secret.offset + 32,
    );
    const opened = entries.map((entry) =>
      openRendezvousEntry({ key: deriveRendezvousKey(secret), entry }),
    );
    expect(opened.every((plaintext) => plaintext !== undefined)).toBe(true);
    const messages = opened.map((plaintext) => parseInviteMessage(plaintext));
    const sealed = messages.flatMap((m) =>
      m.ok && m.message.type === 'join-grant' ? [m.message.sealed] : [],
    );
    expect(sealed).toHaveLength(1);

    // Every 32-byte value the observer holds, tried as a box key pair and as an AEAD key.
    const candidates = [
      secret,
      roomKey,
      ...Object.values(INVITE_OFFER_FIELDS)
        .filter((field) => field.bytes === 32)
        .map((field) => linkBytes.slice(field.offset, field.offset + 32)),
      request.boxPublicKey,
    ];
    for (const secretKey of candidates) {
      for (const publicKey of candidates) {
        const attempt = openSealedToDevice({
          sealed: sealed[0]!,
          keyPair: { publicKey: publicKey as BoxPublicKey, secretKey: secretKey as BoxSecretKey },
        });
        expect(attempt.ok).toBe(false);
      }
      const aead = decryptAead({
        nonce: sealed[0]!.subarray(0, 24),
        ciphertext: sealed[0]!.subarray(24),
        associatedData: new Uint8Array(0),
        key: secretKey,
      });
      expect(aead.ok).toBe(false);
    }

    // Nothing the observer holds or opened contains the workspace id or key.
    const everything = concatBytes([linkBytes, ...entries, ...opened.map((p) => p!)]);
    const workspaceId = fromBase64Url(bundle.workspaceId)!;
    expect(containsBytes(everything, bundle.workspaceKey)).toBe(false);
    expect(containsBytes(everything, workspaceId)).toBe(false);
    expect(containsBytes(everything, bundle.chainRootHash)).toBe(false);
    expect(new TextDecoder().decode(everything)).not.toContain(bundle.workspaceId);
    // The controls: the search finds the key where it is, and the joiner, with its box secret
    // key, does get it.
    expect(containsBytes(encodeGrantBundle(bundle), bundle.workspaceKey)).toBe(true);
    expect(openJoinGrant({ offer, grant, device: joiner.device })).toEqual({ ok: true, bundle });
  });
});
