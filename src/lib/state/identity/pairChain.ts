// The records this device signs into a workspace's membership chain (PROTOCOL.md, "Membership
// chain"), with the person key: the genesis when it creates a workspace, its own device once its
// person is a member, an admission when it lets the partner in, removals when it rotates someone
// out. The chain, not the doc's `people` or `devices` maps, is what every device derives
// membership from; those maps stay as the names and dates the screens show.
import type { DeviceIdentity, PersonIdentity } from '$lib/crypto';
import {
  ownDeviceBody,
  signChainRecord,
  writeChainRecord,
  type ChainBody,
  type ChainRecord,
  type ChainRole,
  type Membership,
} from '$lib/sync/membership';
import type * as Y from 'yjs';

/** Who signs: the workspace, this person, when. */
export interface ChainSigner {
  workspaceId: string;
  person: PersonIdentity;
  at?: Date;
}

const seconds = (at: Date | undefined) => Math.floor((at ?? new Date()).getTime() / 1000);

function sign(signer: ChainSigner, parents: readonly string[], body: ChainBody): ChainRecord {
  const { workspaceId, person } = signer;
  return signChainRecord({ workspaceId, person, parents, at: seconds(signer.at), body });
}

/** The public half of a device, as a certificate names it. */
type DeviceKeys = {
  deviceId: DeviceIdentity['deviceId'];
  box: Pick<DeviceIdentity['box'], 'publicKey'>;
};

/**
 * The genesis record of a workspace this person creates. It is the same bytes every time (its
 * time is 0 and Ed25519 signatures are deterministic), so the creator can write it again should
 * the app stop between storing the workspace row (which anchors its hash) and writing the doc.
 *
 * @example
 *   const root = genesisRecord({ workspaceId, person, role: 'mentor' }).hash;
 */
export function genesisRecord(input: {
  workspaceId: string;
  person: PersonIdentity;
  role: ChainRole;
}): ChainRecord {
  return sign({ ...input, at: new Date(0) }, [], { type: 'genesis', role: input.role });
}

/**
 * Writes `records` into the workspace's inner doc in one transaction.
 *
 * @example
 *   writeChain(pair.doc, foundChain(input).records);
 */
export function writeChain(doc: Y.Doc, records: readonly ChainRecord[]): void {
  doc.transact(() => {
    for (const record of records) writeChainRecord(doc, record);
  });
}

/**
 * Files this device in the chain once its person is a member and the chain does not count the
 * device yet (the creator's, a device linked, restored from a backup, the joiner's): its blobs
 * then carry the record that makes every other device accept them. The creator whose genesis is
 * missing (see `genesisRecord`) writes it first. True when it wrote something.
 *
 * @example
 *   engine.onMembership((m) => certifyThisDevice(doc, m, { ...signer, device, role: 'mentor' }));
 */
export function certifyThisDevice(
  doc: Y.Doc,
  membership: Membership,
  input: ChainSigner & { device: DeviceIdentity; role: ChainRole },
): boolean {
  if (!membership.rootFound) {
    const genesis = genesisRecord(input);
    if (genesis.hash !== membership.root) return false;
    writeChainRecord(doc, genesis);
    return true;
  }
  return certifyLinkedDevice(doc, membership, input);
}

/**
 * Files another device of the signer's own person (one just linked), so the pair accepts it
 * before it has opened the pair itself. True when it wrote one.
 *
 * @example
 *   certifyLinkedDevice(doc, membership, { ...signer, device: { deviceId, signing, box } });
 */
export function certifyLinkedDevice(
  doc: Y.Doc,
  membership: Membership,
  input: ChainSigner & { device: DeviceKeys },
): boolean {
  const { person, device } = input;
  if (!membership.rootFound || !membership.persons.has(person.personId)) return false;
  if (membership.devices.has(device.deviceId) || membership.removedDevices.has(device.deviceId)) {
    return false;
  }
  writeChainRecord(doc, sign(input, membership.heads, ownDeviceBody(person, device)));
  return true;
}

/**
 * The admission of a person the signer lets in (the partner, after comparing the code).
 *
 * @example
 *   writeChain(doc, [admitRecord(membership, { ...signer, personId, role: 'mentee' })]);
 */
export function admitRecord(
  membership: Membership,
  input: ChainSigner & { personId: string; role: ChainRole },
): ChainRecord {
  return sign(input, membership.heads, {
    type: 'admit',
    personId: input.personId as PersonIdentity['personId'],
    role: input.role,
  });
}

/**
 * The device a joiner asked from, filed by the inviter with the joiner's own certificate (from
 * its signed request), so the pair accepts the joiner's blobs as soon as the admission arrives.
 *
 * @example
 *   joinerDeviceRecord({ ...signer, parents: [admission.hash], joiner: request });
 */
export function joinerDeviceRecord(
  input: ChainSigner & {
    parents: readonly string[];
    joiner: {
      personId: PersonIdentity['personId'];
      deviceId: DeviceIdentity['deviceId'];
      boxPublicKey: DeviceIdentity['box']['publicKey'];
      certificate: Uint8Array;
    };
  },
): ChainRecord {
  const { joiner } = input;
  return sign(input, input.parents, {
    type: 'device',
    owner: joiner.personId,
    deviceId: joiner.deviceId,
    boxPublicKey: joiner.boxPublicKey,
    certificate: joiner.certificate,
  });
}

/**
 * The records removing devices and persons (a person removing itself is leaving), all on the
 * current heads, for the transaction that writes the rotation.
 *
 * @example
 *   removalRecords(membership, { ...signer, deviceIds: [lost], personIds: [] });
 */
export function removalRecords(
  membership: Membership,
  input: ChainSigner & { deviceIds: readonly string[]; personIds: readonly string[] },
): ChainRecord[] {
  const devices = input.deviceIds.map((deviceId) =>
    sign(input, membership.heads, {
      type: 'remove-device',
      deviceId: deviceId as DeviceIdentity['deviceId'],
    }),
  );
  const persons = input.personIds.map((personId) =>
    sign(input, membership.heads, {
      type: 'remove-person',
      personId: personId as PersonIdentity['personId'],
    }),
  );
  return [...devices, ...persons];
}
