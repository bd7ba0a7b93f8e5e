// Yjs transaction origins of the sync engine. Observers tell their own writes from everyone
// else's by these: an inner-doc update whose origin is not one of the engine's is a local edit
// to seal; an outer-doc change with `LOCAL_ORIGIN` is the engine's own and is not re-read.

/** Inner doc: an update that arrived in a blob (never sealed again). */
export const REMOTE_ORIGIN = Symbol('trellis/remote');
/** Inner doc: state restored from this device's own encrypted cache (never sealed again). */
export const CACHE_ORIGIN = Symbol('trellis/cache');
/**
 * Inner doc: state restored from an encrypted backup. Every device of the pair has it already;
 * it may hold other devices' Yjs client ids, so it is never sealed as this device's own edit.
 */
export const RESTORE_ORIGIN = Symbol('trellis/restore');
/** Outer doc: the engine's own writes (publish, compaction, republish, import). */
export const LOCAL_ORIGIN = Symbol('trellis/local');
/** Outer doc: updates loaded from IndexedDB at open. */
export const STORE_ORIGIN = Symbol('trellis/store');

/**
 * Whether an inner-doc update with this origin is a local edit that must be sealed and sent.
 *
 * @example
 *   inner.on('update', (update, origin) => { if (isLocalEdit(origin)) queue.push(update); });
 */
export function isLocalEdit(origin: unknown): boolean {
  return origin !== REMOTE_ORIGIN && origin !== CACHE_ORIGIN && origin !== RESTORE_ORIGIN;
}
