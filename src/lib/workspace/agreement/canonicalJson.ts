/**
 * JSON with one spelling per value: object keys sorted by code unit at every depth, strings
 * NFC-normalised (the same word typed on two keyboards can differ in composition), no spaces.
 * `JSON.stringify` already writes numbers and escapes deterministically, lone surrogates
 * included (`\udXXX`), so the result is well-formed text with a single UTF-8 encoding.
 *
 * @example
 *   canonicalJson({ b: 1, a: 'é' }); // '{"a":"é","b":1}' (with é as one code point)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key.normalize('NFC'), item] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
