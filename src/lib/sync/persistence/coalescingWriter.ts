// Checkpoints are requested on every change but written one at a time: a request while one is
// being written marks the state dirty, and exactly one more write follows. A burst of a few
// hundred incoming blobs therefore costs two writes, not hundreds.

/** See `createCoalescingWriter`. */
export interface CoalescingWriter {
  request(): void;
  /** Resolves once no write is running or requested. */
  idle(): Promise<void>;
}

/**
 * A writer around `write`; a failed write is reported to `onError` and not retried here.
 *
 * @example
 *   const writer = createCoalescingWriter({ write: () => saveCheckpoint(ctx), onError: report });
 *   outer.on('update', () => writer.request());
 */
export function createCoalescingWriter(options: {
  write: () => Promise<void>;
  onError: (error: unknown) => void;
}): CoalescingWriter {
  let running: Promise<void> | undefined;
  let dirty = false;
  const loop = async () => {
    // Start after the current task, so the synchronous changes of one event share a write.
    await Promise.resolve();
    while (dirty) {
      dirty = false;
      try {
        await options.write();
      } catch (error) {
        options.onError(error);
      }
    }
    running = undefined;
  };
  return {
    request() {
      dirty = true;
      running ??= loop();
    },
    async idle() {
      while (running) await running;
    },
  };
}
