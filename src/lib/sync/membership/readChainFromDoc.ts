// Reading the chain out of the inner doc. The map is writable by any member with raw Yjs, so an
// entry is only a claim: its value must be record bytes that parse and verify, and its key must
// be their hash. Anything else is reported, never thrown and never counted.
import type * as Y from 'yjs';
import type { ChainRecord, ChainRecordErrorCode } from './chainTypes';
import { MEMBERSHIP_MAP_NAME } from './membershipMapName';
import { parseChainRecord } from './parseChainRecord';

/** Why an entry of the membership map was not read as a record. */
export type ChainDocProblemCode =
  | ChainRecordErrorCode
  /** The value is not a Uint8Array. */
  | 'NOT_BYTES'
  /** The value is a valid record, but stored under another key than its hash. */
  | 'WRONG_KEY';

/** What `readChainFromDoc` found. */
export interface ChainFromDoc {
  /** Valid records of this workspace, by key ascending (derive does not depend on the order). */
  records: ChainRecord[];
  problems: Array<{ key: string; code: ChainDocProblemCode }>;
}

/**
 * Every valid record in `doc`'s membership map, and a problem for each entry that is not one.
 *
 * @example
 *   const { records, problems } = readChainFromDoc(doc, workspaceId);
 *   const membership = deriveMembership({ root, records });
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function readChainFromDoc(doc: Y.Doc, workspaceId: string): ChainFromDoc {
  const map = doc.getMap<unknown>(MEMBERSHIP_MAP_NAME);
  const result: ChainFromDoc = { records: [], problems: [] };
  for (const key of [...map.keys()].sort()) {
    const value = map.get(key);
    if (!(value instanceof Uint8Array)) {
      result.problems.push({ key, code: 'NOT_BYTES' });
      continue;
    }
    const parsed = parseChainRecord(value, { workspaceId });
    if (!parsed.ok) result.problems.push({ key, code: parsed.code });
    else if (parsed.record.hash !== key) result.problems.push({ key, code: 'WRONG_KEY' });
    else result.records.push(parsed.record);
  }
  return result;
}
