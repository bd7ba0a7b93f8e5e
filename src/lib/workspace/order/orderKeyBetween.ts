/**
 * Fractional order keys for ordered lists (agenda topics, milestones).
 *
 * Why keys and not a Y.Array of ids: a move is then one field write on the moved entity (last
 * writer wins), whereas moving in a Y.Array is delete + insert, and two people moving the same
 * item while apart would leave it in the list twice; and the entity's existence and its place
 * live in one structure that cannot drift apart. Items sort by `(order, id)` in code-unit order,
 * so every replica shows the same order even if two keys ever tie.
 *
 * Keys are strings of base-62 digits that never end in the smallest digit, so there is always
 * room between two of them (after David Greenspan's "Implementing Fractional Indexing").
 * Concurrent inserts at the same place compute the same midpoint; a salt from the new item's id
 * is appended so they still get distinct keys.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = '0';
const KEY_PATTERN = /^[0-9A-Za-z]*[1-9A-Za-z]$/;
const SALT_LENGTH = 4;

/** Whether `key` is a well-formed order key (data from the partner may not be). */
export function isOrderKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= 200 && KEY_PATTERN.test(key);
}

/**
 * A key strictly between `before` and `after` (either may be absent: list start or end). A
 * `salt` (the new item's id) makes concurrent inserts at the same place distinct.
 *
 * @example
 *   orderKeyBetween(undefined, undefined); // 'V'
 *   orderKeyBetween('V', undefined); // 'k'
 *   orderKeyBetween('V', 'k', 'a1b2'); // e.g. 'ca1b2': between 'V' and 'k'
 */
export function orderKeyBetween(
  before: string | undefined,
  after: string | undefined,
  salt?: string,
): string {
  if (before !== undefined && !isOrderKey(before)) throw new RangeError('bad order key');
  if (after !== undefined && !isOrderKey(after)) throw new RangeError('bad order key');
  if (before !== undefined && after !== undefined && before >= after) {
    throw new RangeError('order keys out of order');
  }
  let key = midpoint(before ?? '', after);
  const suffix = saltDigits(salt);
  if (suffix === '') return key;
  // A key that is a prefix of `after` would exceed it once extended; step closer to `after`
  // until it is not (this ends: each step fixes one more digit of `after`).
  while (after !== undefined && after.startsWith(key)) key = midpoint(key, after);
  return key + suffix;
}

function midpoint(a: string, b: string | undefined): string {
  if (b !== undefined) {
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a.length > 0 ? DIGITS.indexOf(a.charAt(0)) : 0;
  const digitB = b !== undefined ? DIGITS.indexOf(b.charAt(0)) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS.charAt(Math.round(0.5 * (digitA + digitB)));
  if (b !== undefined && b.length > 1) return b.slice(0, 1);
  return DIGITS.charAt(digitA) + midpoint(a.slice(1), undefined);
}

function saltDigits(salt: string | undefined): string {
  if (salt === undefined) return '';
  const digits = [...salt].filter((char) => DIGITS.includes(char)).slice(0, SALT_LENGTH);
  const trimmed = digits.join('').replace(/0+$/, '');
  return trimmed === '' ? 'V' : trimmed;
}
