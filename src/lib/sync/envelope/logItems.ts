// The log's entries together with the Yjs items that hold them. Healing a damaged copy needs the
// item: its id is what the relay is asked for again, and its content is what is put right.
import * as Y from 'yjs';

/** One live entry of the log and where it sits. */
export interface LogItem {
  item: Y.Item;
  /** The entry's offset inside its item (a blob has an item of its own; other content may not). */
  index: number;
  entry: unknown;
}

/**
 * The log's live (not deleted) entries, in order, with their items.
 *
 * @example
 *   for (const { item, entry } of logItems(room.log)) console.debug(item.id.client, entry);
 */
export function* logItems(log: Y.Array<unknown>): Generator<LogItem> {
  for (let item = log._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const entries = item.content.getContent() as unknown[];
    for (let index = 0; index < entries.length; index += 1) {
      yield { item, index, entry: entries[index] };
    }
  }
}
