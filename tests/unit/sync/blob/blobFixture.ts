// A workspace with two member devices, one stranger, and keys for epochs 0 and 1, plus a way to
// open blobs as a member would. Shared by the blob tests.
import {
  generateDeviceIdentity,
  generateWorkspaceId,
  generateWorkspaceKey,
  type DeviceId,
  type DeviceIdentity,
  type WorkspaceKey,
} from '$lib/crypto';
import { openBlob, sealBlob, type BlobHeader, type BlobKind } from '$lib/sync/blob';

export function makeBlobFixture() {
  const workspaceId = generateWorkspaceId();
  const alice = generateDeviceIdentity();
  const bob = generateDeviceIdentity();
  const mallory = generateDeviceIdentity();
  const keys = new Map<number, WorkspaceKey>([
    [0, generateWorkspaceKey()],
    [1, generateWorkspaceKey()],
  ]);
  const members = new Set<DeviceId>([alice.deviceId, bob.deviceId]);

  const headerFor = (
    identity: DeviceIdentity,
    overrides: Partial<BlobHeader> = {},
  ): BlobHeader => ({
    version: 1,
    kind: 'update',
    workspaceId,
    epoch: 1,
    deviceId: identity.deviceId,
    seq: 7,
    ...overrides,
  });

  const seal = (
    payload: Uint8Array,
    options: { identity?: DeviceIdentity; kind?: BlobKind; epoch?: number; seq?: number } = {},
  ) => {
    const identity = options.identity ?? alice;
    const header = headerFor(identity, {
      kind: options.kind ?? 'update',
      epoch: options.epoch ?? 1,
      seq: options.seq ?? 7,
    });
    return sealBlob({ header, payload, key: keys.get(header.epoch)!, identity });
  };

  const open = (
    blob: unknown,
    overrides: Partial<Omit<Parameters<typeof openBlob>[0], 'blob'>> = {},
  ) =>
    openBlob({
      blob,
      workspaceId,
      keyForEpoch: (epoch) => keys.get(epoch),
      isKnownDevice: (deviceId) => members.has(deviceId),
      ...overrides,
    });

  /** The error code of opening `blob`, or 'OK'. */
  const code = (blob: unknown, overrides: Parameters<typeof open>[1] = {}) => {
    const result = open(blob, overrides);
    return result.ok ? 'OK' : result.code;
  };

  return { workspaceId, alice, bob, mallory, keys, members, headerFor, seal, open, code };
}
