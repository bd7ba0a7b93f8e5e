// Records are immutable and named by their hash, so writing one is idempotent. An entry already
// under the hash with other bytes can only be vandalism (no two records share a hash), so it is
// put right rather than left to hide the record.
import type * as Y from 'yjs';
import type { ChainRecord } from './chainTypes';
import { MEMBERSHIP_MAP_NAME } from './membershipMapName';
import { sameBytes } from './sameBytes';

/**
 * Stores `record` in `doc`'s membership map under its hash, unless it is there already.
 *
 * @example
 *   writeChainRecord(doc, signChainRecord({ workspaceId, person, parents: chainHeads(m), at, body }));
 */
export function writeChainRecord(doc: Y.Doc, record: ChainRecord): void {
  const map = doc.getMap<unknown>(MEMBERSHIP_MAP_NAME);
  const existing = map.get(record.hash);
  if (!(existing instanceof Uint8Array && sameBytes(existing, record.bytes)))
    map.set(record.hash, record.bytes.slice());
}
