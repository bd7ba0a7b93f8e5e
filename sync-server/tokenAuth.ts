import { createHash, timingSafeEqual } from 'node:crypto';
import type { RoomStore } from './roomStore.js';

export type AuthResult =
  { ok: true; claimed: boolean } | { ok: false; code: 'missing_token' | 'wrong_token' };

export interface RoomAuth {
  /** Decides whether `token` opens `roomId`, claiming an unowned room for it. */
  authorize(roomId: string, token: string | null): Promise<AuthResult>;
}

/** Tokens are base64url; the sync core sends 43 characters (32 bytes). */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * First token wins: a room nobody owns is claimed by the first well-formed token, and from then
 * on only that token opens it. Only a hash of the token is stored. The token is 32 bytes from a
 * KDF, so an unsalted fast hash is enough: nobody can guess a preimage of a 256-bit secret.
 *
 * @example
 * const auth = createTokenAuth(store);
 * const verdict = await auth.authorize(roomId, url.searchParams.get('token'));
 * if (!verdict.ok) ws.close(4401, verdict.code);
 */
export function createTokenAuth(store: Pick<RoomStore, 'readOwner' | 'writeOwner'>): RoomAuth {
  // Claims of one room run one at a time, so two first tokens cannot both win.
  const claiming = new Map<string, Promise<AuthResult>>();

  const check = async (roomId: string, hash: Uint8Array): Promise<AuthResult> => {
    const owner = await store.readOwner(roomId);
    if (owner === undefined) {
      await store.writeOwner(roomId, hash);
      return { ok: true, claimed: true };
    }
    const same = owner.byteLength === hash.byteLength && timingSafeEqual(owner, hash);
    return same ? { ok: true, claimed: false } : { ok: false, code: 'wrong_token' };
  };

  return {
    async authorize(roomId, token) {
      if (token === null || !TOKEN.test(token)) return { ok: false, code: 'missing_token' };
      const hash = hashToken(token);
      const before = claiming.get(roomId);
      const result = (before ?? Promise.resolve(undefined))
        .catch(() => undefined)
        .then(() => check(roomId, hash));
      claiming.set(roomId, result);
      try {
        return await result;
      } finally {
        if (claiming.get(roomId) === result) claiming.delete(roomId);
      }
    },
  };
}

/**
 * SHA-256 of the token under a domain prefix: what the store keeps instead of the token.
 *
 * @example hashToken('abc…').byteLength === 32
 */
export function hashToken(token: string): Uint8Array {
  return createHash('sha256').update('trellis/relay-token/v1\0').update(token).digest();
}
