import * as Y from 'yjs';
import { isKeyText, isSignatureText, normaliseInstant } from './devices';
import { fail, type WorkspaceResult } from './errors';
import { compareStrings } from './model/compareStrings';
import { entitiesOf } from './model/readFields';

/*
 * Epoch rotations: root map `rotations`, `${epoch}/${writer device id}` -> Y.Map. A record is
 * written into the OLD epoch's inner doc, so every device that reads that epoch sees it, but only
 * the devices that keep their place find an envelope (the new epoch key sealed to their box key).
 * A record is written once, by one device, in one transaction, and never edited. Two devices that
 * rotate to the same epoch at once each keep their own record (keyed by writer), so every device
 * sees both and picks the same one, the writer with the lowest device id (`findRotation`); a
 * writer that learns its record lost before the relay had it withdraws it (`retractRotation`).
 * `removedDeviceIds` and `envelopes` are plain values, not shared types: a record is all or
 * nothing.
 */

/** The root map's name in the inner doc. */
export const ROTATIONS_ROOT = 'rotations';

/**
 * Why the pair moved to a new key: a removal, a revoked invite, or `periodic`, the routine move
 * every few weeks of activity that removes nobody (state/identity/periodicRotationPolicy.ts).
 */
export const ROTATION_REASONS = [
  'device-removed',
  'person-left',
  'invite-revoked',
  'periodic',
] as const;
export type RotationReason = (typeof ROTATION_REASONS)[number];

/** One move from epoch `epoch - 1` to `epoch`. */
export interface RotationRecord {
  /** The new epoch, a positive integer. */
  epoch: number;
  byDeviceId: string;
  at: string;
  reason: RotationReason;
  removedDeviceIds: string[];
  /** Persons whose every device, present or future, is out of the pair (`person-left`). */
  removedPersonIds?: string[];
  /** deviceId -> base64url of the new epoch key sealed to that device's box key. */
  envelopes: Record<string, string>;
  /**
   * The writer's Ed25519 signature over the record (base64url), checked by the state layer: a
   * record is followed only under its writer's own signature.
   */
  signature?: string;
}

// Bounds keep a hostile record from bloating the doc; a pair has a handful of devices.
const MAX_DEVICES = 64;
// crypto_box_seal of a 32-byte key is 80 bytes (107 characters); allow room for a new format.
const MAX_ENVELOPE_CHARS = 344;
const ENVELOPE_TEXT = /^[A-Za-z0-9_-]+$/;

function rotationsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROTATIONS_ROOT);
}

/**
 * Record a rotation to `record.epoch` in its writer's slot, replacing whatever is there. Whether
 * to write at all is the state layer's call: only it can check signatures, and a record planted
 * in someone's slot without their signature must not stop them from writing their own. Nor does
 * `meta.schemaVersion`, which any member writes, stop it: removal is never blocked.
 *
 * @example
 *   recordRotation(doc, { epoch: 3, byDeviceId: me.deviceId, at: now, reason: 'device-removed',
 *     removedDeviceIds: [lostPhone], envelopes: { [laptop]: sealed } }); // { ok: true }
 */
export function recordRotation(doc: Y.Doc, record: RotationRecord): WorkspaceResult {
  const checked = parseRotationFields(record);
  if (!checked.ok) return checked;
  const { value } = checked;
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    rotationsMap(doc).set(recordKey(value.epoch, value.byDeviceId), map);
    map.set('epoch', value.epoch);
    map.set('byDeviceId', value.byDeviceId);
    map.set('at', value.at);
    map.set('reason', value.reason);
    map.set('removedDeviceIds', value.removedDeviceIds);
    if (value.removedPersonIds) map.set('removedPersonIds', value.removedPersonIds);
    if (value.signature) map.set('signature', value.signature);
    map.set('envelopes', value.envelopes);
  });
  return { ok: true };
}

/**
 * Withdraws `byDeviceId`'s record for `epoch` (a writer that lost to a record the relay had
 * first). Answers ok when there is nothing to withdraw.
 *
 * @example
 *   retractRotation(doc, { epoch: 3, byDeviceId: me.deviceId });
 */
export function retractRotation(
  doc: Y.Doc,
  input: { epoch: number; byDeviceId: string },
): WorkspaceResult {
  rotationsMap(doc).delete(recordKey(input.epoch, input.byDeviceId));
  return { ok: true };
}

/**
 * The rotation record to `epoch` every device follows: of the well-formed records for it, the
 * one whose writer has the lowest device id. `undefined` when there is none.
 *
 * @example
 *   const next = findRotation(doc, engine.epoch + 1);
 *   const envelope = next?.envelopes[me.deviceId]; // undefined while `next` exists: left out
 */
export function findRotation(doc: Y.Doc, epoch: number): RotationRecord | undefined {
  return listRotationsFor(doc, epoch)[0];
}

/**
 * Every well-formed record for `epoch`, by writer device id ascending (the first is followed).
 *
 * @example
 *   listRotationsFor(doc, 3).map((record) => record.byDeviceId);
 */
export function listRotationsFor(doc: Y.Doc, epoch: number): RotationRecord[] {
  return listRotations(doc).filter((record) => record.epoch === epoch);
}

/**
 * Every well-formed rotation record, by epoch ascending, then writer.
 *
 * @example
 *   listRotations(doc).map((rotation) => `${rotation.epoch}: ${rotation.reason}`);
 */
export function listRotations(doc: Y.Doc): RotationRecord[] {
  const records: RotationRecord[] = [];
  for (const [key, map] of entitiesOf(rotationsMap(doc))) {
    const record = parseRotation(key, map);
    if (record) records.push(record);
  }
  return records.sort((a, b) => a.epoch - b.epoch || compareStrings(a.byDeviceId, b.byDeviceId));
}

function recordKey(epoch: number, byDeviceId: string): string {
  return `${epoch}/${byDeviceId}`;
}

function parseRotation(key: string, map: Y.Map<unknown>): RotationRecord | undefined {
  const parsed = parseRotationFields({
    epoch: map.get('epoch'),
    byDeviceId: map.get('byDeviceId'),
    at: map.get('at'),
    reason: map.get('reason'),
    removedDeviceIds: map.get('removedDeviceIds'),
    removedPersonIds: map.get('removedPersonIds'),
    envelopes: map.get('envelopes'),
    signature: map.get('signature'),
  });
  // A record filed under another epoch's or writer's key is not that record.
  return parsed.ok && key === recordKey(parsed.value.epoch, parsed.value.byDeviceId)
    ? parsed.value
    : undefined;
}

function parseRotationFields(input: { [Key in keyof RotationRecord]: unknown }): WorkspaceResult<{
  value: RotationRecord;
}> {
  const { epoch, byDeviceId, reason } = input;
  if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 1) {
    return fail('INVALID_VALUE', 'epoch');
  }
  if (!isKeyText(byDeviceId)) return fail('INVALID_VALUE', 'byDeviceId');
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  if (typeof reason !== 'string' || !(ROTATION_REASONS as readonly string[]).includes(reason)) {
    return fail('INVALID_VALUE', 'reason');
  }
  const removedDeviceIds = parseRemoved(input.removedDeviceIds);
  if (!removedDeviceIds) return fail('INVALID_VALUE', 'removedDeviceIds');
  const envelopes = parseEnvelopes(input.envelopes);
  // A removed device must not be handed the new key.
  if (!envelopes || removedDeviceIds.some((deviceId) => Object.hasOwn(envelopes, deviceId))) {
    return fail('INVALID_VALUE', 'envelopes');
  }
  const removedPersonIds =
    input.removedPersonIds === undefined ? undefined : parseRemoved(input.removedPersonIds);
  if (input.removedPersonIds !== undefined && !removedPersonIds) {
    return fail('INVALID_VALUE', 'removedPersonIds');
  }
  // A periodic rotation removes nobody: a removal passed off as routine would go unannounced.
  if (reason === 'periodic' && removedDeviceIds.length > 0) {
    return fail('INVALID_VALUE', 'removedDeviceIds');
  }
  if (reason === 'periodic' && (removedPersonIds?.length ?? 0) > 0) {
    return fail('INVALID_VALUE', 'removedPersonIds');
  }
  const { signature } = input;
  if (signature !== undefined && !isSignatureText(signature)) {
    return fail('INVALID_VALUE', 'signature');
  }
  return {
    ok: true,
    value: {
      epoch,
      byDeviceId,
      at,
      reason: reason as RotationReason,
      removedDeviceIds,
      ...(removedPersonIds ? { removedPersonIds } : {}),
      envelopes,
      ...(signature !== undefined ? { signature } : {}),
    },
  };
}

function parseRemoved(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_DEVICES) return undefined;
  const ids: unknown[] = value;
  if (!ids.every(isKeyText)) return undefined;
  return [...new Set(ids as string[])];
}

function parseEnvelopes(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_DEVICES) return undefined;
  const envelopes: Record<string, string> = {};
  for (const [deviceId, sealed] of entries) {
    // Device ids are base64url, so a key like `__proto__` is refused here, before it is assigned.
    if (!isKeyText(deviceId) || !isEnvelopeText(sealed)) return undefined;
    envelopes[deviceId] = sealed;
  }
  return envelopes;
}

function isEnvelopeText(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_ENVELOPE_CHARS && ENVELOPE_TEXT.test(value)
  );
}
