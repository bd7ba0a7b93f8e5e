/**
 * RFC 5545 text helpers: TEXT escaping (§3.3.11), UTC DATE-TIME (§3.3.5), content-line folding
 * (§3.1) and CRLF line ends.
 */

/**
 * Escape a TEXT value: backslash, semicolon and comma get a backslash, line breaks become `\n`,
 * other control characters (not allowed in TEXT) are dropped.
 *
 * @example
 *   escapeIcsText('Plan; review, then\nnext'); // 'Plan\\; review\\, then\\nnext'
 */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/./gu, (char) => (isControl(char) ? '' : char));
}

/** C0 controls other than tab, and DEL: not allowed in TEXT values. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

/**
 * A UTC DATE-TIME value: `20250310T170000Z`.
 *
 * @example
 *   formatIcsUtc(new Date('2025-03-10T17:00:00Z')); // '20250310T170000Z'
 */
export function formatIcsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Fold a content line to at most 75 octets per physical line: each continuation begins with one
 * space. Never splits a UTF-8 sequence (folds between code points).
 *
 * @example
 *   foldIcsLine('DESCRIPTION:' + 'x'.repeat(100)); // first line 75 octets, then '\r\n ' + rest
 */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder();
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      lines.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

/**
 * Join content lines into an iCalendar object: each folded, each ended by CRLF.
 *
 * @example
 *   icsLines(['BEGIN:VCALENDAR', 'END:VCALENDAR']); // 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'
 */
export function icsLines(lines: readonly string[]): string {
  return lines.map((line) => `${foldIcsLine(line)}\r\n`).join('');
}
