import type { Page } from '@playwright/test';
import type { Haystack } from './findNeedles';

/** One byte run found in IndexedDB, base64 so it crosses from the page as plain JSON. */
interface PageChunk {
  name: string;
  base64: string;
}

/**
 * Every database, object store, key and value the page's origin holds in IndexedDB, as byte
 * haystacks: each string as its UTF-8 bytes, each Uint8Array, ArrayBuffer or Blob as its bytes,
 * walking into arrays, maps, sets and objects (property names included). Numbers, booleans and
 * dates cannot hold typed text, so they are skipped.
 *
 * @example
 *   const stored = await readIndexedDb(page);
 *   expect(findNeedles({ haystacks: stored, needles })).toEqual([]);
 */
export async function readIndexedDb(page: Page): Promise<Haystack[]> {
  const chunks: PageChunk[] = await page.evaluate(async () => {
    const found: { name: string; base64: string }[] = [];
    const utf8 = new TextEncoder();
    const keep = (name: string, bytes: Uint8Array) => {
      let binary = '';
      for (let at = 0; at < bytes.length; at += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
      }
      found.push({ name, base64: btoa(binary) });
    };
    const walk = async (value: unknown, name: string, seen: Set<object>): Promise<void> => {
      if (typeof value === 'string') return keep(name, utf8.encode(value));
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      if (value instanceof ArrayBuffer) return keep(name, new Uint8Array(value));
      if (ArrayBuffer.isView(value)) {
        return keep(name, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      }
      if (value instanceof Blob) return keep(name, new Uint8Array(await value.arrayBuffer()));
      if (value instanceof Map) {
        for (const [key, item] of value) {
          await walk(key, `${name}.<key>`, seen);
          await walk(item, `${name}.<value>`, seen);
        }
        return;
      }
      if (value instanceof Set || Array.isArray(value)) {
        let index = 0;
        for (const item of value) await walk(item, `${name}[${index++}]`, seen);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        keep(`${name}.<name ${key.slice(0, 24)}>`, utf8.encode(key));
        await walk(item, `${name}.${key.slice(0, 24)}`, seen);
      }
    };
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((done, fail) => {
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });

    const databases = await indexedDB.databases();
    for (const info of databases) {
      if (!info.name) continue;
      keep(`${info.name} <name>`, utf8.encode(info.name));
      const open = indexedDB.open(info.name);
      const db = await request(open);
      try {
        for (const storeName of Array.from(db.objectStoreNames)) {
          const store = db.transaction(storeName, 'readonly').objectStore(storeName);
          const keys = await request(store.getAllKeys());
          const values = await request(store.getAll());
          const where = `${info.name}/${storeName}`;
          await walk(keys, `${where} keys`, new Set());
          for (const [index, item] of values.entries()) {
            await walk(item, `${where}[${index}]`, new Set());
          }
        }
      } finally {
        db.close();
      }
    }
    return found;
  });
  return chunks.map((chunk) => ({ name: chunk.name, bytes: Buffer.from(chunk.base64, 'base64') }));
}

/**
 * Plants a database holding `text` as a string and as bytes, so a scan can prove it finds both
 * spellings; answers the function that deletes it again.
 *
 * @example
 *   const remove = await plantIndexedDbControl(page, 'Control-0451');
 */
export async function plantIndexedDbControl(
  page: Page,
  input: { databaseName: string; asString: string; asBytes: string },
): Promise<() => Promise<void>> {
  await page.evaluate(async ({ databaseName, asString, asBytes }) => {
    const open = indexedDB.open(databaseName, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('control');
    const db = await new Promise<IDBDatabase>((done, fail) => {
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const tx = db.transaction('control', 'readwrite');
    tx.objectStore('control').put({ text: asString }, 'string');
    tx.objectStore('control').put({ bytes: new TextEncoder().encode(asBytes) }, 'bytes');
    await new Promise<void>((done, fail) => {
      tx.oncomplete = () => done();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, input);
  return async () => {
    await page.evaluate(
      (name) =>
        new Promise<void>((done, fail) => {
          const deleting = indexedDB.deleteDatabase(name);
          deleting.onsuccess = () => done();
          deleting.onerror = () => fail(deleting.error);
        }),
      input.databaseName,
    );
  };
}
