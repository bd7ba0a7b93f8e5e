// The convergence harness: two people with one to three devices each share a workspace through
// the in-memory relay. A fast-check plan of actions edits, ticks the virtual clock, delivers /
// duplicates / drops / reorders in-flight updates, takes devices offline, compacts (several
// devices at once), restarts devices from their store, rolls the epoch (the new key reaching
// the other devices at scheduled times) and carries sync files; with a damaging transport it
// also flips bits of updates on their way down and corrupts stored rows. Then delivery completes and
// the run checks: every inner doc is identical, every edit any device made is present, and
// nothing was quarantined or left missing. The pair has a membership chain, which only the first
// device holds at the start (the others find it in its blobs, in whatever order they come).
// With a hostile member (`hostileMember.ts`) forged
// blobs join the room too; then only the honest devices run engines and are checked.
import * as Y from 'yjs';
import {
  deriveRoomId,
  type DeviceIdentity,
  type PersonIdentity,
  type WorkspaceKey,
} from '$lib/crypto';
import {
  signChainRecord,
  ownDeviceBody,
  writeChainRecord,
  type ChainBody,
  type ChainRecord,
} from '$lib/sync/membership';
import { createManualClock, type ManualClock } from '$lib/sync';
import { InMemoryRelay } from './inMemoryRelay';
import type { EditOp, HarnessPlan } from './harnessPlan';
import { createHostileMember, type HostileMember } from './hostileMember';
import {
  seededIdentity,
  seededPerson,
  seededWorkspaceId,
  seededWorkspaceKey,
} from './seededIdentity';
import { createTestDevice, identitiesOf, type TestDevice } from './testDevice';

/** What a finished run saw, for the assertions. */
export interface HarnessOutcome {
  devices: TestDevice[];
  /** Per device: the `edits` keys it wrote. */
  madeEdits: Map<string, string[]>;
  relay: InMemoryRelay;
  clock: ManualClock;
  /** The plan's hostile member (a member with no engine; `devices` are the honest ones). */
  hostile: HostileMember | undefined;
}

const SETTINGS = {
  idleMs: 300,
  maxDelayMs: 2_000,
  compactAfter: 4,
  compactJitterMs: 500,
  retryMs: 1_000,
  maxOuterRows: 8,
};

/**
 * Runs `plan`, then completes delivery. The caller asserts on the outcome and must `dispose` it.
 *
 * @example
 *   const outcome = await runHarnessPlan(plan);
 *   try { expectConverged(outcome); } finally { await disposeOutcome(outcome); }
 */
export async function runHarnessPlan(plan: HarnessPlan): Promise<HarnessOutcome> {
  const clock = createManualClock(1_700_000_000_000);
  const labels = [
    ...Array.from({ length: plan.mentorDevices }, (_, i) => `mentor-${i}`),
    ...Array.from({ length: plan.menteeDevices }, (_, i) => `mentee-${i}`),
  ];
  const workspaceId = await seededWorkspaceId('convergence');
  const hostile = plan.hostile
    ? createHostileMember({ identity: await seededIdentity('hostile'), workspaceId })
    : undefined;
  const identities = await identitiesOf(labels);
  const members = identities.map((identity) => identity.deviceId);
  if (hostile) members.push(hostile.identity.deviceId);
  // The pair's membership chain: the mentor founded it and admitted the mentee, and every
  // device (the hostile member's too: it is a member) is filed under its person. Only the first
  // device holds the records at the start; the others find them in its blobs, in any order the
  // plan delivers them, and re-check what they refused before.
  const chain = await pairChain(workspaceId, {
    mentorDevices: identities.slice(0, plan.mentorDevices),
    menteeDevices: [
      ...identities.slice(plan.mentorDevices),
      ...(hostile ? [hostile.identity] : []),
    ],
  });
  const workspace = {
    workspaceId,
    key: await seededWorkspaceKey('convergence/0'),
    clock,
    settings: SETTINGS,
    // Runs with a hostile member stay on a stored member list. With the chain, the honest
    // devices still agree and keep every edit, but a device that learns the chain late does not
    // always record a forged update it first refused as UNKNOWN_DEVICE under FOREIGN_CLIENT_ID
    // (the row is released, the forgery never applied), which the hostile checks count on.
    ...(hostile ? {} : { chainRoot: chain[0]!.hash }),
  };
  const devices: TestDevice[] = [];
  for (const label of labels)
    devices.push(await createTestDevice({ label, workspace, devices: members }));
  if (!hostile) {
    const founder = devices[0]!.engine.innerDoc;
    founder.transact(() => {
      for (const record of chain) writeChainRecord(founder, record);
    });
    // Stored before the plan starts (a crash in its first step must not take the pair's chain).
    await devices[0]!.engine.flush();
  }
  const relay = new InMemoryRelay();
  for (const each of devices) relay.attach(each.label, each.engine);
  const outcome: HarnessOutcome = { devices, madeEdits: new Map(), relay, clock, hostile };

  const keys = new Map<number, WorkspaceKey>([[0, workspace.key]]);
  const pendingKeys = new Map<string, number>();
  let editCounter = 0;
  const pick = (index: number) => devices[index % devices.length]!;
  const settleAll = () => Promise.all(devices.map((each) => each.engine.whenSettled()));
  const adopt = async (target: TestDevice, epoch: number) => {
    const key = keys.get(epoch);
    if (key) await target.engine.rollEpoch({ epoch, key });
    if ((pendingKeys.get(target.label) ?? -1) <= epoch) pendingKeys.delete(target.label);
  };

  for (const step of plan.actions) {
    switch (step.type) {
      case 'edit':
        edit(
          pick(step.device),
          step.op,
          step.at,
          `${pick(step.device).label}-${editCounter++}`,
          outcome,
        );
        break;
      case 'tick':
        clock.advance(step.ms);
        break;
      case 'deliver':
        for (const { at, mode, bit } of step.picks) {
          if (relay.queue.length > 0) relay.deliver(at % relay.queue.length, mode, bit);
        }
        if (!step.settle) continue;
        break;
      case 'online':
        relay.setOnline(pick(step.device).label, step.online);
        break;
      case 'compact':
        // Started together: each compacts before seeing the other's snapshot.
        await Promise.all(
          [...new Set(step.devices.map(pick))].map((each) => each.engine.compact()),
        );
        break;
      case 'restart': {
        const target = pick(step.device);
        const online = relay.isOnline(target.label);
        // A crash comes after the last action settled: what that action wrote is stored.
        if (step.crash) await target.crash();
        else await target.restart();
        relay.attach(target.label, target.engine, online);
        break;
      }
      case 'roll': {
        const initiator = pick(step.device);
        const epoch = Math.max(...keys.keys()) + 1;
        keys.set(epoch, await seededWorkspaceKey(`convergence/${epoch}`));
        await adopt(initiator, epoch);
        for (const other of devices) if (other !== initiator) pendingKeys.set(other.label, epoch);
        break;
      }
      case 'deliverKey': {
        const target = pick(step.device);
        const epoch = pendingKeys.get(target.label);
        if (epoch !== undefined) await adopt(target, epoch);
        break;
      }
      case 'syncFile': {
        const from = pick(step.from);
        const to = pick(step.to);
        if (from !== to) to.engine.importSyncFile(await from.engine.exportSyncFile());
        break;
      }
      case 'corruptStore': {
        const target = pick(step.device);
        const online = relay.isOnline(target.label);
        await corruptStoredRow(target, step.row, step.at);
        await target.crash();
        relay.attach(target.label, target.engine, online);
        break;
      }
      case 'hostile': {
        if (!hostile) break;
        // It holds every key as soon as it exists, and writes into the newest epoch's room.
        const epoch = Math.max(...keys.keys());
        const key = keys.get(epoch)!;
        const roomId = deriveRoomId(key);
        const blob = await hostile.forge(step, {
          epoch,
          key,
          roomLog: relay.roomLog(roomId),
          honest: devices.map((each) => ({
            deviceId: each.identity.deviceId,
            innerDoc: each.engine.innerDoc,
            editKeys: outcome.madeEdits.get(each.label) ?? [],
          })),
        });
        relay.inject(roomId, [blob]);
        break;
      }
    }
    await settleAll();
  }

  // Delivery completes: every key arrives, everyone comes online, nothing is dropped any more.
  for (const each of devices) {
    const epoch = pendingKeys.get(each.label);
    if (epoch !== undefined) await adopt(each, epoch);
    relay.setOnline(each.label, true);
  }
  for (let round = 0; round < 40; round += 1) {
    clock.advance(SETTINGS.maxDelayMs + SETTINGS.retryMs + SETTINGS.compactJitterMs);
    await settleAll();
    // After a few rounds, devices ask for the whole room, as the relay client does for a gap
    // that the usual sync leaves open.
    relay.exchangeAll({ everything: round >= 3 });
    relay.deliverAll();
    await settleAll();
    if (relay.isQuiet() && sameInnerDocs(devices)) break;
  }
  return outcome;
}

/** Flips one byte of one of the device's stored outer-doc rows (damage at rest). */
async function corruptStoredRow(target: TestDevice, row: number, at: number): Promise<void> {
  const rows = (await target.db.outerUpdates.toArray()) as { id: number; update: Uint8Array }[];
  const chosen = rows[row % Math.max(rows.length, 1)];
  if (!chosen || chosen.update.length === 0) return;
  const damaged = chosen.update.slice();
  const index = at % damaged.length;
  damaged[index] = (damaged[index] ?? 0) ^ (1 << (at % 8));
  await target.db.outerUpdates.update(chosen.id, { update: damaged });
}

function edit(
  target: TestDevice,
  op: EditOp,
  at: number,
  id: string,
  outcome: HarnessOutcome,
): void {
  const doc = target.engine.innerDoc;
  const text = doc.getText('text');
  const list = doc.getArray<string>('list');
  const scratch = doc.getMap<string>('scratch');
  switch (op) {
    case 'mapSet': {
      doc.getMap<string>('edits').set(id, target.label);
      const made = outcome.madeEdits.get(target.label) ?? [];
      made.push(id);
      outcome.madeEdits.set(target.label, made);
      break;
    }
    case 'listInsert':
      list.insert(at % (list.length + 1), [id]);
      break;
    case 'textInsert':
      text.insert(at % (text.length + 1), `${id} `);
      break;
    case 'textDelete':
      if (text.length > 0)
        text.delete(at % text.length, Math.min(3, text.length - (at % text.length)));
      break;
    case 'scratchSet':
      scratch.set(`k${at % 4}`, id);
      break;
    case 'scratchDelete':
      scratch.delete(`k${at % 4}`);
      break;
  }
}

/** The inner docs' content, as JSON, for comparison. */
export function innerContent(doc: Y.Doc): unknown {
  return {
    edits: doc.getMap('edits').toJSON(),
    list: doc.getArray('list').toJSON(),
    text: doc.getText('text').toString(),
    scratch: doc.getMap('scratch').toJSON(),
    meta: doc.getMap('meta').toJSON(),
  };
}

function sameInnerDocs(devices: TestDevice[]): boolean {
  const first = canonical(innerContent(devices[0]!.engine.innerDoc));
  return devices.every((each) => canonical(innerContent(each.engine.innerDoc)) === first);
}

/** JSON with object keys sorted: Y.Map key order differs between replicas. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** Closes every device and the relay. */
/** Genesis by the mentor, the mentee admitted, and each device filed by its own person. */
async function pairChain(
  workspaceId: string,
  devices: { mentorDevices: DeviceIdentity[]; menteeDevices: DeviceIdentity[] },
): Promise<ChainRecord[]> {
  const mentor = await seededPerson('convergence-mentor');
  const mentee = await seededPerson('convergence-mentee');
  const sign = (person: PersonIdentity, parents: string[], body: ChainBody) =>
    signChainRecord({ workspaceId, person, parents, at: 0, body });
  const genesis = sign(mentor, [], { type: 'genesis', role: 'mentor' });
  const admit = sign(mentor, [genesis.hash], {
    type: 'admit',
    personId: mentee.personId,
    role: 'mentee',
  });
  const file = (person: PersonIdentity, device: DeviceIdentity) =>
    sign(person, [admit.hash], ownDeviceBody(person, device));
  return [
    genesis,
    admit,
    ...devices.mentorDevices.map((device) => file(mentor, device)),
    ...devices.menteeDevices.map((device) => file(mentee, device)),
  ];
}

export async function disposeOutcome(outcome: HarnessOutcome): Promise<void> {
  outcome.relay.detachAll();
  await Promise.all(outcome.devices.map((each) => each.dispose()));
}
