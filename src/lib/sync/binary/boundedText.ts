// Text fields of the link and invite messages: bounded in UTF-8 bytes (the wire limit), never
// blank, and only text that survives a UTF-8 round trip (a lone surrogate would not, so a
// signature over its bytes would not verify on the other side).

const encoder = new TextEncoder();

/** Names of IANA time zones (`Europe/Lisbon`, `Etc/GMT+3`): nothing else is a zone. */
const TIME_ZONE = /^[A-Za-z0-9_+\-/]+$/;

/**
 * Whether `text` is 1 to `maxBytes` UTF-8 bytes, not all blank, and round-trips through UTF-8.
 *
 * @example
 *   isBoundedText('Ada’s phone', 200); // true
 *   isBoundedText('   ', 200); // false
 */
export function isBoundedText(text: unknown, maxBytes: number): text is string {
  if (typeof text !== 'string' || text.trim().length === 0) return false;
  const bytes = encoder.encode(text);
  return bytes.length <= maxBytes && new TextDecoder().decode(bytes) === text;
}

/**
 * Whether `text` looks like an IANA time zone name of at most `maxBytes` bytes.
 *
 * @example
 *   isTimeZoneName('America/Argentina/Buenos_Aires', 64); // true
 */
export function isTimeZoneName(text: unknown, maxBytes: number): text is string {
  return isBoundedText(text, maxBytes) && TIME_ZONE.test(text);
}
