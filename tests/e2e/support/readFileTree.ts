import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Haystack } from './findNeedles';

/**
 * Every file under `dir`, at any depth, as raw bytes named by its path relative to `dir`.
 *
 * @example
 *   const files = await readFileTree(server.dataDir);
 */
export async function readFileTree(dir: string): Promise<Haystack[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { name: relative(dir, path), bytes: await readFile(path) };
      }),
  );
}
