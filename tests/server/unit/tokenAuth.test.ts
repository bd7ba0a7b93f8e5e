import { describe, expect, it } from 'vitest';
import { createMemoryRoomStore } from '../../../sync-server/memoryRoomStore';
import { createTokenAuth, hashToken } from '../../../sync-server/tokenAuth';
import { credentials } from '../support/relayTestKit';

describe('createTokenAuth', () => {
  it('lets the first token claim a room and only that token open it', async () => {
    const store = createMemoryRoomStore();
    const auth = createTokenAuth(store);
    const { roomId, token } = credentials('auth');
    const other = credentials('auth-other').token;
    expect(await auth.authorize(roomId, token)).toEqual({ ok: true, claimed: true });
    expect(await auth.authorize(roomId, token)).toEqual({ ok: true, claimed: false });
    expect(await auth.authorize(roomId, other)).toEqual({ ok: false, code: 'wrong_token' });
    expect(await store.readOwner(roomId)).toEqual(hashToken(token));
  });

  it('refuses a missing or malformed token without claiming the room', async () => {
    const store = createMemoryRoomStore();
    const auth = createTokenAuth(store);
    const { roomId } = credentials('auth-missing');
    for (const token of [null, '', 'short', 'has spaces in it and more', 'x'.repeat(129)]) {
      expect(await auth.authorize(roomId, token)).toEqual({ ok: false, code: 'missing_token' });
    }
    expect(await store.readOwner(roomId)).toBeUndefined();
  });

  it('lets exactly one of two racing first tokens win', async () => {
    const auth = createTokenAuth(createMemoryRoomStore());
    const { roomId } = credentials('auth-race');
    const tokens = ['a', 'b', 'c', 'd'].map((label) => credentials(`race-${label}`).token);
    const results = await Promise.all(tokens.map((token) => auth.authorize(roomId, token)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('stores a hash, never the token', async () => {
    const store = createMemoryRoomStore();
    const { roomId, token } = credentials('auth-hash');
    await createTokenAuth(store).authorize(roomId, token);
    const stored = Buffer.from((await store.readOwner(roomId)) ?? []);
    expect(stored.includes(Buffer.from(token))).toBe(false);
    expect(stored.length).toBe(32);
  });
});
