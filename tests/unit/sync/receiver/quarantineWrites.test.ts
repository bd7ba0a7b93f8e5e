// A record and its release issued in one moment (a copy quarantined, then deleted by a compaction
// in the same update) must reach IndexedDB in that order, or the record outlives its release and
// the device counts a quarantined blob for ever. Found by the convergence harness with a chain.
import { describe, expect, it } from 'vitest';
import type { WorkspaceId } from '$lib/crypto';
import { addQuarantined, listQuarantined, releaseQuarantined } from '$lib/store';
import type { EngineContext } from '$lib/sync/engine/engineContext';
import { writeQuarantine } from '$lib/sync/receiver/quarantine';
import { freshStore } from '../../store/storeFixture';

const workspaceId = 'AAAAAAAAAAAAAAAAAAAAAA' as WorkspaceId;
const row = {
  workspaceId,
  blobHash: 'quarantined-then-released',
  code: 'UNKNOWN_DEVICE',
  epoch: 0,
  deviceId: null,
  seq: 1,
  at: 1,
};

describe('quarantine writes', () => {
  it('can land out of order when issued together without a queue (the race)', async () => {
    const { db } = await freshStore('quarantine-race');
    const added = addQuarantined(db, row);
    const released = releaseQuarantined(db, { workspaceId, blobHash: row.blobHash });
    await Promise.all([added, released]);
    // The release's implicit transaction runs before the record's explicit one.
    expect(await listQuarantined(db, workspaceId)).toHaveLength(1);
    db.close();
  });

  it('land in the order they were asked for through writeQuarantine', async () => {
    const { db } = await freshStore('quarantine-ordered');
    const pending: Promise<unknown>[] = [];
    const ctx = {
      track: (work: Promise<unknown>) => pending.push(work),
    } as unknown as EngineContext;
    writeQuarantine(ctx, () => addQuarantined(db, row));
    writeQuarantine(ctx, () => releaseQuarantined(db, { workspaceId, blobHash: row.blobHash }));
    await Promise.all(pending);
    expect(await listQuarantined(db, workspaceId)).toEqual([]);
    db.close();
  });
});
