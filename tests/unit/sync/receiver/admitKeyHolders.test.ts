import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '$lib/store';
import { createPairFixture, type PairFixture } from '../../../support/harness/pairFixture';
import { seededWorkspaceId } from '../../../support/harness/seededIdentity';

// The plain invite link hands the partner the epoch key and nothing else, so the inviter's
// device first meets the partner's device in a blob. With `admitKeyHolders` a blob that verifies
// and decrypts under the key admits its device; without, it waits in quarantine.
let fixture: PairFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

describe('admitting a device that holds the epoch key', () => {
  it('applies the joiner’s edits and remembers its device', async () => {
    fixture = await createPairFixture(['alice', 'bob'], {
      members: ['alice'],
      settings: { admitKeyHolders: true },
    });
    const [alice, bob] = fixture.devices;
    if (!alice || !bob) throw new Error('fixture');
    bob.engine.innerDoc.getMap('people').set('bob', 'joined');
    await fixture.settle();
    expect(alice.engine.innerDoc.getMap('people').get('bob')).toBe('joined');
    expect(alice.engine.status.get().quarantined).toBe(0);
    const stored = await loadWorkspace(alice.db, {
      workspaceId: await seededWorkspaceId('fixture'),
      vaultKey: alice.vaultKey,
    });
    expect(stored.ok && stored.workspace.devices).toContain(bob.identity.deviceId);
  });

  it('quarantines the same blob when the policy is off', async () => {
    fixture = await createPairFixture(['alice', 'bob'], { members: ['alice'] });
    const [alice, bob] = fixture.devices;
    if (!alice || !bob) throw new Error('fixture');
    bob.engine.innerDoc.getMap('people').set('bob', 'joined');
    await fixture.settle();
    expect(alice.engine.innerDoc.getMap('people').get('bob')).toBeUndefined();
    expect(alice.engine.status.get().quarantined).toBe(1);
  });
});
