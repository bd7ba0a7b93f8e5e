// The engine's asynchronous operations (publish, compact, roll the epoch, seed) read state,
// await the store, then write the outer doc. Run one at a time, each sees the state the
// previous one left, so two of them can never interleave around an await (for example a
// publish under an epoch that a concurrent rollover just replaced).

/** See `createSerialTasks`. */
export interface SerialTasks {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once every task queued so far has finished. */
  idle(): Promise<void>;
}

/**
 * A one-at-a-time task runner; a failing task does not stop the ones after it.
 *
 * @example
 *   const tasks = createSerialTasks();
 *   await tasks.run(() => publishPending(ctx));
 */
export function createSerialTasks(): SerialTasks {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
    idle: () => tail.then(() => undefined),
  };
}
