// The only module that touches libsodium. The sumo build is large (WebAssembly plus a JS
// fallback), so it is imported dynamically on the first `readyCrypto()` call: pages that never
// need crypto never download it, and a bundler can split it into its own chunk. After that one
// await, every crypto function is synchronous, which keeps callers (Yjs observers, Dexie hooks)
// free of promise plumbing.
import type sodiumModule from 'libsodium-wrappers-sumo';

/** The loaded libsodium API. */
export type Sodium = typeof sodiumModule;

/** A crypto function was called before `readyCrypto()` resolved: a programming error. */
export class CryptoNotReadyError extends Error {
  override readonly name = 'CryptoNotReadyError';
  constructor() {
    super('Crypto used before readyCrypto() resolved; await readyCrypto() at start-up.');
  }
}

let loaded: Sodium | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads and initialises libsodium once. Idempotent and safe to call concurrently; a failed
 * load is not cached, so a later call can retry.
 *
 * @example
 *   await readyCrypto();
 *   const identity = generateDeviceIdentity();
 */
export function readyCrypto(): Promise<void> {
  if (loaded) return Promise.resolve();
  loading ??= import('libsodium-wrappers-sumo')
    .then(async (module) => {
      await module.default.ready;
      loaded = module.default;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/**
 * The loaded libsodium, for the modules in src/lib/crypto only.
 *
 * @example
 *   const hash = getSodium().crypto_generichash(32, data, null);
 * @throws CryptoNotReadyError before `readyCrypto()` resolved.
 */
export function getSodium(): Sodium {
  if (!loaded) throw new CryptoNotReadyError();
  return loaded;
}

/** Whether `readyCrypto()` has resolved. */
export function isCryptoReady(): boolean {
  return loaded !== undefined;
}
