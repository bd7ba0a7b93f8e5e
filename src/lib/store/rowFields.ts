// IndexedDB is a trust boundary too: rows written by an older version of the app, by another
// tab mid-upgrade, or edited in the browser's dev tools come back as `unknown`. These small
// readers turn a row into typed fields or `undefined`; each store parses its rows with them.

/** A plain object, for field access on an untrusted row. */
export type RowRecord = Record<string, unknown>;

/**
 * Whether `value` is a non-null object whose fields can be read.
 *
 * @example
 *   if (!isRowRecord(row)) return undefined;
 */
export function isRowRecord(value: unknown): value is RowRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A non-negative safe integer field, or `undefined`.
 *
 * @example
 *   const epoch = readCount(row.epoch);
 */
export function readCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * A byte field, or `undefined`.
 *
 * @example
 *   const wrapped = readBytes(row.wrappedKey);
 */
export function readBytes(value: unknown): Uint8Array | undefined {
  return value instanceof Uint8Array ? value : undefined;
}

/**
 * A string field, or `undefined`.
 *
 * @example
 *   const id = readString(row.deviceId);
 */
export function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * An array field whose every element `readItem` accepts, or `undefined`.
 *
 * @example
 *   const devices = readArray(row.devices, readString);
 */
export function readArray<T>(
  value: unknown,
  readItem: (item: unknown) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const parsed = readItem(item);
    if (parsed === undefined) return undefined;
    items.push(parsed);
  }
  return items;
}
