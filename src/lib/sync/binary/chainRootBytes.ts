// A workspace's chain root (the BLAKE2b-256 hash of its genesis record) travels in the device-link
// bundle and the backup payload as a flag byte and 32 raw bytes, so both formats decode and
// re-spell it the same strict way: only the canonical base64url of exactly 32 bytes is a root.
import { fromBase64Url, toBase64Url } from '$lib/crypto';

/** Bytes in a chain root: a BLAKE2b-256 hash. */
export const CHAIN_ROOT_BYTES = 32;

/**
 * The 32 bytes a chain root spells; `undefined` for anything that is not canonical base64url of
 * exactly 32 bytes (never throws).
 *
 * @example
 *   const raw = chainRootBytes(row.chainRoot);
 *   if (!raw) throw new Error('chainRoot must be base64url of 32 bytes');
 */
function chainRootBytes(chainRoot: unknown): Uint8Array | undefined {
  if (typeof chainRoot !== 'string') return undefined;
  const bytes = fromBase64Url(chainRoot);
  return bytes?.length === CHAIN_ROOT_BYTES ? bytes : undefined;
}

/**
 * The field that carries an optional chain root: `[0]` without one, `[1, ...32 bytes]` with one;
 * `undefined` when `chainRoot` is present but not a root (the caller throws its own error).
 *
 * @example
 *   const field = chainRootField(workspace.chainRoot);
 *   if (!field) throw fail('chainRoot must be base64url of 32 bytes');
 */
export function chainRootField(chainRoot: string | undefined): Uint8Array | undefined {
  if (chainRoot === undefined) return Uint8Array.of(0);
  const bytes = chainRootBytes(chainRoot);
  return bytes ? Uint8Array.of(1, ...bytes) : undefined;
}

/**
 * The chain root a flag byte and the bytes after it spell, read with `take` (a reader's
 * `bytes(length)`): `{ chainRoot: undefined }` for flag 0, the base64url root for flag 1 and 32
 * bytes; `undefined` for any other flag or a root cut short.
 *
 * @example
 *   const root = readChainRoot(reader.bytes(1)?.[0], (n) => reader.bytes(n));
 *   if (!root) return undefined;
 */
export function readChainRoot(
  flag: number | undefined,
  take: (length: number) => Uint8Array | undefined,
): { chainRoot: string | undefined } | undefined {
  if (flag === 0) return { chainRoot: undefined };
  if (flag !== 1) return undefined;
  const bytes = take(CHAIN_ROOT_BYTES);
  return bytes ? { chainRoot: toBase64Url(bytes) } : undefined;
}
