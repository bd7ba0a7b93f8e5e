import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  readyCrypto,
  signDetached,
  verifyDetached,
  type SignatureDomain,
  type SigningPublicKey,
} from '$lib/crypto';
import { verifyEd25519 } from '$lib/crypto/verifyEd25519';

beforeAll(readyCrypto);

const DOMAINS: SignatureDomain[] = [
  'blob/update',
  'blob/snapshot',
  'blob/awareness',
  'agreement',
  'invite',
  'device-link',
  'device-cert',
  'rotation',
  'membership',
];

describe('signDetached / verifyDetached', () => {
  it('round-trips any message in every domain (seeded)', () => {
    const me = generateDeviceIdentity();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(...DOMAINS),
        (message, domain) => {
          const signature = signDetached({ message, domain, secretKey: me.signing.secretKey });
          expect(signature).toHaveLength(64);
          expect(
            verifyDetached({ signature, message, domain, publicKey: me.signing.publicKey }),
          ).toBe(true);
        },
      ),
      { seed: 0x5161, numRuns: 100 },
    );
  });

  it('signs the domain-prefixed message, not the bare one', () => {
    const me = generateDeviceIdentity();
    const message = new Uint8Array([1, 2, 3]);
    const signature = signDetached({ message, domain: 'invite', secretKey: me.signing.secretKey });
    const prefixed = new Uint8Array([...new TextEncoder().encode('trellis/invite/v1\0'), 1, 2, 3]);
    expect(verifyEd25519({ signature, message: prefixed, publicKey: me.signing.publicKey })).toBe(
      true,
    );
    expect(verifyEd25519({ signature, message, publicKey: me.signing.publicKey })).toBe(false);
  });

  it('rejects another domain, another key, another message, any flipped bit', () => {
    const me = generateDeviceIdentity();
    const other = generateDeviceIdentity();
    const message = new Uint8Array([7, 7, 7]);
    const signature = signDetached({
      message,
      domain: 'agreement',
      secretKey: me.signing.secretKey,
    });
    const publicKey = me.signing.publicKey;
    for (const domain of DOMAINS.filter((d) => d !== 'agreement')) {
      expect(verifyDetached({ signature, message, domain, publicKey })).toBe(false);
    }
    expect(
      verifyDetached({
        signature,
        message,
        domain: 'agreement',
        publicKey: other.signing.publicKey,
      }),
    ).toBe(false);
    expect(
      verifyDetached({
        signature,
        message: new Uint8Array([7, 7]),
        domain: 'agreement',
        publicKey,
      }),
    ).toBe(false);
    for (let bit = 0; bit < 64 * 8; bit += 1) {
      const tampered = signature.slice();
      tampered[bit >> 3]! ^= 1 << (bit & 7);
      expect(verifyDetached({ signature: tampered, message, domain: 'agreement', publicKey })).toBe(
        false,
      );
    }
  });

  it('returns false, never throws, on malformed input', () => {
    const me = generateDeviceIdentity();
    const message = new Uint8Array([1]);
    const signature = signDetached({ message, domain: 'invite', secretKey: me.signing.secretKey });
    const good = { signature, message, domain: 'invite' as const, publicKey: me.signing.publicKey };
    const variants: Record<string, unknown>[] = [
      { signature: signature.subarray(0, 63) },
      { signature: new Uint8Array([...signature, 0]) },
      { signature: new Uint8Array(0) },
      { publicKey: me.signing.publicKey.subarray(0, 31) },
      { publicKey: new Uint8Array(0) },
      { publicKey: new Uint8Array(32) as SigningPublicKey },
      { publicKey: 'key' },
      { signature: null },
      { message: 'text' },
    ];
    for (const variant of variants) {
      const input = { ...good, ...variant } as Parameters<typeof verifyDetached>[0];
      expect(verifyDetached(input), Object.keys(variant).join()).toBe(false);
    }
    expect(verifyDetached(good)).toBe(true);
  });
});
