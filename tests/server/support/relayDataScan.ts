// What a plaintext scan of the relay reads: every file under its data folder, and every key and
// value of its LevelDB read through LevelDB (text in a Snappy-compressed table would escape a
// scan of the raw files alone).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';

/**
 * Every file under `dir`, at any depth, as raw bytes.
 *
 * @example
 *   const files = await readTree(server.dataDir);
 */
export async function readTree(dir: string): Promise<Buffer[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFile(join(entry.parentPath, entry.name))),
  );
}

/**
 * Every key and value in the relay's LevelDB under `dir/rooms`. Only once the server stopped.
 *
 * @example
 *   const entries = await readLevel(server.dataDir);
 */
export async function readLevel(dir: string): Promise<Buffer[]> {
  const db = new ClassicLevel<Buffer, Buffer>(join(dir, 'rooms'), {
    createIfMissing: false,
    keyEncoding: 'buffer',
    valueEncoding: 'buffer',
  });
  await db.open();
  try {
    return (await db.iterator().all()).flat();
  } finally {
    await db.close();
  }
}

/**
 * Whether any haystack holds `needle` (text as UTF-8).
 *
 * @example
 *   expect(contains(await readTree(dir), 'secret')).toBe(false);
 */
export const contains = (haystacks: Buffer[], needle: Uint8Array | string): boolean =>
  haystacks.some((haystack) => haystack.includes(Buffer.from(needle)));
