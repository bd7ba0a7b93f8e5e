// The inner-doc cache: this device's verified copy of everything it has applied, encrypted with
// a local key (wrapped by the vault key) so nothing in IndexedDB is plaintext. It also carries
// the local edits not yet published, so a crash between an edit and its blob loses nothing and
// the edits are still sealed after the restart.
import * as encoding from 'lib0/encoding';
import { openSecret, sealSecret, type WorkspaceId } from '$lib/crypto';
import { createByteReader } from '../binary/byteReader';
import { MAX_INCARNATIONS_PER_UPDATE } from '../envelope/updatePayload';
import type { SealBatch } from '../envelope/sealQueue';

/** What the cache holds, decrypted. */
export interface InnerCacheContent {
  /** `Y.encodeStateAsUpdate(innerDoc)`. */
  state: Uint8Array;
  /** Local edits not yet published. */
  unpublished: SealBatch | undefined;
}

const FORMAT = 1;
const associatedData = (workspaceId: WorkspaceId) =>
  new TextEncoder().encode(`trellis/inner-cache/v1\0${workspaceId}`);

/**
 * Encrypts the cache content under the workspace's local cache key: nonce(24) | ciphertext.
 *
 * @example
 *   const sealed = sealInnerCache({ cacheKey, workspaceId, content: { state, unpublished } });
 */
export function sealInnerCache(input: {
  cacheKey: Uint8Array;
  workspaceId: WorkspaceId;
  content: InnerCacheContent;
}): Uint8Array {
  const { state, unpublished } = input.content;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FORMAT);
  encoding.writeVarUint8Array(encoder, state);
  encoding.writeVarUint(encoder, unpublished ? unpublished.incarnations.length : 0);
  for (const incarnation of unpublished?.incarnations ?? []) {
    encoding.writeVarUint(encoder, incarnation);
  }
  encoding.writeVarUint8Array(encoder, unpublished?.update ?? new Uint8Array());
  return sealSecret({
    plaintext: encoding.toUint8Array(encoder),
    associatedData: associatedData(input.workspaceId),
    key: input.cacheKey,
  });
}

/**
 * Decrypts and parses a cache; `CACHE_UNREADABLE` if it was written under another key, is
 * damaged, or has an unknown format (the engine then rebuilds from the outer doc).
 *
 * @example
 *   const opened = openInnerCache({ cacheKey, workspaceId, sealed: row.sealed });
 */
export function openInnerCache(input: {
  cacheKey: Uint8Array;
  workspaceId: WorkspaceId;
  sealed: Uint8Array;
}): { ok: true; content: InnerCacheContent } | { ok: false; code: 'CACHE_UNREADABLE' } {
  const unreadable = { ok: false, code: 'CACHE_UNREADABLE' } as const;
  const decrypted = openSecret({
    sealed: input.sealed,
    associatedData: associatedData(input.workspaceId),
    key: input.cacheKey,
  });
  if (!decrypted.ok) return unreadable;
  const reader = createByteReader(decrypted.plaintext);
  if (reader.varUint() !== FORMAT) return unreadable;
  const state = reader.varBytes();
  const count = reader.varUint();
  if (!state || count === undefined || count > MAX_INCARNATIONS_PER_UPDATE) return unreadable;
  const incarnations: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const incarnation = reader.varUint();
    if (incarnation === undefined) return unreadable;
    incarnations.push(incarnation);
  }
  const update = reader.varBytes();
  if (!update || !reader.done()) return unreadable;
  const unpublished = count > 0 ? { update, incarnations } : undefined;
  return { ok: true, content: { state, unpublished } };
}
