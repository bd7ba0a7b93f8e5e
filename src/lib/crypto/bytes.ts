// Small byte helpers shared by the crypto modules. Untrusted input reaches decrypt, verify and
// unwrap, so they check shapes with `isBytes` before handing anything to libsodium.

/**
 * Whether `value` is a Uint8Array, optionally of exactly `length` bytes.
 *
 * @example
 *   isBytes(nonce, 24);
 */
export function isBytes(value: unknown, length?: number): value is Uint8Array {
  return value instanceof Uint8Array && (length === undefined || value.length === length);
}

/**
 * The concatenation of `parts` in a new array.
 *
 * @example
 *   concatBytes([header, nonce, ciphertext]);
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * UTF-8 bytes of `text`.
 *
 * @example
 *   utf8('trellis/blob/update/v1\0');
 */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
