// A fresh database for the app-lock tests, with the factory kept so a test can read the raw
// IndexedDB rows past Dexie.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { readyCrypto } from '$lib/crypto';
import { openTrellisDb } from '$lib/store';

const NAME = 'vault-test';

/** A fresh, isolated database, a way to connect again, and a scan of every raw row. */
export async function freshVaultStore() {
  await readyCrypto();
  const factory = new IDBFactory();
  const connect = () => openTrellisDb({ name: NAME, indexedDB: factory, IDBKeyRange });
  return {
    db: connect(),
    connect,
    factory,
    rawRows: () => readRawRows(factory, NAME),
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Every row of every object store, as IndexedDB itself returns them. */
async function readRawRows(factory: IDBFactory, name: string): Promise<unknown[]> {
  const idb = await request(factory.open(name));
  try {
    const stores = Array.from(idb.objectStoreNames);
    const transaction = idb.transaction(stores, 'readonly');
    const rows = await Promise.all(
      stores.map((store) => request(transaction.objectStore(store).getAll())),
    );
    return rows.flat();
  } finally {
    idb.close();
  }
}

function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether `value` holds `needle` anywhere: in any byte array, buffer, array or field. */
export function holdsBytes(value: unknown, needle: Uint8Array): boolean {
  if (value instanceof ArrayBuffer) return includesBytes(new Uint8Array(value), needle);
  if (ArrayBuffer.isView(value)) {
    // The whole underlying buffer: a view can carry bytes outside its own window.
    return includesBytes(new Uint8Array(value.buffer), needle);
  }
  if (Array.isArray(value)) return value.some((item) => holdsBytes(item, needle));
  if (value && typeof value === 'object') {
    return Object.values(value).some((item) => holdsBytes(item, needle));
  }
  return false;
}
