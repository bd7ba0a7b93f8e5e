/**
 * The root Y.Map of the inner doc that holds the chain: key = a record's hash, value = its bytes
 * (a Uint8Array). Any member can write the map, so every entry is parsed as hostile on read.
 *
 * @example
 *   doc.getMap(MEMBERSHIP_MAP_NAME).observe(() => rederive());
 */
export const MEMBERSHIP_MAP_NAME = 'membership';
