// Batching: a blob adds ~200 bytes (header, nonce, tag, signature, padding to 256), many times a
// keystroke's update. Local updates are therefore collected and sealed as one merged update
// once the person pauses (`idleMs`), but never later than `maxDelayMs` after the first waiting
// change, and at once on `flush` (page hidden, close). The timer runs on an injected clock.
import * as Y from 'yjs';
import type { Clock, TimerHandle } from '../clock/clock';

/** Local updates merged for one blob, with the incarnations whose client ids they use. */
export interface SealBatch {
  update: Uint8Array;
  incarnations: number[];
}

/** See `createSealQueue`. */
export interface SealQueue {
  /** Queues a local update written under `incarnations` (one, except for restored batches). */
  push(update: Uint8Array, incarnations: readonly number[]): void;
  /** Merges everything waiting into one batch, now in flight until `confirm` or `restore`. */
  take(): SealBatch | undefined;
  /** The batch in flight is stored and published. */
  confirm(): void;
  /** The batch in flight failed: it waits again, first in line, and retries after `ms`. */
  restore(retryMs: number): void;
  /** Everything not yet published (in flight and waiting), merged; for the crash-safe cache. */
  unpublished(): SealBatch | undefined;
  /** Local updates not yet published. */
  size(): number;
  dispose(): void;
}

/**
 * A queue that calls `onDue` when its batch should be sealed.
 *
 * @example
 *   const queue = createSealQueue({ clock, idleMs: 300, maxDelayMs: 2000, onDue: () => void flush() });
 *   inner.on('update', (update) => queue.push(update, [incarnation]));
 */
export function createSealQueue(options: {
  clock: Clock;
  idleMs: number;
  maxDelayMs: number;
  onDue: () => void;
}): SealQueue {
  const { clock, idleMs, maxDelayMs, onDue } = options;
  let waiting: SealBatch[] = [];
  let inFlight: SealBatch | undefined;
  let firstAt: number | undefined;
  let timer: TimerHandle | undefined;

  const schedule = (delay: number) => {
    if (timer) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = undefined;
      onDue();
    }, delay);
  };
  const merge = (batches: SealBatch[]): SealBatch | undefined => {
    if (batches.length === 0) return undefined;
    if (batches.length === 1) return batches[0];
    return {
      update: Y.mergeUpdates(batches.map((batch) => batch.update)),
      incarnations: [...new Set(batches.flatMap((batch) => batch.incarnations))],
    };
  };
  let waitingUpdates = 0;
  let inFlightUpdates = 0;

  return {
    push(update, incarnations) {
      waiting.push({ update, incarnations: [...incarnations] });
      waitingUpdates += 1;
      const now = clock.now();
      firstAt ??= now;
      schedule(Math.max(0, Math.min(now + idleMs, firstAt + maxDelayMs) - now));
    },
    take() {
      if (inFlight) return undefined;
      const batch = merge(waiting);
      if (!batch) return undefined;
      if (timer) clock.clearTimeout(timer);
      timer = undefined;
      inFlight = batch;
      inFlightUpdates = waitingUpdates;
      waiting = [];
      waitingUpdates = 0;
      firstAt = undefined;
      return batch;
    },
    confirm() {
      inFlight = undefined;
      inFlightUpdates = 0;
    },
    restore(retryMs) {
      if (!inFlight) return;
      waiting.unshift(inFlight);
      waitingUpdates += inFlightUpdates;
      inFlight = undefined;
      inFlightUpdates = 0;
      firstAt ??= clock.now();
      schedule(retryMs);
    },
    unpublished: () => merge(inFlight ? [inFlight, ...waiting] : waiting),
    size: () => waitingUpdates + inFlightUpdates,
    dispose() {
      if (timer) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
