import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { generateVaultKey, readyCrypto } from '$lib/crypto';
import { openTrellisDb } from '$lib/store';

/** A fresh, isolated database and a vault key. */
export async function freshStore(name = 'store-test') {
  await readyCrypto();
  const factory = new IDBFactory();
  const connect = () => openTrellisDb({ name, indexedDB: factory, IDBKeyRange });
  return { db: connect(), connect, vaultKey: generateVaultKey() };
}
