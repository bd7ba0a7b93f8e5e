// Decoding is strict because ids are compared as strings: only the one canonical spelling of a
// byte string is accepted (no padding, no whitespace, no standard-alphabet `+` or `/`, unused
// trailing bits zero). Otherwise two different strings could name the same device or workspace.
import { BASE64URL_ALPHABET } from './toBase64Url';

const VALUE_OF = new Map<string, number>(
  [...BASE64URL_ALPHABET].map((char, value) => [char, value]),
);

/**
 * Decodes canonical unpadded base64url; `undefined` for anything else (never throws).
 *
 * @example
 *   fromBase64Url('-_8'); // Uint8Array [0xfb, 0xff]
 *   fromBase64Url('-_9'); // undefined: non-zero trailing bits
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const char of text) {
    const value = VALUE_OF.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >>> bits) & 0xff;
    }
  }
  // Left-over bits (2 or 4) must be zero, or the string is a non-canonical spelling.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
