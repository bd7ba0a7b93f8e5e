// Removing a device or a person moves the pair to a new epoch: a fresh key, sealed to each
// remaining certified device, recorded in the OLD epoch's inner doc. Every device that reads the
// old epoch sees the record, but only the remaining ones can open an envelope; each of them (the
// writer included) rolls once the record is on the relay, so a rotation written offline is never
// stranded in a room nobody reads any more.
import {
  fromBase64Url,
  generateWorkspaceKey,
  openSealedToDevice,
  sealToDevice,
  toBase64Url,
  SYMMETRIC_KEY_BYTES,
  type BoxPublicKey,
  type DeviceIdentity,
  type WorkspaceKey,
} from '$lib/crypto';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import {
  findRotation,
  listDevices,
  listInvites,
  markDeviceRemoved,
  recordRotation,
  revokeInvite,
  type RotationReason,
  type RotationRecord,
} from '$lib/workspace';
import { reportError } from '../notices.svelte';
import { isDeviceCertified } from './deviceCertificate';

/**
 * Writes a rotation to the next epoch that leaves out `removeDeviceIds`. The devices roll when
 * `followRotations` sees the record on the relay. Answers a reason when it cannot be written.
 *
 * @example
 *   const written = rotatePairKey({ engine, identity, reason: 'device-removed', removeDeviceIds: [lost] });
 */
export function rotatePairKey(input: {
  engine: SyncedWorkspace;
  identity: DeviceIdentity;
  reason: RotationReason;
  removeDeviceIds: readonly string[];
  now?: Date;
}): { ok: true; epoch: number } | { ok: false; code: 'ROTATION_PENDING' | 'NOTHING_LEFT' } {
  const { engine, identity, reason } = input;
  const doc = engine.innerDoc;
  const epoch = engine.room().epoch + 1;
  if (findRotation(doc, epoch)) return { ok: false, code: 'ROTATION_PENDING' };
  const remove = new Set(input.removeDeviceIds);
  remove.delete(identity.deviceId);
  const key = generateWorkspaceKey();
  const envelopes: Record<string, string> = {
    [identity.deviceId]: sealKey(key, identity.box.publicKey),
  };
  for (const device of listDevices(doc)) {
    if (device.removedAt || remove.has(device.deviceId) || !isDeviceCertified(device)) continue;
    const boxKey = fromBase64Url(device.boxPublicKey);
    if (boxKey) envelopes[device.deviceId] = sealKey(key, boxKey as BoxPublicKey);
  }
  key.fill(0);
  const at = (input.now ?? new Date()).toISOString();
  const record: RotationRecord = {
    epoch,
    byDeviceId: identity.deviceId,
    at,
    reason,
    removedDeviceIds: [...remove],
    envelopes,
  };
  let written = false;
  doc.transact(() => {
    written = recordRotation(doc, record).ok;
    if (!written) return;
    for (const deviceId of remove) markDeviceRemoved(doc, { deviceId, at });
    // An invite carries the old epoch's key: after the rotation it would let a partner read the
    // old room only, stranded there. Open ones are revoked, so whoever opens one is told.
    for (const invite of listInvites(doc)) {
      if (!invite.revokedAt && !invite.usedBy) revokeInvite(doc, { inviteId: invite.inviteId, at });
    }
  });
  return written ? { ok: true, epoch } : { ok: false, code: 'ROTATION_PENDING' };
}

/** What `followRotations` reports. */
export type RotationEvent =
  | { kind: 'rolled'; epoch: number; record: RotationRecord }
  | { kind: 'removed'; record: RotationRecord };

/**
 * Watches the pair for a rotation to the next epoch and rolls when this device has an envelope
 * in it and everything it wrote is on the relay; reports when this device was removed instead.
 * Returns the function that stops watching.
 *
 * @example
 *   const stop = followRotations({ engine, identity, onEvent: (event) => notify(event) });
 */
export function followRotations(input: {
  engine: SyncedWorkspace;
  identity: DeviceIdentity;
  onEvent: (event: RotationEvent) => void;
}): () => void {
  const { engine, identity, onEvent } = input;
  let rolling = false;
  let reportedRemoval: number | undefined;
  const check = () => {
    if (rolling) return;
    const status = engine.status.get();
    const record = findRotation(engine.innerDoc, status.epoch + 1);
    if (!record) return;
    const envelope = record.envelopes[identity.deviceId];
    if (!envelope) {
      if (record.removedDeviceIds.includes(identity.deviceId) && reportedRemoval !== record.epoch) {
        reportedRemoval = record.epoch;
        onEvent({ kind: 'removed', record });
      }
      return;
    }
    // Roll only once the record (and all else written here) is on the relay: devices still in
    // the old room must be able to read it, or they would never learn the new key.
    if (status.connection !== 'synced' || status.waiting > 0) return;
    const key = openKey(envelope, identity);
    if (!key) return;
    rolling = true;
    void engine
      .rollEpoch({ epoch: record.epoch, key })
      .then((rolled) => {
        if (rolled.ok) onEvent({ kind: 'rolled', epoch: record.epoch, record });
      })
      .catch((error: unknown) => reportError(error, 'Moving the pair to its new key'))
      .finally(() => {
        rolling = false;
        check();
      });
  };
  engine.innerDoc.on('update', check);
  const stopStatus = engine.status.subscribe(check);
  return () => {
    engine.innerDoc.off('update', check);
    stopStatus();
  };
}

function sealKey(key: WorkspaceKey, publicKey: BoxPublicKey): string {
  return toBase64Url(sealToDevice({ message: key, publicKey }));
}

function openKey(envelope: string, identity: DeviceIdentity): WorkspaceKey | undefined {
  const sealed = fromBase64Url(envelope);
  if (!sealed) return undefined;
  const opened = openSealedToDevice({ sealed, keyPair: identity.box });
  if (!opened.ok || opened.message.length !== SYMMETRIC_KEY_BYTES) return undefined;
  return opened.message as WorkspaceKey;
}
