// Seeded people and device registration for the identity tests: a person key made from a label
// (so every run names the same people), and the registry entry a device writes for itself when
// it opens a pair, certified by its person exactly as the app does it; the pair's people, written
// as the creator's and the partner's devices write them; and a view of an engine whose relay
// connection the test switches (the in-memory relay never reports one).
import type * as Y from 'yjs';
import { toBase64Url, type DeviceIdentity, type PersonIdentity } from '$lib/crypto';
import { certifyDevice } from '$lib/state/identity/deviceCertificate';
import type { Observable, SyncStatus, SyncedWorkspace } from '$lib/sync';
import { addPerson, createWorkspace, registerDevice, type DeviceEntry } from '$lib/workspace';

export { seededPerson } from '../../../support/harness/seededIdentity';

/** The registry entry `device` of `person` writes for itself, certificate included. */
export function certifiedEntry(input: {
  person: PersonIdentity;
  device: DeviceIdentity;
  name?: string;
  at?: string;
}): Omit<DeviceEntry, 'removedAt'> {
  const at = input.at ?? '2025-01-06T09:00:00.000Z';
  return {
    deviceId: input.device.deviceId,
    personId: input.person.personId,
    name: input.name ?? 'Test device',
    boxPublicKey: toBase64Url(input.device.box.publicKey),
    certificate: certifyDevice({ person: input.person, device: input.device }),
    addedAt: at,
    lastSeenAt: at,
  };
}

/** Registers `device` of `person` in `doc`; throws if the workspace layer refuses. */
export function registerCertified(
  doc: Y.Doc,
  input: { person: PersonIdentity; device: DeviceIdentity; name?: string },
): void {
  const registered = registerDevice(doc, certifiedEntry(input));
  if (!registered.ok) throw new Error(`registerDevice refused: ${registered.code}`);
}

const SEATED_AT = new Date('2025-01-06T09:00:00.000Z');

/**
 * Makes `doc` a new pair with `person` as its first person (the mentor), as the creator's device
 * does; throws if the workspace layer refuses. Rotation records count only by the pair's people.
 *
 * @example
 *   createPairAs(laptop.engine.innerDoc, p);
 */
export function createPairAs(doc: Y.Doc, person: PersonIdentity): void {
  const creator = {
    personId: person.personId,
    name: 'Ada',
    role: 'mentor',
    timeZone: 'UTC',
  } as const;
  const created = createWorkspace(doc, { title: 'Rotation', creator, at: SEATED_AT });
  if (!created.ok) throw new Error(`createWorkspace refused: ${created.code}`);
}

/**
 * Adds `person` as the mentee to a pair whose creation `doc` has received, as the partner's
 * device does on joining; throws if the workspace layer refuses.
 *
 * @example
 *   joinPairAs(partner.engine.innerDoc, q);
 */
export function joinPairAs(doc: Y.Doc, person: PersonIdentity): void {
  const joiner = {
    personId: person.personId,
    name: 'Ben',
    role: 'mentee',
    timeZone: 'UTC',
  } as const;
  const added = addPerson(doc, { ...joiner, at: SEATED_AT });
  if (!added.ok) throw new Error(`addPerson refused: ${added.code}`);
}

/** A view of an engine whose relay connection the test decides. */
export interface RelayView {
  /**
   * The engine as rotation code sees it: status and relay confirmation overridden, everything
   * else the real engine.
   */
  engine: SyncedWorkspace;
  /**
   * `quiet`: synced with nothing waiting (what the in-memory relay, which delivers at once,
   * amounts to); `offline`: not connected; `waiting`: synced, but this device's writes are not
   * all on the relay yet.
   */
  set(state: 'quiet' | 'offline' | 'waiting'): void;
}

/**
 * The in-memory relay never reports `synced`, a device without a relay counts every blob as
 * waiting, and it confirms nothing on the relay (`confirmOnRelay`); rotation needs all three, so
 * the unit tests say when a device is on the relay. Listeners
 * hear the real status changes and the test's switches.
 *
 * @example
 *   const view = relayView(device.engine, 'quiet');
 *   rotatePairKey({ engine: view.engine, ... });
 */
export function relayView(
  engine: SyncedWorkspace,
  initial: 'quiet' | 'offline' | 'waiting',
): RelayView {
  let state = initial;
  const listeners = new Set<(value: SyncStatus) => void>();
  const get = (): SyncStatus => {
    const real = engine.status.get();
    if (state === 'offline') return { ...real, connection: 'offline' };
    return { ...real, connection: 'synced', waiting: state === 'waiting' ? 1 : 0 };
  };
  const status: Observable<SyncStatus> = {
    get,
    subscribe(listener) {
      listeners.add(listener);
      const stopReal = engine.status.subscribe(() => listener(get()));
      return () => {
        listeners.delete(listener);
        stopReal();
      };
    },
  };
  // The in-memory relay delivers at once: what a quiet device has published is on it. A device
  // offline, or with writes waiting, gets no confirmation (as from a real relay it could not
  // reach, or one that has not stored everything yet).
  const confirmOnRelay = async (): Promise<boolean> => {
    if (state !== 'quiet') return false;
    await engine.flush();
    return state === 'quiet';
  };
  return {
    engine: { ...engine, status, confirmOnRelay },
    set(next) {
      state = next;
      for (const listener of [...listeners]) listener(get());
    },
  };
}
