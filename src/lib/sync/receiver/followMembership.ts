// Which devices' blobs a workspace accepts is decided by its membership chain (PROTOCOL.md,
// "Membership chain"): records signed by person keys, rooted in the genesis record whose hash
// this device anchored when it created or joined the pair. Nothing a writer puts in the doc
// outside a verified record (the `devices` or `people` maps) counts.
//
// The chain lives in the inner doc, which arrives in blobs, which are accepted only from chain
// devices. So records are also taken from the blobs of devices not (yet) known: a record is
// self-authenticating (its signature, its place under the root), so where it came from does not
// matter. A record once verified is kept for the session even if a writer deletes it from the
// doc, and written back (sealed by this device) so the doc, and every cache of it, keeps it.
//
// A device stays accepted for the rest of the epoch once counted, even after it is removed:
// every device holds the epoch key until the rotation that follows the removal, and refusing a
// removed device's earlier blobs on one replica but not on another (which applied them before
// the removal arrived) would split the pair's doc. The rotation is the cut: the removed device
// has no key to the next room.
import type { DeviceId } from '$lib/crypto';
import type * as Y from 'yjs';
import type { EngineContext } from '../engine/engineContext';
import {
  deriveMembership,
  MEMBERSHIP_MAP_NAME,
  parseChainRecord,
  writeChainRecord,
  type ChainRecord,
  type Membership,
} from '../membership';

/** What the engine keeps of the chain while a workspace is open. */
export interface ChainState {
  root: string;
  /** Every verified record seen this session, by hash (the doc may lose one; this does not). */
  records: Map<string, ChainRecord>;
  /** Doc values already found not to parse, so they are not verified again. */
  refused: WeakSet<object>;
  membership: Membership;
  /** Devices admitted while the stored log was not loaded: their blobs are rechecked after. */
  recheckAfterLoad: Set<DeviceId>;
  /** Listeners told when the membership changes. */
  listeners: Set<(membership: Membership) => void>;
  /** Re-checks a newly accepted device's blobs already in the log (`recheckDeviceBlobs`). */
  recheck: (deviceId: DeviceId) => void;
}

/**
 * Starts following the chain of a workspace that has one: derives the accepted devices from the
 * inner doc now and after every change of its membership map. Returns the stop function.
 *
 * @example
 *   const stop = followMembership(ctx, { root, recheck: (id) => recheckDeviceBlobs(ctx, id) });
 */
export function followMembership(
  ctx: EngineContext,
  input: { root: string; recheck: (deviceId: DeviceId) => void },
): () => void {
  const chain: ChainState = {
    root: input.root,
    records: new Map(),
    refused: new WeakSet(),
    membership: deriveMembership({ root: input.root, records: [] }),
    recheckAfterLoad: new Set(),
    listeners: new Set(),
    recheck: input.recheck,
  };
  ctx.chain = chain;
  const map = ctx.innerDoc.getMap(MEMBERSHIP_MAP_NAME);
  readDocRecords(ctx, chain, map);
  rederive(ctx, chain);
  const onChange = (event: Y.YMapEvent<unknown>) => {
    let lost = false;
    // A verified record deleted or overwritten by a member: put it back (after this transaction).
    for (const [key, change] of event.changes.keys) {
      if (change.action !== 'add' && chain.records.has(key)) lost = true;
    }
    const added = readDocRecords(ctx, chain, map);
    if (added) rederive(ctx, chain);
    if (lost) queueMicrotask(() => restoreLostRecords(ctx, chain));
  };
  map.observe(onChange);
  return () => map.unobserve(onChange);
}

/**
 * Adds records found in a blob this device could not accept yet (its device is unknown) and
 * re-derives; true when its device is accepted now.
 *
 * @example
 *   if (takeChainRecords(ctx, deviceId, bytesList)) receiveBlob(ctx, blob);
 */
export function takeChainRecords(
  ctx: EngineContext,
  deviceId: DeviceId,
  entries: Iterable<[string, unknown]>,
): boolean {
  const chain = ctx.chain;
  if (!chain) return false;
  let added = false;
  for (const [key, value] of entries) added = verifyEntry(ctx, chain, key, value) || added;
  if (added) rederive(ctx, chain);
  return ctx.devices.has(deviceId);
}

/** Verifies the doc's entries not seen yet; true if any record was added. */
function readDocRecords(ctx: EngineContext, chain: ChainState, map: Y.Map<unknown>): boolean {
  let added = false;
  for (const [key, value] of map.entries()) added = verifyEntry(ctx, chain, key, value) || added;
  return added;
}

function verifyEntry(ctx: EngineContext, chain: ChainState, key: string, value: unknown): boolean {
  if (chain.records.has(key)) return false;
  if (typeof value === 'object' && value !== null && chain.refused.has(value)) return false;
  const parsed = parseChainRecord(value, { workspaceId: ctx.workspaceId });
  // An entry filed under another record's hash is refused: the key names exactly its bytes.
  if (!parsed.ok || parsed.record.hash !== key) {
    if (typeof value === 'object' && value !== null) chain.refused.add(value);
    return false;
  }
  chain.records.set(key, parsed.record);
  return true;
}

/** Derives the membership again and brings the accepted devices in line with it. */
function rederive(ctx: EngineContext, chain: ChainState): void {
  const membership = deriveMembership({ root: chain.root, records: chain.records.values() });
  chain.membership = membership;
  for (const deviceId of acceptedDevices(membership)) {
    if (ctx.devices.has(deviceId)) continue;
    ctx.devices.add(deviceId);
    chain.recheckAfterLoad.add(deviceId);
  }
  // Not from inside the transaction that brought the record (a blob being applied): after it.
  if (ctx.logLoaded && chain.recheckAfterLoad.size > 0) queueMicrotask(() => recheckAdmitted(ctx));
  for (const listener of chain.listeners) listener(membership);
}

/**
 * Re-checks the blobs of devices the chain admitted since the last call (refused before as
 * unknown). Called after each change and once the stored log is loaded.
 *
 * @example
 *   ctx.logLoaded = true;
 *   recheckAdmitted(ctx);
 */
export function recheckAdmitted(ctx: EngineContext): void {
  const chain = ctx.chain;
  if (!chain || ctx.closed || !ctx.logLoaded) return;
  const admitted = [...chain.recheckAfterLoad];
  chain.recheckAfterLoad.clear();
  for (const deviceId of admitted) chain.recheck(deviceId);
}

/**
 * At an epoch switch: the new room accepts only the devices the chain counts as active (the
 * removed ones have no key to it), and this one.
 *
 * @example
 *   resetAcceptedDevices(ctx); // in rollEpoch, with the new room
 */
export function resetAcceptedDevices(ctx: EngineContext): void {
  const chain = ctx.chain;
  if (!chain) return;
  ctx.devices.clear();
  ctx.devices.add(ctx.identity.deviceId);
  for (const deviceId of chain.membership.devices.keys()) ctx.devices.add(deviceId);
}

/**
 * The devices whose blobs the current epoch accepts: every device the chain counts, active or
 * removed since (see the file comment), never one it refused.
 */
export function acceptedDevices(membership: Membership): DeviceId[] {
  return [...membership.devices.keys(), ...membership.formerDevices.keys()];
}

function restoreLostRecords(ctx: EngineContext, chain: ChainState): void {
  if (ctx.closed) return;
  ctx.innerDoc.transact(() => {
    // Writes only where the entry is missing or holds other bytes.
    for (const record of chain.records.values()) writeChainRecord(ctx.innerDoc, record);
  });
}
