// The identity flows of issue #6 against the real relay process: linking a second device through
// a rendezvous room (LinkOfferSession + LinkRequestSession), and moving a pair to a new epoch key
// when a device is removed or an invite revoked (rotatePairKey + followRotations), with the
// engines' real "synced" status from the stock y-websocket client. Each pair's people are seated
// as the app seats them (a record counts only by a device of one of them, or, in a doc that lists
// no people such as private notes, of the reader's own person). The rotation grace period is
// shortened (`graceMs`): what the tests wait for are events, never durations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sodium from 'libsodium-wrappers-sumo';
import * as Y from 'yjs';
import {
  deriveRelayToken,
  deriveRoomId,
  fromBase64Url,
  openSealedToDevice,
  readyCrypto,
  type BoxPublicKey,
  type BoxSecretKey,
  type PersonIdentity,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { LinkOfferSession, LinkRequestSession } from '$lib/state/identity/deviceLinking.svelte';
import {
  followRotations,
  rotatePairKey,
  type RotationEvent,
} from '$lib/state/identity/pairRotation';
import {
  decodeSnapshotPayload,
  decodeUpdatePayload,
  getOuterLog,
  systemClock,
  type SyncedWorkspace,
} from '$lib/sync';
import { openBlob } from '$lib/sync/blob';
import {
  encodeLinkMessage,
  LINK_BUNDLE_VERSION,
  parseLinkMessage,
  readDeviceLinkFromUrl,
  signLinkGrant,
  type LinkBundle,
  type LinkRequest,
} from '$lib/sync/deviceLink';
import { connectRelay, type RelayState } from '$lib/sync/relay/connectRelay';
import { openRendezvous } from '$lib/sync/rendezvous';
import { findRotation, listRotationsFor } from '$lib/workspace';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { seededIdentity, seededWorkspaceId } from '../support/harness/seededIdentity';
import { registerCertified, seededPerson } from '../unit/state/identity/identityFixture';
import {
  closeAll,
  isQuietOnRelay,
  openPairOnRelay,
  relayOptionsOf,
  seatPeople,
  until,
  type RelayDevice,
  type SeatedDevice,
} from './identityFlowsRig';

const ORIGIN = 'http://trellis.test';
const AFTER = 'written after the rotation: the removed phone must never read this';
/** The grace period of the followers here: long enough for a batch to cross the relay. */
const GRACE_MS = 50;

let server: ServerProcess;

beforeAll(async () => {
  await readyCrypto();
  await sodium.ready;
  server = await startServerProcess();
});

afterAll(async () => {
  await server?.dispose();
});

/** A bundle for `person` naming one workspace, as the old device would send it. */
async function bundleFor(person: PersonIdentity): Promise<LinkBundle> {
  return {
    version: LINK_BUNDLE_VERSION,
    person: {
      personId: person.personId,
      signingPublicKey: person.signing.publicKey,
      signingSecretKey: person.signing.secretKey,
    },
    profile: { name: 'Ada', role: 'mentor', timeZone: 'Europe/Lisbon' },
    workspaces: [
      {
        workspaceId: await seededWorkspaceId('link/pair'),
        epoch: 2,
        key: new Uint8Array(32).fill(7) as WorkspaceKey,
      },
    ],
  };
}

describe('linking a device through the relay', () => {
  it('lists a stranger under another code, declines it, links the new device, ignores a forged grant', async () => {
    const relay = relayOptionsOf(server);
    const oldDevice = await seededIdentity('link/old');
    const newDevice = await seededIdentity('link/new');
    const stranger = await seededIdentity('link/stranger');
    const forger = await seededIdentity('link/forger');
    const person = await seededPerson('link/ada');
    const bundle = await bundleFor(person);
    const adopted: LinkBundle[] = [];
    const adopt = (received: LinkBundle) => {
      adopted.push(received);
      return Promise.resolve({ ok: true as const });
    };

    const offer = new LinkOfferSession({
      identity: oldDevice,
      relay,
      origin: ORIGIN,
      bundle: () => Promise.resolve(bundle),
    });
    const request = LinkRequestSession.fromUrl(offer.link, { identity: newDevice, relay, adopt });
    const intruder = LinkRequestSession.fromUrl(offer.link, {
      identity: stranger,
      relay,
      adopt: () => Promise.resolve({ ok: false, message: 'the stranger adopts nothing' }),
    });
    // The forger saw the QR code too: it knows the secret and reads the room.
    const parsed = readDeviceLinkFromUrl(offer.link);
    if (!parsed.ok || !request.ok || !intruder.ok) throw new Error('the link did not parse');
    const forgerRoom = openRendezvous({ secret: parsed.offer.secret, relay });
    const seenByForger: LinkRequest[] = [];
    let forgedSeen = false;
    forgerRoom.onMessage((bytes) => {
      const message = parseLinkMessage(bytes);
      if (message?.type === 'request') seenByForger.push(message);
      if (message?.type === 'grant' && message.to === newDevice.deviceId) forgedSeen = true;
    });

    try {
      // The stranger asks first (a second request while one waits closes the link: below).
      intruder.session.start('Ada’s new phone');
      await until(() => offer.requests.length === 1, 'the stranger is listed');
      expect(offer.requests[0]).toEqual({
        deviceId: stranger.deviceId,
        deviceName: 'Ada’s new phone',
        code: intruder.session.code,
      });
      offer.decline(stranger.deviceId);
      expect(offer.requests).toEqual([]);
      await until(() => intruder.session.stage === 'declined', 'the stranger hears the decline');

      request.session.start('Ada’s new phone');
      await until(() => offer.requests.length === 1, 'the request reaches the old device');
      expect(offer.requests[0]).toEqual({
        deviceId: newDevice.deviceId,
        deviceName: 'Ada’s new phone',
        code: request.session.code,
      });
      expect(request.session.code).not.toBe(intruder.session.code);

      // A grant to the new device, signed by the forger rather than the offering device.
      await until(
        () => seenByForger.some((item) => item.deviceId === newDevice.deviceId),
        'the forger reads the request',
      );
      const target = seenByForger.find((item) => item.deviceId === newDevice.deviceId)!;
      const forgedBundle = await bundleFor(await seededPerson('link/forger-person'));
      forgerRoom.send(
        encodeLinkMessage(
          signLinkGrant({
            secret: parsed.offer.secret,
            identity: forger,
            request: target,
            bundle: forgedBundle,
          }),
        ),
      );
      // The relay broadcast it (the forger's own copy came back through the room): the new
      // device has it queued before anything the old device sends next.
      await until(() => forgedSeen, 'the forged grant is on the relay');
      expect(request.session.stage).toBe('waiting');
      expect(adopted).toEqual([]);

      expect(await offer.confirm(newDevice.deviceId)).toEqual({ ok: true });
      expect(offer.stage).toBe('granted');
      await until(() => request.session.stage === 'linked', 'the new device is linked');
      expect(adopted).toHaveLength(1);
      expect(adopted[0]?.person.personId).toBe(person.personId);
      expect(adopted[0]?.person.signingSecretKey).toEqual(person.signing.secretKey);
      expect(adopted[0]?.profile).toEqual(bundle.profile);
      expect(adopted[0]?.workspaces).toEqual(bundle.workspaces);
      // The stranger was told no and was never granted anything.
      expect(intruder.session.stage).toBe('declined');
      expect(offer.warning).toBe('');
    } finally {
      forgerRoom.close();
      request.session.close();
      intruder.session.close();
      offer.close();
    }
  });

  // Whoever photographed the QR code may have ground a device key whose code matches the real
  // one's: with two requests waiting the old device closes the link rather than guess.
  it('closes the link when a second device asks while one waits, granting neither', async () => {
    const relay = relayOptionsOf(server);
    const newDevice = await seededIdentity('link2/new');
    const stranger = await seededIdentity('link2/stranger');
    const adopted: LinkBundle[] = [];
    const adopt = (received: LinkBundle) => {
      adopted.push(received);
      return Promise.resolve({ ok: true as const });
    };
    const offer = new LinkOfferSession({
      identity: await seededIdentity('link2/old'),
      relay,
      origin: ORIGIN,
      bundle: async () => bundleFor(await seededPerson('link2/ada')),
    });
    const request = LinkRequestSession.fromUrl(offer.link, { identity: newDevice, relay, adopt });
    const intruder = LinkRequestSession.fromUrl(offer.link, { identity: stranger, relay, adopt });
    if (!request.ok || !intruder.ok) throw new Error('the link did not parse');
    try {
      request.session.start('Ada’s new phone');
      await until(() => offer.requests.length === 1, 'the request reaches the old device');
      expect(offer.warning).toBe('');
      intruder.session.start('Ada’s new phone');
      await until(() => offer.stage === 'expired', 'the second request closes the link');
      expect(offer.requests).toEqual([]);
      expect(offer.warning).not.toBe('');
      expect((await offer.confirm(newDevice.deviceId)).ok).toBe(false);
      expect((await offer.confirm(stranger.deviceId)).ok).toBe(false);
      expect(adopted).toEqual([]);
    } finally {
      request.session.close();
      intruder.session.close();
      offer.close();
    }
  });
});

/** Everything in `blobs` that opens under `key` (at any epoch), applied to a fresh doc. */
function readBlobs(input: {
  blobs: readonly unknown[];
  workspaceId: WorkspaceId;
  key: WorkspaceKey;
}): { doc: Y.Doc; opened: number } {
  const doc = new Y.Doc();
  let opened = 0;
  for (const blob of input.blobs) {
    const result = openBlob({
      blob,
      workspaceId: input.workspaceId,
      keyForEpoch: () => input.key,
      isKnownDevice: () => true,
    });
    if (!result.ok) continue;
    opened += 1;
    if (result.header.kind === 'update') {
      const decoded = decodeUpdatePayload(result.payload);
      if (decoded.ok) Y.applyUpdate(doc, decoded.payload.update);
    } else if (result.header.kind === 'snapshot') {
      const decoded = decodeSnapshotPayload(result.payload);
      if (decoded.ok) Y.applyUpdate(doc, decoded.snapshot.state);
    }
  }
  return { doc, opened };
}

/** Follows rotations on every device, as its person, collecting what each hears. */
function followAll(devices: readonly SeatedDevice[]): {
  events: Map<SyncedWorkspace, RotationEvent[]>;
  stop: () => void;
} {
  const events = new Map<SyncedWorkspace, RotationEvent[]>();
  const stops = devices.map(({ at: { device, engine }, person }) => {
    const heard: RotationEvent[] = [];
    events.set(engine, heard);
    return followRotations({
      engine,
      identity: device.identity,
      personId: person.personId,
      onEvent: (e) => heard.push(e),
      graceMs: GRACE_MS,
    });
  });
  return { events, stop: () => stops.forEach((stop) => stop()) };
}

/** Registers each device under its person and waits until every device lists them all. */
async function registerAll(devices: readonly SeatedDevice[]): Promise<void> {
  for (const { at, person } of devices) {
    registerCertified(at.engine.innerDoc, { person, device: at.device.identity });
  }
  await until(
    () => devices.every(({ at }) => at.engine.innerDoc.getMap('devices').size === devices.length),
    'every device sees the whole registry',
  );
}

describe('rotating the pair key through the relay', () => {
  it('shuts a removed device out: the others roll and keep syncing, it reads nothing new', async () => {
    const name = 'flow/remove';
    const devices = await openPairOnRelay({
      server,
      name,
      labels: ['flow/laptop', 'flow/phone', 'flow/partner'],
    });
    const [laptop, phone, partner] = devices as [RelayDevice, RelayDevice, RelayDevice];
    const workspaceId = await seededWorkspaceId(name);
    const p = await seededPerson('flow/p');
    const q = await seededPerson('flow/q');
    const seated = [
      { at: laptop, person: p },
      { at: phone, person: p },
      { at: partner, person: q },
    ];
    const followers = followAll(seated);
    let oldRoom: { doc: Y.Doc; destroy: () => void } | undefined;
    try {
      await seatPeople({ creator: seated[0]!, joiner: seated[2]! });
      await registerAll(seated);
      laptop.engine.innerDoc.getMap('goals').set('before', 'everyone reads this');
      await until(
        () => phone.engine.innerDoc.getMap('goals').get('before') === 'everyone reads this',
        'the phone reads what came before',
      );
      const phoneOldKey = phone.engine.key().slice() as WorkspaceKey;
      await until(() => isQuietOnRelay(laptop.engine), 'the laptop is on the relay');

      const written = rotatePairKey({
        engine: laptop.engine,
        identity: laptop.device.identity,
        personId: p.personId,
        reason: 'device-removed',
        removeDeviceIds: [phone.device.identity.deviceId],
      });
      expect(written).toEqual({ ok: true, epoch: 1 });
      await until(
        () => laptop.engine.room().epoch === 1 && partner.engine.room().epoch === 1,
        'the laptop and the partner roll',
      );
      // (3) The phone hears it was removed and stays behind.
      await until(() => followers.events.get(phone.engine)!.length > 0, 'the phone hears');
      expect(followers.events.get(phone.engine)).toEqual([
        { kind: 'removed', record: findRotation(phone.engine.innerDoc, 1) },
      ]);
      expect(phone.engine.room().epoch).toBe(0);
      // The event follows the roll's seed publication: wait for it rather than the room switch.
      for (const { engine } of [laptop, partner]) {
        await until(() => followers.events.get(engine)!.length > 0, 'the roll is reported');
        expect(followers.events.get(engine)!.map((event) => event.kind)).toEqual(['rolled']);
        expect(followers.events.get(engine)![0]).toMatchObject({ kind: 'rolled', epoch: 1 });
      }
      expect(partner.engine.key()).toEqual(laptop.engine.key());

      // (2) The remaining devices sync in the new room, both ways.
      laptop.engine.innerDoc.getMap('goals').set('after', AFTER);
      await until(
        () => partner.engine.innerDoc.getMap('goals').get('after') === AFTER,
        'the partner reads the laptop after the rotation',
      );
      partner.engine.innerDoc.getMap('goals').set('reply', 'the partner answers');
      await until(
        () => laptop.engine.innerDoc.getMap('goals').get('reply') === 'the partner answers',
        'the laptop reads the partner after the rotation',
      );
      await until(() => isQuietOnRelay(laptop.engine), 'the laptop sent everything');

      // (1) Nothing in the new room opens with anything the phone holds.
      const newBlobs = getOuterLog(laptop.engine.room().doc).toArray();
      expect(newBlobs.length).toBeGreaterThan(0);
      const withNewKey = readBlobs({ blobs: newBlobs, workspaceId, key: laptop.engine.key() });
      expect(withNewKey.opened).toBe(newBlobs.length);
      expect(withNewKey.doc.getMap('goals').get('after')).toBe(AFTER);
      const withPhoneKey = readBlobs({ blobs: newBlobs, workspaceId, key: phoneOldKey });
      expect(withPhoneKey.opened).toBe(0);
      const record = findRotation(laptop.engine.innerDoc, 1)!;
      expect(Object.keys(record.envelopes)).toHaveLength(2);
      const oldKeyAsBoxSecret = {
        publicKey: sodium.crypto_scalarmult_base(phoneOldKey) as BoxPublicKey,
        secretKey: phoneOldKey as Uint8Array as BoxSecretKey,
      };
      for (const envelope of Object.values(record.envelopes)) {
        const sealed = fromBase64Url(envelope)!;
        expect(openSealedToDevice({ sealed, keyPair: phone.device.identity.box }).ok).toBe(false);
        expect(openSealedToDevice({ sealed, keyPair: oldKeyAsBoxSecret }).ok).toBe(false);
      }

      // (4) The phone, still in the old room, has all the old room holds, and none of it is new.
      oldRoom = await joinRoom(phoneOldKey);
      const serverOld = oldRoom.doc;
      await until(
        () => isQuietOnRelay(phone.engine) && sameState(serverOld, phone.engine.room().doc),
        'the phone holds everything in the old room',
      );
      expect(phone.engine.innerDoc.getMap('goals').get('before')).toBe('everyone reads this');
      expect(phone.engine.innerDoc.getMap('goals').has('after')).toBe(false);
      expect(phone.engine.innerDoc.getMap('goals').has('reply')).toBe(false);
      const oldContent = readBlobs({
        blobs: getOuterLog(serverOld).toArray(),
        workspaceId,
        key: phoneOldKey,
      });
      expect(oldContent.opened).toBe(getOuterLog(serverOld).length);
      expect(oldContent.doc.getMap('goals').get('before')).toBe('everyone reads this');
      expect(oldContent.doc.getMap('goals').has('after')).toBe(false);
      expect(oldContent.doc.getMap('goals').has('reply')).toBe(false);
    } finally {
      followers.stop();
      oldRoom?.destroy();
      await closeAll(devices);
    }
  });

  it('refuses offline; a record whose writer dropped right after writing waits for the relay', async () => {
    const devices = await openPairOnRelay({
      server,
      name: 'flow/offline',
      labels: ['flow/offline-a', 'flow/offline-c'],
    });
    const [writer, partner] = devices as [RelayDevice, RelayDevice];
    // Two devices of one person in a doc that lists no people, as in private notes: each counts
    // the records of its own person's devices.
    const person = await seededPerson('flow/offline-p');
    const seated = [
      { at: writer, person },
      { at: partner, person },
    ];
    const followers = followAll(seated);
    const rotate = () =>
      rotatePairKey({
        engine: writer.engine,
        identity: writer.device.identity,
        personId: person.personId,
        reason: 'invite-revoked',
        removeDeviceIds: [],
      });
    try {
      await registerAll(seated);
      writer.engine.disconnect();
      await until(() => writer.engine.status.get().connection === 'offline', 'writer offline');
      expect(rotate()).toEqual({ ok: false, code: 'OFFLINE' });
      expect(findRotation(writer.engine.innerDoc, 1)).toBeUndefined();

      writer.engine.connect();
      await until(() => isQuietOnRelay(writer.engine), 'writer back on the relay');
      expect(rotate()).toEqual({ ok: true, epoch: 1 });
      // The connection drops before the batch holding the record leaves.
      writer.engine.disconnect();
      await writer.engine.flush();
      await writer.engine.whenSettled();
      expect(writer.engine.status.get().waiting).toBeGreaterThan(0);
      // Many grace periods pass: the record is not on the relay, so the writer must not move
      // on (a slow machine only makes this check weaker, never red).
      await new Promise((done) => setTimeout(done, GRACE_MS * 10));
      expect(writer.engine.room().epoch).toBe(0);
      expect(followers.events.get(writer.engine)).toEqual([]);
      expect(findRotation(partner.engine.innerDoc, 1)).toBeUndefined();
      expect(partner.engine.room().epoch).toBe(0);

      writer.engine.connect();
      await until(
        () => writer.engine.room().epoch === 1 && partner.engine.room().epoch === 1,
        'both roll once the record is on the relay',
      );
      expect(partner.engine.key()).toEqual(writer.engine.key());
      writer.engine.innerDoc.getMap('goals').set('next', 'in the new room');
      await until(
        () => partner.engine.innerDoc.getMap('goals').get('next') === 'in the new room',
        'the new room syncs',
      );
    } finally {
      followers.stop();
      await closeAll(devices);
    }
  });

  for (const first of [0, 1] as const) {
    // One device's record reaches the relay first and that device moves on it; the other wrote
    // a rival at the same moment, but its connection dropped before the rival left. Back on the
    // relay it withdraws the rival and follows the first, whichever writer id is lower (in one
    // run the first writer's id is the lower, in the other the higher: checked below).
    it(`converges on the first record on the relay when two devices rotate at once (device ${first} first)`, async () => {
      const devices = await openPairOnRelay({
        server,
        name: `flow/race-${first}`,
        labels: [`flow/race-${first}-a`, `flow/race-${first}-c`],
      });
      const [a, c] = devices as [RelayDevice, RelayDevice];
      const seated = [
        { at: a, person: await seededPerson('flow/race-p') },
        { at: c, person: await seededPerson('flow/race-q') },
      ];
      const early = seated[first]!;
      const late = seated[1 - first]!;
      const followers = followAll(seated);
      const rotate = ({ at: { engine, device }, person }: SeatedDevice) =>
        rotatePairKey({
          engine,
          identity: device.identity,
          personId: person.personId,
          reason: 'device-removed',
          removeDeviceIds: [],
        });
      try {
        await seatPeople({ creator: seated[0]!, joiner: seated[1]! });
        await registerAll(seated);
        await until(() => devices.every(({ engine }) => isQuietOnRelay(engine)), 'both quiet');
        expect(rotate(late)).toEqual({ ok: true, epoch: 1 });
        late.at.engine.disconnect();
        expect(rotate(early)).toEqual({ ok: true, epoch: 1 });
        await until(
          () => early.at.engine.room().epoch === 1,
          'the first writer moves on its record',
        );
        const followed = findRotation(early.at.engine.innerDoc, 1)!;
        expect(followed.byDeviceId).toBe(early.at.device.identity.deviceId);

        late.at.engine.connect();
        await until(() => late.at.engine.room().epoch === 1, 'the late writer moves too');
        await until(() => followers.events.get(late.at.engine)!.length > 0, 'the roll is reported');
        expect(followers.events.get(late.at.engine)).toEqual([
          { kind: 'rolled', epoch: 1, record: followed },
        ]);
        expect(followers.events.get(early.at.engine)).toEqual([
          { kind: 'rolled', epoch: 1, record: followed },
        ]);
        // The rival is withdrawn, and both hold the first writer's key.
        expect(listRotationsFor(late.at.engine.innerDoc, 1)).toEqual([followed]);
        expect(a.engine.key()).toEqual(c.engine.key());
        late.at.engine.innerDoc.getMap('goals').set('race', 'after the race');
        await until(
          () => early.at.engine.innerDoc.getMap('goals').get('race') === 'after the race',
          'one room for both',
        );
      } finally {
        followers.stop();
        await closeAll(devices);
      }
    });
  }

  it('gives the first writer the lower id in one race run and the higher in the other', async () => {
    /** Whether, in run `first`, the device that writes first has the lower id. */
    const earlyIsLower = async (first: 0 | 1) => {
      const ends = ['a', 'c'];
      const early = await seededIdentity(`flow/race-${first}-${ends[first]!}`);
      const late = await seededIdentity(`flow/race-${first}-${ends[1 - first]!}`);
      return early.deviceId < late.deviceId;
    };
    expect(await earlyIsLower(0)).not.toBe(await earlyIsLower(1));
  });
});

/** A raw client in the room of `key`, as the relay holds it. */
async function joinRoom(key: WorkspaceKey): Promise<{ doc: Y.Doc; destroy: () => void }> {
  const doc = new Y.Doc();
  let state: RelayState | undefined;
  const relay = connectRelay({
    outerDoc: doc,
    roomId: deriveRoomId(key),
    relayToken: deriveRelayToken(key),
    clock: systemClock,
    options: relayOptionsOf(server),
    onState: (next) => (state = next),
  });
  await until(() => state?.connection === 'synced', 'the raw client is synced');
  return {
    doc,
    destroy: () => {
      relay.destroy();
      doc.destroy();
    },
  };
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}
