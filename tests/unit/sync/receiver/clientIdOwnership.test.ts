import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveClientId, generateDeviceIdentity, readyCrypto, type DeviceId } from '$lib/crypto';
import { createClientIdOwnership } from '$lib/sync/receiver/clientIdOwnership';

let alice: DeviceId;
let bob: DeviceId;
beforeAll(async () => {
  await readyCrypto();
  alice = generateDeviceIdentity().deviceId;
  bob = generateDeviceIdentity().deviceId;
});

function updateBy(
  clientId: number,
  edit: (doc: Y.Doc) => void = (doc) => doc.getText('t').insert(0, 'x'),
) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  edit(doc);
  return Y.encodeStateAsUpdate(doc);
}

describe('client-id ownership', () => {
  it('accepts client ids of the named incarnations of the signing device', () => {
    const ownership = createClientIdOwnership();
    const update = Y.mergeUpdates([
      updateBy(deriveClientId(alice, 3)),
      updateBy(deriveClientId(alice, 4)),
    ]);
    expect(ownership.check({ deviceId: alice, incarnations: [3, 4], update })).toEqual({
      ok: true,
    });
  });

  it("refuses another device's client id, or an incarnation the payload does not name", () => {
    const ownership = createClientIdOwnership();
    const update = updateBy(deriveClientId(alice, 1));
    expect(ownership.check({ deviceId: bob, incarnations: [1], update })).toEqual({
      ok: false,
      code: 'FOREIGN_CLIENT_ID',
    });
    expect(ownership.check({ deviceId: alice, incarnations: [2], update })).toEqual({
      ok: false,
      code: 'FOREIGN_CLIENT_ID',
    });
  });

  it("lets a device delete another device's items (deletions carry no client id)", () => {
    const ownership = createClientIdOwnership();
    const shared = new Y.Doc();
    shared.clientID = deriveClientId(alice, 1);
    shared.getText('t').insert(0, 'hello');
    const bobDoc = new Y.Doc();
    bobDoc.clientID = deriveClientId(bob, 1);
    Y.applyUpdate(bobDoc, Y.encodeStateAsUpdate(shared));
    const before = Y.encodeStateVector(bobDoc);
    bobDoc.getText('t').delete(0, 2);
    const deletion = Y.encodeStateAsUpdate(bobDoc, before);
    expect(ownership.check({ deviceId: bob, incarnations: [1], update: deletion })).toEqual({
      ok: true,
    });
  });

  it('reports an update it cannot parse', () => {
    const ownership = createClientIdOwnership();
    const result = ownership.check({
      deviceId: alice,
      incarnations: [1],
      update: new Uint8Array([9, 9, 9]),
    });
    expect(result.ok).toBe(false);
  });
});
