import { describe, expect, it } from 'vitest';
import {
  generateDeviceIdentity,
  generatePersonIdentity,
  generateVaultKey,
  toBase64Url,
} from '$lib/crypto';
import {
  loadDeviceIdentity,
  loadOrCreateDeviceIdentity,
  loadOrCreatePersonIdentity,
  loadOrCreateVaultKey,
  loadPersonIdentity,
  saveDeviceIdentity,
  savePersonIdentity,
} from '$lib/store';
import { freshStore } from './storeFixture';

const contains = (haystack: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

describe('the device identity', () => {
  it('round-trips, with its secret keys stored only wrapped', async () => {
    const { db, vaultKey } = await freshStore();
    const identity = generateDeviceIdentity();
    await saveDeviceIdentity(db, { identity, vaultKey });
    expect(await loadDeviceIdentity(db, vaultKey)).toEqual({ ok: true, identity });
    const row = (await db.identity.get('device'))!;
    for (const value of Object.values(row)) {
      if (!(value instanceof Uint8Array)) continue;
      expect(contains(value, identity.signing.secretKey.subarray(0, 32))).toBe(false);
      expect(contains(value, identity.box.secretKey)).toBe(false);
    }
  });

  it('is made once, then loaded', async () => {
    const { db, vaultKey } = await freshStore();
    const first = await loadOrCreateDeviceIdentity(db, vaultKey);
    const second = await loadOrCreateDeviceIdentity(db, vaultKey);
    expect(first.ok && second.ok && second.identity.deviceId).toBe(
      first.ok && first.identity.deviceId,
    );
  });

  it('reports a wrong vault key and a corrupt row instead of replacing the identity', async () => {
    const { db, vaultKey } = await freshStore();
    await saveDeviceIdentity(db, { identity: generateDeviceIdentity(), vaultKey });
    expect(await loadOrCreateDeviceIdentity(db, generateVaultKey())).toEqual({
      ok: false,
      code: 'UNWRAP_FAILED',
    });
    await db.identity.update('device', { deviceId: 'someone else' } as never);
    expect(await loadDeviceIdentity(db, vaultKey)).toEqual({ ok: false, code: 'CORRUPT_ROW' });
    await db.identity.put({ id: 'device', nonsense: true } as never);
    expect(await loadOrCreateDeviceIdentity(db, vaultKey)).toEqual({
      ok: false,
      code: 'CORRUPT_ROW',
    });
  });

  it('reads NO_IDENTITY from an empty store', async () => {
    const { db, vaultKey } = await freshStore();
    expect(await loadDeviceIdentity(db, vaultKey)).toEqual({ ok: false, code: 'NO_IDENTITY' });
  });
});

describe('the stand-in vault key', () => {
  it('is created once and survives a reopen', async () => {
    const { db, connect } = await freshStore();
    const key = await loadOrCreateVaultKey(db);
    db.close();
    expect(await loadOrCreateVaultKey(connect())).toEqual(key);
    expect(key).toHaveLength(32);
  });
});

describe('person identity', () => {
  it('is made once, survives a reload and is refused under another vault key', async () => {
    const { db, vaultKey } = await freshStore();
    const made = await loadOrCreatePersonIdentity(db, vaultKey);
    if (!made.ok) throw new Error('no person');
    const again = await loadOrCreatePersonIdentity(db, vaultKey);
    expect(again).toEqual(made);
    expect(made.person.personId).toBe(toBase64Url(made.person.signing.publicKey));
    expect(await loadOrCreatePersonIdentity(db, generateVaultKey())).toEqual({
      ok: false,
      code: 'UNWRAP_FAILED',
    });
  });

  it('reports a corrupt row instead of replacing it', async () => {
    const { db, vaultKey } = await freshStore();
    const person = generatePersonIdentity();
    await savePersonIdentity(db, { person, vaultKey });
    await db.identity.update('person', { personId: 'someone else' } as never);
    expect(await loadPersonIdentity(db, vaultKey)).toEqual({ ok: false, code: 'CORRUPT_ROW' });
    await savePersonIdentity(db, { person, vaultKey });
    expect(await loadPersonIdentity(db, vaultKey)).toEqual({ ok: true, person });
  });
});
