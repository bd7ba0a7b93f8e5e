import { beforeAll, describe, expect, it } from 'vitest';
import { generateVaultKey, openSecret, readyCrypto, sealSecret } from '$lib/crypto';

const utf8 = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  await readyCrypto();
});

describe('sealSecret / openSecret', () => {
  it('round-trips, and fails on another key, other associated data, or any truncation', () => {
    const key = generateVaultKey();
    const associatedData = utf8('trellis/test/v1');
    const plaintext = utf8('Ana’s goal: present the survey');
    const sealed = sealSecret({ plaintext, associatedData, key });
    expect(sealed.length).toBe(plaintext.length + 24 + 16);
    const opened = openSecret({ sealed, associatedData, key });
    expect(opened.ok && new TextDecoder().decode(opened.plaintext)).toBe(
      'Ana’s goal: present the survey',
    );

    expect(openSecret({ sealed, associatedData, key: generateVaultKey() }).ok).toBe(false);
    expect(openSecret({ sealed, associatedData: utf8('trellis/other/v1'), key }).ok).toBe(false);
    for (let length = 0; length < sealed.length; length += 1) {
      expect(openSecret({ sealed: sealed.subarray(0, length), associatedData, key }).ok).toBe(
        false,
      );
    }
  });
});
