import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGoal,
  CURRENT_SCHEMA_VERSION,
  exportWorkspaceMarkdown,
  isDocFromNewerVersion,
  listGoals,
  migrateDoc,
  MigrationGapError,
  readSchemaVersion,
  type MigrationStep,
} from '$lib/workspace';
import { ROOT } from '$lib/workspace/docShape';
import {
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  MENTEE,
  newDoc,
  syncDocs,
} from './support/pairDoc';
import { currentHash } from './support/agreementHash';

/**
 * A made-up version 2 for the machinery: goals gain `priority`, derived deterministically from
 * the old `status`, so two devices migrating at once write the same values.
 */
const toV2: MigrationStep = {
  to: 2,
  migrate: (doc) => {
    doc.getMap<unknown>(ROOT.goals).forEach((goal) => {
      if (!(goal instanceof Y.Map) || goal.has('priority')) return;
      goal.set('priority', goal.get('status') === 'active' ? 'high' : 'normal');
    });
  },
};

describe('migrateDoc', () => {
  it('starts at version 1', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
    expect(readSchemaVersion(createPairDoc())).toBe(1);
  });

  it('leaves a doc without a workspace alone (a joining device before sync)', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateDoc(doc)).toEqual({
      ok: true,
      outcome: 'uninitialised',
      from: undefined,
      to: undefined,
    });
    expect(updates).toBe(0);
  });

  it('does not write to a current doc', () => {
    const doc = createPairDoc();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateDoc(doc)).toEqual({ ok: true, outcome: 'current', from: 1, to: 1 });
    expect(updates).toBe(0);
  });

  it('detects a doc from a newer Trellis, leaves it untouched and refuses edits', () => {
    const doc = createPairDoc();
    doc.getMap(ROOT.meta).set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    expect(isDocFromNewerVersion(doc)).toBe(true);
    const before = Y.encodeStateAsUpdate(doc);
    expectError(migrateDoc(doc), 'NEWER_SCHEMA');
    expectError(addGoal(doc, { by: MENTEE, title: 'G' }), 'NEWER_SCHEMA');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    // Still readable.
    expect(exportWorkspaceMarkdown(doc, { agreementHash: currentHash(doc) })).toContain(
      '# Ana & Ben',
    );
    expect(isDocFromNewerVersion(createPairDoc())).toBe(false);
  });

  it('leaves a version no release wrote untouched and runs no step on it', () => {
    let ran = 0;
    const counted: MigrationStep = { to: 2, migrate: () => void ran++ };
    for (const value of [2 ** 31, 'x', 0]) {
      const doc = createPairDoc();
      doc.getMap(ROOT.meta).set('schemaVersion', value);
      const before = Y.encodeStateAsUpdate(doc);
      expect(migrateDoc(doc, { steps: [counted], target: 2 })).toEqual({
        ok: true,
        outcome: 'unrecognised',
        from: undefined,
        to: undefined,
      });
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    }
    expect(ran).toBe(0);
  });

  it('runs the steps up to the target, once', () => {
    const doc = createPairDoc();
    expectOk(addGoal(doc, { by: MENTEE, id: 'a', title: 'A', status: 'active' }));
    expectOk(addGoal(doc, { by: MENTEE, id: 'b', title: 'B' }));
    expect(migrateDoc(doc, { steps: [toV2], target: 2 })).toEqual({
      ok: true,
      outcome: 'migrated',
      from: 1,
      to: 2,
    });
    expect(readSchemaVersion(doc)).toBe(2);
    const goals = doc.getMap<Y.Map<unknown>>(ROOT.goals);
    expect([goals.get('a')?.get('priority'), goals.get('b')?.get('priority')]).toEqual([
      'high',
      'normal',
    ]);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateDoc(doc, { steps: [toV2], target: 2 }).ok).toBe(true);
    expect(updates).toBe(0);
  });

  it('converges when two devices migrate while apart, and keeps their edits', () => {
    const first = createPairDoc(1);
    expectOk(addGoal(first, { by: MENTEE, id: 'a', title: 'A', status: 'active' }));
    const second = forkDoc(first, 2);
    expectOk(migrateDoc(first, { steps: [toV2], target: 2 }));
    expectOk(migrateDoc(second, { steps: [toV2], target: 2 }));
    second.getMap<Y.Map<unknown>>(ROOT.goals).get('a')?.set('priority', 'low'); // a person's edit after migrating
    syncDocs(first, second);
    for (const doc of [first, second]) {
      expect(readSchemaVersion(doc)).toBe(2);
      expect(doc.getMap<Y.Map<unknown>>(ROOT.goals).get('a')?.get('priority')).toBe('low');
      expect(listGoals(doc)).toHaveLength(1);
    }
  });

  it('reports a missing step as a bug', () => {
    const doc = newDoc(1);
    doc.getMap(ROOT.meta).set('schemaVersion', 1);
    expect(() => migrateDoc(doc, { steps: [], target: 2 })).toThrow(MigrationGapError);
    expect(readSchemaVersion(doc)).toBe(1);
  });
});
