import type * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, rootMap } from './docShape';

/*
 * `meta.schemaVersion` is a doc field like any other: any member can write any value into it.
 * So it can only ever hold back content edits, and only when it is believable: exactly one step
 * above this build is a partner on a newer Trellis (content waits for the update), while a value
 * further above, or one that is not a positive integer, no release wrote (the doc is treated as
 * this build's own version, with a warning). Membership bookkeeping (devices, rotations, invites)
 * never reads it, so no value written here can keep a device or a person from being removed.
 */

/** How a doc's schema version stands against this build's. */
export type SchemaStanding =
  /** No workspace yet: a joining device before its first sync. */
  | 'absent'
  /** This build's version or an older one (`migrateDoc` upgrades it). */
  | 'known'
  /** Exactly one step above: written by the next Trellis. Content waits for an update. */
  | 'next'
  /** Further above, or not a positive integer: no release wrote it. Treated as `known`. */
  | 'unrecognised';

/**
 * The doc's schema version, or `undefined` when the doc holds no workspace yet (a joining
 * device before its first sync) or the value is not a positive integer.
 *
 * @example
 *   readSchemaVersion(new Y.Doc()); // undefined
 */
export function readSchemaVersion(doc: Y.Doc): number | undefined {
  const value = rootMap(doc, 'meta').get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * How the doc's schema version stands against `current` (this build's unless given). A doc with
 * people in it holds a workspace even when its version was deleted: that reads `unrecognised`,
 * not `absent`, so deleting the field does not stop anyone either.
 *
 * @example
 *   schemaStanding(doc); // 'next' when the partner's Trellis is one version ahead
 */
export function schemaStanding(doc: Y.Doc, current = CURRENT_SCHEMA_VERSION): SchemaStanding {
  const meta = rootMap(doc, 'meta');
  if (!meta.has('schemaVersion')) {
    return rootMap(doc, 'people').size === 0 ? 'absent' : 'unrecognised';
  }
  const version = readSchemaVersion(doc);
  if (version === undefined || version > current + 1) return 'unrecognised';
  return version === current + 1 ? 'next' : 'known';
}

/**
 * Whether the doc was written by the next Trellis, one version ahead of this one. The UI then asks
 * the person to update instead of editing (and maybe corrupting) a shape it does not know.
 *
 * @example
 *   if (isDocFromNewerVersion(doc)) showUpdatePrompt();
 */
export function isDocFromNewerVersion(doc: Y.Doc): boolean {
  return schemaStanding(doc) === 'next';
}
