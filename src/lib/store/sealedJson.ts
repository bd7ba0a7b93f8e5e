// Small records that are nobody else's business (the profile, who verified whom) are stored as
// JSON sealed under the vault key. One envelope for all of them: `sealSecret` of the JSON text.
import { openSecret, sealSecret, type VaultKey } from '$lib/crypto';

/**
 * `value` as JSON, sealed under `key` with `associatedData` naming what it is.
 *
 * @example
 *   const sealed = sealJson({ value: profile, associatedData: PROFILE_AD, key: vaultKey });
 */
export function sealJson(input: {
  value: unknown;
  associatedData: Uint8Array;
  key: VaultKey;
}): Uint8Array {
  const plaintext = new TextEncoder().encode(JSON.stringify(input.value));
  return sealSecret({ plaintext, associatedData: input.associatedData, key: input.key });
}

/**
 * The JSON value sealed by `sealJson`, as untrusted input for the caller to parse; undefined
 * when it does not open under `key` and `associatedData` or is not JSON.
 *
 * @example
 *   const raw = openJson({ sealed: row.sealed, associatedData: PROFILE_AD, key: vaultKey });
 */
export function openJson(input: {
  sealed: Uint8Array;
  associatedData: Uint8Array;
  key: VaultKey;
}): unknown {
  const opened = openSecret(input);
  if (!opened.ok) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(opened.plaintext)) as unknown;
  } catch {
    return undefined;
  }
}
