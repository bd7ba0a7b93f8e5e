// Browsers may evict a site's IndexedDB under storage pressure unless the site holds
// persistent storage. For an offline-first app whose only copy of unsent work is on the device,
// eviction is data loss, so the app asks once at start-up. Browsers decide by their own rules
// (engagement, installed PWA, a prompt in Firefox); a refusal is reported, not retried in a loop.

/** The outcome of asking for persistent storage. */
export type PersistentStorageResult = 'granted' | 'denied' | 'unsupported';

/** The part of `navigator.storage` this uses; injectable for tests. */
export interface PersistableStorage {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

/**
 * Asks the browser to keep this site's storage through storage pressure.
 *
 * @example
 *   const result = await requestPersistentStorage(); // 'granted' | 'denied' | 'unsupported'
 */
export async function requestPersistentStorage(
  storage: PersistableStorage | undefined = globalThis.navigator?.storage,
): Promise<PersistentStorageResult> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted?.()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    // Some browsers throw in private mode or from an insecure origin instead of answering.
    return 'unsupported';
  }
}
