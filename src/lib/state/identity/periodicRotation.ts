// Periodic rotation, wired: a watcher per open pair that checks whether a periodic rotation is
// due (periodicRotationPolicy.ts) whenever the epoch or the connection changes and every hour,
// and then writes one with `rotatePairKey` (reason `periodic`, nobody removed). Moving the devices
// is `followRotations`' job, exactly as for a removal.
//
// Every device of the pair finds the rotation due at about the same moment (same records, same
// clock, give or take). So that one of them writes it, not all, each waits a delay of its own
// (a fraction of `jitterMs` taken from its device id, as compaction does) and writes only if no
// record for the next epoch has arrived meanwhile (`canRotate`). Two that still write at once
// are resolved like two removals at once: every device follows the same record
// (`chooseRotation`), the loser withdraws its own (`retractRotation`).
//
// Only pairs with a membership chain rotate periodically: a pair from before the chain trusts its
// doc's registry for recipients, which any member can write, and is kept only to be exported. A
// device the chain does not count as active (joining, or removed) writes nothing either.
import { fromBase64Url, type DeviceId, type DeviceIdentity } from '$lib/crypto';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import { listDevices, readWorkspaceMeta } from '$lib/workspace';
import type * as Y from 'yjs';
import { reportError } from '../notices.svelte';
import { rosterOf } from './pairRoster';
import { canRotate, chooseRotation, rotatePairKey } from './pairRotation';
import { periodicRotationDue, type PeriodicRotationFacts } from './periodicRotationPolicy';
import { eligibleRecords } from './rotationChoice';

/** How often the watcher checks without being woken by a change. */
export const PERIODIC_CHECK_MS = 60 * 60 * 1000;

/**
 * The window the devices' own delays spread over. A record reaches the other devices within
 * moments of being written while connected; a minute leaves them a 234 ms step per id byte.
 */
export const PERIODIC_JITTER_MS = 60_000;

/**
 * How long `deviceId` waits, once a periodic rotation is due, before writing it: its share of
 * `jitterMs` by the first byte of its id (ids are hashes of keys: spread evenly).
 *
 * @example
 *   setTimeout(write, periodicRotationDelay(identity.deviceId)); // 0 to 60 s
 */
export function periodicRotationDelay(deviceId: string, jitterMs = PERIODIC_JITTER_MS): number {
  const firstByte = fromBase64Url(deviceId)?.[0] ?? 0;
  return Math.round((jitterMs * firstByte) / 256);
}

/**
 * What this device knows now for `periodicRotationDue`, or undefined when it does not rotate
 * periodically at all (a pair from before the chain, or a device the chain does not count).
 *
 * @example
 *   const facts = periodicRotationFacts({ engine, identity, personId, now: Date.now() });
 *   if (facts && periodicRotationDue(facts)) rotatePairKey({ ..., reason: 'periodic' });
 */
export function periodicRotationFacts(input: {
  engine: SyncedWorkspace;
  identity: DeviceIdentity;
  personId: string;
  now: number;
  /** When this device last wrote a periodic rotation, as it remembers (kept or not). */
  lastWrittenAt?: number;
}): PeriodicRotationFacts | undefined {
  const { engine, identity } = input;
  const membership = engine.membership();
  if (!membership?.devices.has(identity.deviceId as DeviceId)) return undefined;
  const roster = rosterOf(engine, input.personId);
  const doc = engine.innerDoc;
  const epoch = engine.status.get().epoch;
  const started = epoch === 0 ? pairCreatedAt(doc) : chooseRotation(doc, epoch, roster)?.at;
  // Only records under this device's own signature: one planted in its slot cannot hold it back.
  let lastOwnPeriodicAt = input.lastWrittenAt;
  for (let each = 1; each <= epoch + 1; each += 1) {
    for (const record of eligibleRecords(doc, each, roster)) {
      if (record.byDeviceId !== identity.deviceId || record.reason !== 'periodic') continue;
      lastOwnPeriodicAt = Math.max(lastOwnPeriodicAt ?? -Infinity, Date.parse(record.at));
    }
  }
  return {
    epochStartedAt: started === undefined ? undefined : Date.parse(started),
    now: input.now,
    blobsThisEpoch: engine.epochBlobCount(),
    lastOwnPeriodicAt,
  };
}

/**
 * Watches an open pair and writes a periodic rotation when one is due (see the file comment).
 * Returns the function that stops watching.
 *
 * @example
 *   const stop = watchPeriodicRotation({ engine, identity: device, personId: me.personId });
 */
export function watchPeriodicRotation(input: {
  engine: SyncedWorkspace;
  identity: DeviceIdentity;
  /** This device's person. */
  personId: string;
  checkEveryMs?: number;
  jitterMs?: number;
}): () => void {
  const { engine, identity, personId } = input;
  let stopped = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastWrittenAt: number | undefined;
  let lastStatus = '';

  const due = (): boolean => {
    if (!canRotate(engine, personId).ok) return false;
    const now = Date.now();
    const facts = periodicRotationFacts({ engine, identity, personId, now, lastWrittenAt });
    return facts !== undefined && periodicRotationDue(facts);
  };
  const write = () => {
    pending = undefined;
    try {
      if (stopped || !due()) return;
      const now = new Date();
      const written = rotatePairKey({
        engine,
        identity,
        personId,
        reason: 'periodic',
        removeDeviceIds: [],
        now,
      });
      if (written.ok) lastWrittenAt = now.getTime();
    } catch (error) {
      reportError(error, 'Moving the pair to a fresh key');
    }
  };
  const check = () => {
    if (stopped || pending !== undefined) return;
    try {
      if (!due()) return;
    } catch (error) {
      reportError(error, 'Checking whether the pair needs a fresh key');
      return;
    }
    pending = setTimeout(write, periodicRotationDelay(identity.deviceId, input.jitterMs));
  };
  // Woken by what can make a rotation due or possible: a new epoch, a connection. Every other
  // status change (each edit changes `waiting`) would only repeat the same answer.
  const stopStatus = engine.status.subscribe((status) => {
    const seen = `${status.epoch} ${status.connection}`;
    if (seen === lastStatus) return;
    lastStatus = seen;
    check();
  });
  const interval = setInterval(check, input.checkEveryMs ?? PERIODIC_CHECK_MS);
  return () => {
    stopped = true;
    clearTimeout(pending);
    clearInterval(interval);
    stopStatus();
  };
}

/**
 * When the pair began, for its first epoch: the earliest of its recorded creation and its
 * devices' `addedAt` (private notes record no creation). Member-written, hence only ever a
 * first epoch's claim; undefined when none parses.
 */
function pairCreatedAt(doc: Y.Doc): string | undefined {
  const instants = [readWorkspaceMeta(doc).createdAt, ...listDevices(doc).map((d) => d.addedAt)];
  let earliest: string | undefined;
  for (const instant of instants) {
    if (instant === undefined || Number.isNaN(Date.parse(instant))) continue;
    if (earliest === undefined || Date.parse(instant) < Date.parse(earliest)) earliest = instant;
  }
  return earliest;
}
