// Waiting on real asynchronous work (sockets, IndexedDB) while virtual time stands still.
import type { ByteCounter } from './byteCounter';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Resolves once none of `counters` has moved for `quietMs` (the sockets have drained); throws
 * after `timeoutMs`.
 *
 * @example
 *   await waitForQuiet([counter], { quietMs: 10 });
 */
export async function waitForQuiet(
  counters: readonly ByteCounter[],
  options: { quietMs: number; timeoutMs?: number },
): Promise<void> {
  const total = () => counters.reduce((sum, counter) => sum + counter.total(), 0);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (let last = total(); ;) {
    await sleep(options.quietMs);
    const now = total();
    if (now === last) return;
    if (Date.now() > deadline) throw new Error('the sockets never went quiet');
    last = now;
  }
}

/**
 * Polls `check` every 10 ms until it holds; throws, naming `what`, after `timeoutMs`.
 *
 * @example
 *   await waitUntil(() => engine.status.get().connection === 'synced', 'connected');
 */
export async function waitUntil(
  check: () => boolean,
  what: string,
  timeoutMs = 60_000,
  describe?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for: ${what}${describe ? ` (${describe()})` : ''}`);
    }
    await sleep(10);
  }
}
