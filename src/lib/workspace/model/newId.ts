/**
 * A fresh random entity id (a UUID v4). Commands accept an explicit `id` instead, which tests use
 * to stay deterministic.
 *
 * @example
 *   const id = newId();
 */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
