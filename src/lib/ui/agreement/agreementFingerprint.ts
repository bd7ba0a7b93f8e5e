/**
 * The short form of a signed version's hash that people compare: the agreement screen and the
 * printable record show the same one.
 *
 * @example
 *   agreementFingerprint(version.contentHash); // 'Qm9vb2sgZGF0'
 */
export function agreementFingerprint(contentHash: string): string {
  return contentHash.slice(0, 12);
}
