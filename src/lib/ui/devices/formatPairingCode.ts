/**
 * A device-linking code as people read it aloud: digits in groups of three ("123 456"), whatever
 * spacing it arrived with. Anything but digits and spaces is shown as given, so a malformed code
 * is visibly wrong rather than silently "fixed" into one that matches.
 *
 * @example
 *   formatPairingCode('123456'); // '123 456'
 *   formatPairingCode(' 12 3456 '); // '123 456'
 */
export function formatPairingCode(code: string): string {
  const digits = code.replace(/\s+/g, '');
  if (!/^\d+$/.test(digits)) return code.trim();
  return digits.replace(/(\d{3})(?=\d)/g, '$1 ');
}
