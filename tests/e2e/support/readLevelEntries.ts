import { ClassicLevel } from 'classic-level';
import { readdir } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Haystack } from './findNeedles';

/**
 * Every key and value of every LevelDB database under `dir` (a folder holding a `CURRENT`
 * file), read through LevelDB itself. A byte scan of the files alone could miss text that
 * LevelDB compressed (Snappy) into a table or split across two blocks of its write-ahead log.
 * Opening a database may rewrite its files, so scan the raw files first. Call it only once
 * the server that owns the databases has stopped.
 *
 * @example
 *   const { databases, entries } = await readLevelEntries(server.dataDir);
 */
export async function readLevelEntries(
  dir: string,
): Promise<{ databases: string[]; entries: Haystack[] }> {
  const files = await readdir(dir, { withFileTypes: true, recursive: true });
  const databases = files
    .filter((entry) => entry.isFile() && entry.name === 'CURRENT')
    .map((entry) => entry.parentPath);
  const entries: Haystack[] = [];
  for (const location of databases) {
    const db = new ClassicLevel<Buffer, Buffer>(location, {
      createIfMissing: false,
      keyEncoding: 'buffer',
      valueEncoding: 'buffer',
    });
    await db.open();
    try {
      for await (const [key, value] of db.iterator()) {
        const name = `${relative(dir, location) || '.'}:${key.toString('hex').slice(0, 32)}`;
        entries.push({ name: `${name} key`, bytes: key }, { name: `${name} value`, bytes: value });
      }
    } finally {
      await db.close();
    }
  }
  return { databases: databases.map((location) => relative(dir, location) || '.'), entries };
}
