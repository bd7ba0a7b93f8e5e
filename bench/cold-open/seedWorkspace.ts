// Seeding, in the page, through the engine itself: the device opens a workspace anchored at a
// membership chain of four records (genesis, its device, the partner admitted and filed: an open
// verifies and derives them before it accepts a blob), the trace's
// ~260k edits land in its inner doc (one transaction: typing them one by one would only make
// seeding slower, the stored state is the same), the engine seals and stores them, and a
// compaction folds them into one snapshot, as a device that has worked for a while would hold.
// Then the partner's device sends 300 small blobs (structured edits), which the device verifies,
// applies and caches but does not fold into a snapshot: the compaction bound is raised to 1000
// for the benchmark, so no compaction runs whatever the default rule (the default would not
// compact here either: 300 blobs of ~420 bytes weigh far less than 4 times the ~300 KB state).
// The timed part of an open reads only the workspace row, the cache and the quarantine, so the
// log's length changes what the open does after it reports ready, not the figure.
import * as Y from 'yjs';
import {
  generatePersonIdentity,
  generateWorkspaceId,
  generateWorkspaceKey,
  readyCrypto,
  type DeviceIdentity,
} from '$lib/crypto';
import {
  createWorkspace,
  loadOrCreateDeviceIdentity,
  loadOrCreateVaultKey,
  openTrellisDb,
} from '$lib/store';
import { getOuterLog, openSyncedWorkspace, type SyncedWorkspace } from '$lib/sync';
import { readBlobHeader } from '$lib/sync/blob';
import {
  ownDeviceBody,
  signChainRecord,
  writeChainRecord,
  type ChainRecord,
} from '$lib/sync/membership';
import { applyTraceTxn, TRACE_TEXT, type TraceTxn } from '../support/applyTraceTxn';
import { applyStructuredEdit, planStructuredEdits } from '../support/structuredEdits';
import { COLD_OPEN_SETTINGS, PAGE_PATHS, type SeedResult } from './protocol';

/** The partner device's own database in this browser profile. */
const PARTNER_DB = 'trellis-partner';
const FROM_PARTNER = Symbol('bench/from-partner');

/**
 * Seeds this origin's IndexedDB with a workspace and returns what it holds; also PUTs the inner
 * doc's state to the page server for the baseline.
 *
 * @example
 *   const seeded = await seedWorkspace({ partnerBlobs: 300, seed: 3 });
 */
export async function seedWorkspace(input: {
  partnerBlobs: number;
  seed: number;
}): Promise<SeedResult> {
  const started = performance.now();
  await readyCrypto();
  const trace = await fetchTrace();
  const db = openTrellisDb();
  const partnerDb = openTrellisDb({ name: PARTNER_DB });
  const vaultKey = await loadOrCreateVaultKey(db);
  const partnerVaultKey = await loadOrCreateVaultKey(partnerDb);
  const me = await loadOrCreateDeviceIdentity(db, vaultKey);
  const partner = await loadOrCreateDeviceIdentity(partnerDb, partnerVaultKey);
  if (!me.ok || !partner.ok) throw new Error('seed: no device identity');
  const workspaceId = generateWorkspaceId();
  const key = generateWorkspaceKey();
  const devices = [me.identity.deviceId, partner.identity.deviceId];
  // A pair of today: both devices counted by a membership chain, which the open re-derives.
  const chain = pairChain(workspaceId, { me: me.identity, partner: partner.identity });
  const chainRoot = chain[0]!.hash;
  await createWorkspace(db, { workspaceId, epoch: 0, key, devices, chainRoot, vaultKey });
  await createWorkspace(partnerDb, {
    workspaceId,
    epoch: 0,
    key,
    devices,
    vaultKey: partnerVaultKey,
  });
  const open = async (options: Omit<Parameters<typeof openSyncedWorkspace>[0], 'settings'>) => {
    const opened = await openSyncedWorkspace({ ...options, settings: COLD_OPEN_SETTINGS });
    if (!opened.ok) throw new Error(`seed: could not open the workspace: ${opened.code}`);
    return opened.workspace;
  };
  const main = await open({ db, identity: me.identity, vaultKey, workspaceId });
  main.innerDoc.transact(() => {
    for (const record of chain) writeChainRecord(main.innerDoc, record);
  });
  const text = main.innerDoc.getText(TRACE_TEXT);
  main.innerDoc.transact(() => {
    for (const txn of trace.txns) applyTraceTxn(text, txn.patches);
  });
  if (text.toString() !== trace.endContent) throw new Error('seed: the trace did not replay');
  await main.flush();
  const compacted = await main.compact();
  if (!compacted.ok) throw new Error(`seed: compaction failed: ${compacted.code}`);

  const other = await open({
    db: partnerDb,
    identity: partner.identity,
    vaultKey: partnerVaultKey,
    workspaceId,
  });
  const relay = (update: Uint8Array, origin: unknown) => {
    if (origin !== FROM_PARTNER) Y.applyUpdate(main.room().doc, update, FROM_PARTNER);
  };
  other.room().doc.on('update', relay);
  for (const edit of planStructuredEdits(input.partnerBlobs, input.seed)) {
    other.innerDoc.transact(() => applyStructuredEdit(other.innerDoc, edit));
    await other.flush();
  }
  await main.whenSettled();
  const result = describeLog(main, { workspaceId, started, partner: partner.identity.deviceId });
  if (result.partnerBlobs !== input.partnerBlobs || main.counters().opened < input.partnerBlobs) {
    throw new Error(`seed: ${result.partnerBlobs} partner blobs reached the log`);
  }
  const state = Y.encodeStateAsUpdate(main.innerDoc);
  // A copy backed by a plain ArrayBuffer, which is what a request body accepts.
  await fetch(PAGE_PATHS.state, { method: 'PUT', body: state.slice() });
  other.room().doc.off('update', relay);
  await other.close();
  await main.close();
  db.close();
  partnerDb.close();
  return { ...result, stateBytes: state.byteLength, seconds: (performance.now() - started) / 1000 };
}

/** Genesis by this device's person, its device, the partner admitted, the partner's device. */
function pairChain(
  workspaceId: string,
  devices: { me: DeviceIdentity; partner: DeviceIdentity },
): ChainRecord[] {
  const mentor = generatePersonIdentity();
  const mentee = generatePersonIdentity();
  const sign = (parents: string[], body: Parameters<typeof signChainRecord>[0]['body']) =>
    signChainRecord({ workspaceId, person: mentor, parents, at: 0, body });
  const genesis = sign([], { type: 'genesis', role: 'mentor' });
  const mine = sign([genesis.hash], ownDeviceBody(mentor, devices.me));
  const admit = sign([mine.hash], { type: 'admit', personId: mentee.personId, role: 'mentee' });
  const theirs = sign([admit.hash], ownDeviceBody(mentee, devices.partner));
  return [genesis, mine, admit, theirs];
}

async function fetchTrace(): Promise<{ endContent: string; txns: TraceTxn[] }> {
  const response = await fetch(PAGE_PATHS.trace);
  if (!response.ok) throw new Error(`seed: GET ${PAGE_PATHS.trace} answered ${response.status}`);
  // The page server sends the trace the driver parsed and checked.
  return (await response.json()) as { endContent: string; txns: TraceTxn[] };
}

function describeLog(
  main: SyncedWorkspace,
  input: { workspaceId: string; started: number; partner: string },
): Omit<SeedResult, 'stateBytes' | 'seconds'> {
  const entries = getOuterLog(main.room().doc).toArray();
  let snapshotBytes = 0;
  let partnerBlobs = 0;
  let partnerBlobBytes = 0;
  for (const entry of entries) {
    const read = readBlobHeader(entry);
    if (!read.ok || !(entry instanceof Uint8Array)) continue;
    if (read.header.kind === 'snapshot') snapshotBytes += entry.byteLength;
    if (read.header.deviceId === input.partner) {
      partnerBlobs += 1;
      partnerBlobBytes += entry.byteLength;
    }
  }
  return {
    workspaceId: input.workspaceId,
    logEntries: entries.length,
    snapshotBytes,
    partnerBlobs,
    partnerBlobBytes,
  };
}
