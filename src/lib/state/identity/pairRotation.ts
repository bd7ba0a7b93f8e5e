// Removing a device or a person moves the pair to a new epoch: a fresh key, sealed to each
// remaining certified device, recorded in the OLD epoch's inner doc. Every device that reads the
// old epoch sees the record, but only the remaining ones can open an envelope.
//
// Every device must move to the same key, or the pair splits into two rooms for good. So:
// - a record is written only while connected (it reaches the relay in moments, not days later);
// - a device moves only once it is synced with nothing waiting and the records for the next
//   epoch have stayed the same for a grace period (a rival written at the same moment arrives
//   within it); a writer following its own record moves only once the relay confirms it stored
//   it (a stalled socket can look connected, and a record only the writer holds would strand
//   every other device in the old epoch);
// - of several records every device follows the same one (`chooseRotation`);
// - a writer whose own record was not yet on the relay when a rival arrived withdraws its own,
//   because the rival's writer may already have moved on it.
import {
  fromBase64Url,
  generateWorkspaceKey,
  openSealedToDevice,
  sealToDevice,
  signDetached,
  toBase64Url,
  SYMMETRIC_KEY_BYTES,
  type BoxPublicKey,
  type DeviceIdentity,
  type WorkspaceKey,
} from '$lib/crypto';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import {
  markDeviceRemoved,
  recordRotation,
  retractRotation,
  type RotationReason,
  type RotationRecord,
} from '$lib/workspace';
import { reportError } from '../notices.svelte';
import { rosterOf } from './pairRoster';
import { chooseRotation, eligibleRecords, signedRotationBytes } from './rotationChoice';

export { chooseRotation, leftOutByRotations } from './rotationChoice';

/** How long the next epoch's records must stay unchanged before a device moves. */
export const ROTATION_GRACE_MS = 5_000;

/** How long a writer waits before asking the relay again whether it has its record. */
const CONFIRM_RETRY_MS = 5_000;

/** Why a rotation could not be written. */
export type RotatePairKeyError = 'OFFLINE' | 'ROTATION_PENDING';

/**
 * Whether a rotation can be written now: connected, and none under way.
 *
 * @example
 *   if (canRotate(engine, me.personId).ok) rotatePairKey({ engine, identity, personId, reason, removeDeviceIds });
 */
export function canRotate(
  engine: SyncedWorkspace,
  personId: string,
): { ok: true } | { ok: false; code: RotatePairKeyError } {
  const status = engine.status.get();
  if (status.connection !== 'synced') return { ok: false, code: 'OFFLINE' };
  if (chooseRotation(engine.innerDoc, status.epoch + 1, rosterOf(engine, personId))) {
    return { ok: false, code: 'ROTATION_PENDING' };
  }
  return { ok: true };
}

/**
 * Writes a rotation to the next epoch that leaves out `removeDeviceIds`; the devices move when
 * `followRotations` finds it settled on the relay; open invites stay open (their links hold no
 * key). Answers a code when it cannot be written.
 *
 * @example
 *   const written = rotatePairKey({ engine, identity, reason: 'device-removed', removeDeviceIds: [lost] });
 */
export function rotatePairKey(input: {
  engine: SyncedWorkspace;
  identity: DeviceIdentity;
  /** The writer's person. */
  personId: string;
  reason: RotationReason;
  removeDeviceIds: readonly string[];
  /** Persons leaving the pair: their devices, present or future, get nothing. */
  removePersonIds?: readonly string[];
  /**
   * Writes, in the same transaction as the record, what else the removal needs (the chain's
   * signed removal records).
   */
  alsoWrite?: (removed: { deviceIds: readonly string[]; personIds: readonly string[] }) => void;
  now?: Date;
}): { ok: true; epoch: number } | { ok: false; code: RotatePairKeyError } {
  const { engine, identity, reason } = input;
  const possible = canRotate(engine, input.personId);
  const roster = rosterOf(engine, input.personId);
  if (!possible.ok) return possible;
  const doc = engine.innerDoc;
  const epoch = engine.status.get().epoch + 1;
  const removePersons = new Set(input.removePersonIds ?? []);
  removePersons.delete(input.personId);
  const remove = new Set(input.removeDeviceIds);
  const recipients = roster.recipients();
  for (const device of recipients) {
    if (removePersons.has(device.personId)) remove.add(device.deviceId);
  }
  remove.delete(identity.deviceId);
  const key = generateWorkspaceKey();
  const envelopes: Record<string, string> = {
    [identity.deviceId]: sealKey(key, identity.box.publicKey),
  };
  const out = roster.leftOut();
  for (const device of recipients) {
    const gone = out.devices.has(device.deviceId) || out.persons.has(device.personId);
    if (gone || remove.has(device.deviceId) || removePersons.has(device.personId)) continue;
    envelopes[device.deviceId] = sealKey(key, device.boxPublicKey as BoxPublicKey);
  }
  key.fill(0);
  const at = (input.now ?? new Date()).toISOString();
  const unsigned: RotationRecord = {
    epoch,
    byDeviceId: identity.deviceId,
    at,
    reason,
    removedDeviceIds: [...remove],
    ...(removePersons.size > 0 ? { removedPersonIds: [...removePersons] } : {}),
    envelopes,
  };
  const signature = signDetached({
    message: signedRotationBytes(unsigned),
    domain: 'rotation',
    secretKey: identity.signing.secretKey,
  });
  const record: RotationRecord = { ...unsigned, signature: toBase64Url(signature) };
  let written = false;
  doc.transact(() => {
    written = recordRotation(doc, record).ok;
    if (!written) return;
    input.alsoWrite?.({ deviceIds: [...remove], personIds: [...removePersons] });
    for (const deviceId of remove) markDeviceRemoved(doc, { deviceId, at });
    // Open invites stay open: a version-2 link holds no key, and an admission seals the key of
    // the epoch it happens in. (Revoking them here revoked the very invite a partner coming back
    // under a new key was being admitted by: the rotation that removes their old key runs first.)
  });
  return written ? { ok: true, epoch } : { ok: false, code: 'ROTATION_PENDING' };
}

/** What `followRotations` reports. */
export type RotationEvent =
  | { kind: 'rolled'; epoch: number; record: RotationRecord }
  /** The followed record has no envelope for this device: it no longer reads the pair. */
  | { kind: 'removed'; record: RotationRecord };

/**
 * Watches the pair for a rotation to the next epoch and moves this device along once it has
 * settled (see the file comment); reports when this device was left out instead. Returns the
 * function that stops watching.
 *
 * @example
 *   const stop = followRotations({ engine, identity, onEvent: (event) => notify(event) });
 */
export function followRotations(input: {
  engine: SyncedWorkspace;
  identity: DeviceIdentity;
  /** This device's person. */
  personId: string;
  onEvent: (event: RotationEvent) => void;
  graceMs?: number;
}): () => void {
  const { engine, identity, onEvent, personId } = input;
  const graceMs = input.graceMs ?? ROTATION_GRACE_MS;
  const me = identity.deviceId;
  let rolling = false;
  let stopped = false;
  let reportedRemoval: number | undefined;
  /** The next epoch's writers as last seen, and since when. */
  let seen = { epoch: -1, writers: '', since: 0 };
  /** Epochs whose own record this device has seen on the relay before any rival. */
  const ownOnRelay = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const check = () => {
    if (rolling || stopped) return;
    const status = engine.status.get();
    const next = status.epoch + 1;
    // Read afresh at every check: the chain changes.
    const roster = rosterOf(engine, personId);
    const records = eligibleRecords(engine.innerDoc, next, roster);
    if (records.length === 0) return;
    const settled = status.connection === 'synced' && status.waiting === 0;
    const own = records.find((record) => record.byDeviceId === me);
    const rival = records.some((record) => record.byDeviceId !== me);
    if (own && !rival && settled) ownOnRelay.add(next);
    if (own && rival && !ownOnRelay.has(next)) {
      // A rival reached the relay before this record did: its writer may have moved on it.
      retractRotation(engine.innerDoc, { epoch: next, byDeviceId: me });
      return;
    }
    const writers = records.map((record) => record.byDeviceId).join(' ');
    const now = Date.now();
    if (seen.epoch !== next || seen.writers !== writers)
      seen = { epoch: next, writers, since: now };
    if (!settled) return;
    const waitMs = seen.since + graceMs - now;
    if (waitMs > 0) {
      clearTimeout(timer);
      timer = setTimeout(check, waitMs);
      return;
    }
    const record = chooseRotation(engine.innerDoc, next, roster)!;
    const envelope = record.envelopes[me];
    const key = envelope ? openKey(envelope, identity) : undefined;
    if (!key) {
      if (reportedRemoval !== record.epoch) {
        reportedRemoval = record.epoch;
        onEvent({ kind: 'removed', record });
      }
      return;
    }
    rolling = true;
    const confirmed = record.byDeviceId === me ? engine.confirmOnRelay() : Promise.resolve(true);
    void confirmed
      .then((onRelay) => {
        if (!onRelay) {
          timer = setTimeout(check, CONFIRM_RETRY_MS);
          return undefined;
        }
        return engine.rollEpoch({ epoch: record.epoch, key });
      })
      .then((rolled) => {
        if (rolled?.ok) onEvent({ kind: 'rolled', epoch: record.epoch, record });
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
    stopped = true;
    clearTimeout(timer);
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
