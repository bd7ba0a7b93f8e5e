import type * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, rootMap } from './docShape';
import { fail, type WorkspaceResult } from './errors';
import { readSchemaVersion, schemaStanding } from './schemaVersion';

/**
 * One step of the doc's shape, from version `to - 1` to `to`.
 *
 * Steps run on every device that opens an older doc, possibly on both devices while apart, so
 * each must be safe to run twice and concurrently:
 * - additive only, keyed by stable names or ids: new root types (which need no write), or values
 *   derived deterministically from the doc, so two devices write the same thing;
 * - never overwrite a value a person may edit (the partner's concurrent edit could lose to the
 *   migration's write), never insert text (two devices would insert it twice);
 * - defaults for new fields belong in the readers, not in a migration.
 */
export interface MigrationStep {
  to: number;
  migrate: (doc: Y.Doc) => void;
}

/**
 * The steps from each version to the next. Version 1 is the first shape: nothing to migrate yet.
 * A step for version 2 goes here together with `CURRENT_SCHEMA_VERSION = 2`.
 */
export const MIGRATIONS: readonly MigrationStep[] = [];

export type MigrationOutcome =
  /** No workspace in the doc yet (a joining device before its first sync): nothing done. */
  | 'uninitialised'
  | 'current'
  | 'migrated'
  /**
   * A version no release wrote (see schemaVersion.ts): nothing done. Its shape is unknown, so no
   * step can be chosen, and rewriting the number would fight a partner's real upgrade.
   */
  | 'unrecognised';

/**
 * Upgrade an older doc to the current shape in place, one step at a time, in one transaction.
 * Idempotent; a doc already current is not written at all. A doc from the next Trellis is left
 * untouched (`NEWER_SCHEMA`): the UI asks the person to update. So is a doc whose version no
 * release wrote (`unrecognised`): it is edited as the current version.
 *
 * @example
 *   const migrated = migrateDoc(doc);
 *   if (!migrated.ok) showUpdatePrompt(); // code 'NEWER_SCHEMA'
 */
export function migrateDoc(
  doc: Y.Doc,
  options: { steps?: readonly MigrationStep[]; target?: number } = {},
): WorkspaceResult<{
  outcome: MigrationOutcome;
  from: number | undefined;
  to: number | undefined;
}> {
  const steps = options.steps ?? MIGRATIONS;
  const target = options.target ?? CURRENT_SCHEMA_VERSION;
  const standing = schemaStanding(doc, target);
  if (standing === 'absent') {
    return { ok: true, outcome: 'uninitialised', from: undefined, to: undefined };
  }
  if (standing === 'next') return fail('NEWER_SCHEMA');
  const from = readSchemaVersion(doc);
  if (standing === 'unrecognised' || from === undefined) {
    return { ok: true, outcome: 'unrecognised', from: undefined, to: undefined };
  }
  if (from === target) return { ok: true, outcome: 'current', from, to: from };
  const path: MigrationStep[] = [];
  for (let version = from + 1; version <= target; version++) {
    const step = steps.find((candidate) => candidate.to === version);
    if (!step) throw new MigrationGapError(version);
    path.push(step);
  }
  doc.transact(() => {
    for (const step of path) step.migrate(doc);
    // Concurrent migrations write the same number: last writer wins with an equal value.
    rootMap(doc, 'meta').set('schemaVersion', target);
  });
  return { ok: true, outcome: 'migrated', from, to: target };
}

/** A schema version without a step to reach it: a bug in this file, not in the doc. */
export class MigrationGapError extends Error {
  constructor(version: number) {
    super(`no migration step to schema version ${version}`);
    this.name = 'MigrationGapError';
  }
}
