// base64url without padding (RFC 4648 §5) is how Trellis spells binary ids in URLs, room paths
// and JSON. It is written out here rather than taken from libsodium so that ids can be encoded
// before `readyCrypto()` and in modules that must not load the library.

/** The RFC 4648 §5 alphabet. */
export const BASE64URL_ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Encodes bytes as base64url without padding.
 *
 * @example
 *   toBase64Url(new Uint8Array([0xfb, 0xff])); // '-_8'
 */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  let index = 0;
  for (; index + 3 <= bytes.length; index += 3) {
    const triple = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    text +=
      BASE64URL_ALPHABET[(triple >>> 18) & 63]! +
      BASE64URL_ALPHABET[(triple >>> 12) & 63]! +
      BASE64URL_ALPHABET[(triple >>> 6) & 63]! +
      BASE64URL_ALPHABET[triple & 63]!;
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const first = bytes[index]!;
    text += BASE64URL_ALPHABET[first >>> 2]! + BASE64URL_ALPHABET[(first & 3) << 4]!;
  } else if (rest === 2) {
    const pair = (bytes[index]! << 8) | bytes[index + 1]!;
    text +=
      BASE64URL_ALPHABET[pair >>> 10]! +
      BASE64URL_ALPHABET[(pair >>> 4) & 63]! +
      BASE64URL_ALPHABET[(pair & 15) << 2]!;
  }
  return text;
}
