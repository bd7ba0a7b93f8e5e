import * as Y from 'yjs';

/*
 * Typed reads from Y.Maps. The inner doc is written by the partner's device too, so a value may
 * have any type (an older or buggy client, or a hostile one that holds the key): every read
 * checks the type and answers `undefined` rather than trusting the shape.
 */

/** A string field, or `undefined` when absent or not a string. */
export function readString(map: Y.Map<unknown>, key: string): string | undefined {
  const value = map.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** A finite number field, or `undefined`. */
export function readNumber(map: Y.Map<unknown>, key: string): number | undefined {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A boolean field, or `undefined`. */
export function readBoolean(map: Y.Map<unknown>, key: string): boolean | undefined {
  const value = map.get(key);
  return typeof value === 'boolean' ? value : undefined;
}

/** A string field that must be one of `allowed`, or `undefined`. */
export function readEnum<T extends string>(
  map: Y.Map<unknown>,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = map.get(key);
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** A nested Y.Text field, or `undefined`. */
export function readText(map: Y.Map<unknown>, key: string): Y.Text | undefined {
  const value = map.get(key);
  return value instanceof Y.Text ? value : undefined;
}

/** A nested Y.Map field, or `undefined`. */
export function readMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> | undefined {
  const value = map.get(key);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

/**
 * Every entity of a collection as `[id, map]`, skipping values that are not Y.Maps.
 *
 * @example
 *   for (const [id, goal] of entitiesOf(rootMap(doc, 'goals'))) …
 */
export function entitiesOf(collection: Y.Map<unknown>): Array<[string, Y.Map<unknown>]> {
  const entities: Array<[string, Y.Map<unknown>]> = [];
  collection.forEach((value, id) => {
    if (value instanceof Y.Map) entities.push([id, value as Y.Map<unknown>]);
  });
  return entities;
}

/** One entity of a collection by id, or `undefined`. */
export function entityOf(collection: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  return readMap(collection, id);
}
