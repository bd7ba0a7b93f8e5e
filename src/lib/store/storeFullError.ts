// A full disk is an expected condition on a phone, not a crash: the browser refuses a write
// with a QuotaExceededError (sometimes wrapped by Dexie in an AbortError whose `inner` is the
// quota error). Every store write goes through `withStoreErrors`, so callers see one named
// error with a message a person can act on, and the sync engine can keep the data in memory
// and retry.

/** The device refused a write because its storage is full. Nothing already stored is lost. */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
  constructor(options?: { cause?: unknown }) {
    super(
      'This device is out of storage space. Your latest changes are kept open in this window ' +
        'but are not saved yet: free some space, and Trellis will save them.',
      options,
    );
  }
}

/**
 * Whether `error` (or an error it wraps) is the browser's quota error.
 *
 * @example
 *   isQuotaError(new DOMException('full', 'QuotaExceededError')); // true
 */
export function isQuotaError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof StoreFullError) return true;
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner ?? cause;
  }
  return false;
}

/**
 * Runs a store write and turns a quota failure into `StoreFullError`; other errors pass through.
 *
 * @example
 *   await withStoreErrors(() => db.outerUpdates.add(row));
 * @throws StoreFullError when the device is out of storage space.
 */
export async function withStoreErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StoreFullError({ cause: error });
    throw error;
  }
}
