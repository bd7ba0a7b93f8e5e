// One measured page load: a cold open of the seeded workspace from IndexedDB to a ready inner
// doc, against `Y.applyUpdate(new Y.Doc(), state)` of the same state from memory. Outside the
// timing, as in the app: libsodium is loaded, the database is open and the device identity is
// read (the app does all three at start-up, before any workspace opens), the state is fetched,
// and one untimed `applyUpdate` warms up the Yjs decoder for both sides alike.
import * as Y from 'yjs';
import { parseWorkspaceId, readyCrypto, type VaultKey } from '$lib/crypto';
import {
  loadDeviceIdentity,
  loadOrCreateVaultKey,
  openTrellisDb,
  type TrellisDb,
} from '$lib/store';
import { openSyncedWorkspace } from '$lib/sync';
import { TRACE_TEXT } from '../support/applyTraceTxn';
import { COLD_OPEN_SETTINGS, PAGE_PATHS, type MeasureResult, type RunOrder } from './protocol';

/**
 * Times both opens once, in `order`; throws if either doc's text is not the trace's end.
 *
 * @example
 *   const { trellisMs, baselineMs } = await measureOpen({ workspaceId, order: 'trellis-first' });
 */
export async function measureOpen(input: {
  workspaceId: string;
  order: RunOrder;
}): Promise<MeasureResult> {
  await readyCrypto();
  const workspaceId = parseWorkspaceId(input.workspaceId);
  if (!workspaceId) throw new Error('measure: not a workspace id');
  const db = openTrellisDb();
  const vaultKey = await loadOrCreateVaultKey(db);
  const state = new Uint8Array(await (await fetchOk(PAGE_PATHS.state)).arrayBuffer());
  const endContent = await fetchOk(PAGE_PATHS.endContent).then((r) => r.text());
  if (docText(state) !== endContent) throw new Error('measure: the stored state is not the trace');
  const timeTrellis = () => timeOpen({ db, vaultKey, workspaceId, endContent });
  const timeBaseline = async () => {
    collectGarbage();
    const start = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const ms = performance.now() - start;
    if (doc.getText(TRACE_TEXT).toString() !== endContent) throw new Error('baseline: wrong text');
    doc.destroy();
    return ms;
  };
  let trellis: { ms: number; opened: number };
  let baselineMs: number;
  if (input.order === 'trellis-first') {
    trellis = await timeTrellis();
    baselineMs = await timeBaseline();
  } else {
    baselineMs = await timeBaseline();
    trellis = await timeTrellis();
  }
  db.close();
  return { trellisMs: trellis.ms, baselineMs, order: input.order, opened: trellis.opened };
}

async function timeOpen(input: {
  db: TrellisDb;
  vaultKey: VaultKey;
  workspaceId: Parameters<typeof openSyncedWorkspace>[0]['workspaceId'];
  endContent: string;
}): Promise<{ ms: number; opened: number }> {
  const { db, vaultKey, workspaceId } = input;
  const identity = await loadDeviceIdentity(db, vaultKey);
  if (!identity.ok) throw new Error(`measure: ${identity.code}`);
  collectGarbage();
  const start = performance.now();
  const opened = await openSyncedWorkspace({
    db,
    identity: identity.identity,
    vaultKey,
    workspaceId,
    settings: COLD_OPEN_SETTINGS,
  });
  const ms = performance.now() - start;
  if (!opened.ok) throw new Error(`measure: the workspace did not open: ${opened.code}`);
  const { workspace } = opened;
  if (workspace.innerDoc.getText(TRACE_TEXT).toString() !== input.endContent) {
    throw new Error('trellis: the opened inner doc does not hold the trace');
  }
  // The engine's own work after the open (loading the stored log, checkpoints) must not
  // overlap the other timing.
  await workspace.whenSettled();
  const opens = workspace.counters().opened;
  await workspace.close();
  return { ms, opened: opens };
}

/**
 * A full garbage collection when the browser exposes one (the driver starts Chromium with
 * `--js-flags=--expose-gc`), so neither timing pays for the other's garbage.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function fetchOk(path: string): Promise<Response> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`measure: GET ${path} answered ${response.status}`);
  return response;
}

/** The traced text of `state`: an untimed decode that also warms up Yjs for both timings. */
function docText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const text = doc.getText(TRACE_TEXT).toString();
  doc.destroy();
  return text;
}
