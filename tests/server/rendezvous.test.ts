// The rendezvous and the device-link protocol against the real relay process: two devices on one
// secret exchange a request and a grant; a rendezvous on another secret sees nothing; garbage a
// token holder pushes into the room is ignored and counted; and the relay's data folder never
// holds the bundle in the clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  deriveRelayToken,
  deriveRendezvousKey,
  deriveRoomId,
  generateDeviceIdentity,
  readyCrypto,
  type DeviceId,
  type WorkspaceKey,
} from '$lib/crypto';
import {
  encodeLinkMessage,
  generateDeviceLinkOffer,
  linkConfirmationCode,
  openLinkGrant,
  parseLinkMessage,
  signLinkGrant,
  signLinkRequest,
  verifyLinkRequest,
  type LinkMessage,
} from '$lib/sync/deviceLink';
import { openRendezvous, sealRendezvousEntry, type Rendezvous } from '$lib/sync/rendezvous';
import { sampleBundle, seededBytes } from '../unit/sync/deviceLink/deviceLinkFixture';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { connectClient, waitUntil, whenSynced, wsUrl } from './support/relayTestKit';
import { contains, readLevel, readTree } from './support/relayDataScan';

const DEVICE_NAME = 'Ada’s field tablet (rendezvous scan marker)';
const CONTROL = 'CONTROL: written in the clear by a careless client';

/** Collects every parsed message a rendezvous delivers. */
function collect(rendezvous: Rendezvous): LinkMessage[] {
  const messages: LinkMessage[] = [];
  rendezvous.onMessage((bytes) => {
    const message = parseLinkMessage(bytes);
    if (message) messages.push(message);
  });
  return messages;
}

describe('rendezvous through the real relay', () => {
  let server: ServerProcess;
  const open = (secret: Uint8Array) =>
    openRendezvous({ secret, relay: { url: wsUrl(server), WebSocketPolyfill: WebSocket } });

  beforeAll(async () => {
    await readyCrypto();
    server = await startServerProcess();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('links a device: request, confirmation code, signed grant, bundle; nothing for others', async () => {
    const offering = generateDeviceIdentity();
    const joining = generateDeviceIdentity();
    const offer = generateDeviceLinkOffer({ offeringDeviceId: offering.deviceId, now: 1_000 });
    const bundle = sampleBundle(2);
    const oldDevice = open(offer.secret);
    const newDevice = open(offer.secret);
    const outsider = open(seededBytes('another-link', 0, 32));
    try {
      const oldInbox = collect(oldDevice);
      const newInbox = collect(newDevice);
      const outsiderInbox: Uint8Array[] = [];
      outsider.onMessage((bytes) => outsiderInbox.push(bytes));

      newDevice.send(
        encodeLinkMessage(
          signLinkRequest({ secret: offer.secret, identity: joining, deviceName: DEVICE_NAME }),
        ),
      );
      await waitUntil(() => oldInbox.some((m) => m.type === 'request'), 'the request arrived');
      const request = oldInbox.find((m) => m.type === 'request');
      if (request?.type !== 'request') throw new Error('unreachable');
      expect(verifyLinkRequest(offer.secret, request)).toBe(true);
      expect(request.deviceName).toBe(DEVICE_NAME);
      // Both screens show the same code.
      expect(linkConfirmationCode(offer.secret, request.deviceId)).toBe(
        linkConfirmationCode(offer.secret, joining.deviceId),
      );

      oldDevice.send(
        encodeLinkMessage(
          signLinkGrant({ secret: offer.secret, identity: offering, request, bundle }),
        ),
      );
      await waitUntil(() => newInbox.some((m) => m.type === 'grant'), 'the grant arrived');
      const grant = newInbox.find((m) => m.type === 'grant');
      if (grant?.type !== 'grant') throw new Error('unreachable');
      expect(openLinkGrant({ offer, grant, identity: joining })).toEqual({ ok: true, bundle });
      // Each side also saw its own message, once.
      expect(newInbox.map((m) => m.type)).toEqual(['request', 'grant']);
      expect(oldInbox.map((m) => m.type)).toEqual(['request', 'grant']);

      await waitUntil(() => outsider.status.get().connection === 'synced', 'the outsider synced');
      expect(outsiderInbox).toEqual([]);
      expect(outsider.status.get().ignored).toBe(0);
      expect(oldDevice.status.get()).toMatchObject({ refused: null, ignored: 0 });
    } finally {
      oldDevice.close();
      newDevice.close();
      outsider.close();
    }
  });

  it('ignores and counts garbage a token holder pushes into the room, and never throws', async () => {
    const secret = seededBytes('garbage-link', 0, 32);
    const listener = open(secret);
    const received: string[] = [];
    listener.onMessage((bytes) => received.push(new TextDecoder().decode(bytes)));
    // A raw Yjs client with the right room and token, but not the rendezvous key.
    const raw = connectClient(server, {
      roomId: deriveRoomId(secret as WorkspaceKey),
      token: deriveRelayToken(secret as WorkspaceKey),
    });
    try {
      await whenSynced(raw);
      const entries = raw.doc.getArray<unknown>('messages');
      const wrongKey = deriveRendezvousKey(seededBytes('garbage-link', 1, 32));
      const authentic = sealRendezvousEntry({
        key: deriveRendezvousKey(secret),
        message: new TextEncoder().encode('authentic'),
      });
      entries.push([
        seededBytes('garbage', 0, 64),
        'a string',
        { an: 'object' },
        42,
        new Uint8Array(0),
        sealRendezvousEntry({ key: wrongKey, message: new TextEncoder().encode('wrong key') }),
        authentic,
        authentic.slice(), // a replay of the same entry
      ]);
      await waitUntil(() => listener.status.get().ignored === 7, 'the garbage was counted');
      expect(received).toEqual(['authentic']);
      listener.send(new TextEncoder().encode('still works'));
      await waitUntil(() => entries.length === 9, 'the listener still sends');
      expect(received).toEqual(['authentic', 'still works']);
    } finally {
      raw.destroy();
      listener.close();
    }
  });

  it('leaves no bundle plaintext in the relay data folder', async () => {
    const own = await startServerProcess({ env: { LOG_LEVEL: 'trace' } });
    const offering = generateDeviceIdentity();
    const joining = generateDeviceIdentity();
    const offer = generateDeviceLinkOffer({ offeringDeviceId: offering.deviceId, now: 1_000 });
    const bundle = sampleBundle(2);
    const relay = { url: wsUrl(own), WebSocketPolyfill: WebSocket };
    const oldDevice = openRendezvous({ secret: offer.secret, relay });
    const newDevice = openRendezvous({ secret: offer.secret, relay });
    try {
      const oldInbox = collect(oldDevice);
      const newInbox = collect(newDevice);
      newDevice.send(
        encodeLinkMessage(
          signLinkRequest({ secret: offer.secret, identity: joining, deviceName: DEVICE_NAME }),
        ),
      );
      await waitUntil(() => oldInbox.length === 1, 'the request arrived');
      const request = oldInbox[0];
      if (request?.type !== 'request') throw new Error('unreachable');
      oldDevice.send(
        encodeLinkMessage(
          signLinkGrant({ secret: offer.secret, identity: offering, request, bundle }),
        ),
      );
      await waitUntil(() => newInbox.length === 2, 'the grant arrived');
      // A careless client writes a marker in the clear to the same room: the scan must see it.
      const careless = connectClient(own, {
        roomId: deriveRoomId(offer.secret as WorkspaceKey),
        token: deriveRelayToken(offer.secret as WorkspaceKey),
      });
      careless.doc.getArray<Uint8Array>('messages').push([new TextEncoder().encode(CONTROL)]);
      await waitUntil(() => oldDevice.status.get().ignored === 1, 'the control reached the room');
      await whenSynced(careless);
      careless.destroy();
    } finally {
      oldDevice.close();
      newDevice.close();
    }
    try {
      expect(await own.stop()).toBe(0);
      const stored = [...(await readTree(own.dataDir)), ...(await readLevel(own.dataDir))];
      const logs = [Buffer.from(own.output())];
      expect(contains(stored, CONTROL)).toBe(true);
      for (const haystack of [stored, logs]) {
        expect(contains(haystack, DEVICE_NAME)).toBe(false);
        expect(contains(haystack, bundle.profile.name)).toBe(false);
        expect(contains(haystack, bundle.person.signingSecretKey.subarray(0, 32))).toBe(false);
        expect(contains(haystack, bundle.workspaces[0]!.key)).toBe(false);
        expect(contains(haystack, offer.secret)).toBe(false);
        expect(contains(haystack, joining.deviceId as DeviceId)).toBe(false);
      }
    } finally {
      await own.dispose();
    }
  });
});
