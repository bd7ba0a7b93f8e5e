// A device certificate binds a device (its id and the box key epoch keys are sealed to) to the
// person who owns it: the person key signs both, under the 'device-cert' domain. A device record
// carries the certificate, so whoever files the record (any member) cannot pair someone's
// person with a device or box key that person never vouched for.
import {
  BOX_KEY_BYTES,
  concatBytes,
  isBytes,
  publicKeyOfDevice,
  signDetached,
  verifyDetached,
  type BoxPublicKey,
  type DeviceId,
  type PersonId,
  type PersonIdentity,
} from '$lib/crypto';
import type { ChainBody } from './chainTypes';

/**
 * The person's 64-byte signature over the device id's key bytes and the box key.
 *
 * @example
 *   const certificate = signDeviceCertificate({ person, deviceId, boxPublicKey });
 * @throws RangeError if `deviceId` is not the base64url of 32 bytes or the box key is not 32 bytes.
 */
export function signDeviceCertificate(input: {
  person: PersonIdentity;
  deviceId: DeviceId;
  boxPublicKey: BoxPublicKey;
}): Uint8Array {
  const deviceKey = publicKeyOfDevice(input.deviceId);
  if (!deviceKey || !isBytes(input.boxPublicKey, BOX_KEY_BYTES)) {
    throw new RangeError('signDeviceCertificate: a device id and a 32-byte box key are needed');
  }
  return signDetached({
    message: concatBytes([deviceKey, input.boxPublicKey]),
    domain: 'device-cert',
    secretKey: input.person.signing.secretKey,
  });
}

/**
 * Whether `certificate` is `owner`'s signature over `deviceId` and `boxPublicKey`. False, never
 * a throw, for malformed input.
 *
 * @example
 *   if (!verifyDeviceCertificate({ owner, deviceId, boxPublicKey, certificate })) refuse();
 */
export function verifyDeviceCertificate(input: {
  owner: PersonId | string;
  deviceId: DeviceId | string;
  boxPublicKey: Uint8Array;
  certificate: Uint8Array;
}): boolean {
  const ownerKey = publicKeyOfDevice(input.owner);
  const deviceKey = publicKeyOfDevice(input.deviceId);
  if (!ownerKey || !deviceKey || !isBytes(input.boxPublicKey, BOX_KEY_BYTES)) return false;
  return verifyDetached({
    signature: input.certificate,
    message: concatBytes([deviceKey, input.boxPublicKey]),
    domain: 'device-cert',
    publicKey: ownerKey,
  });
}

/**
 * The body of a device record in which `owner` files one of its own devices, with the
 * certificate it signs for it (whoever signs the record itself).
 *
 * @example
 *   signChainRecord({ workspaceId, person, parents, at, body: ownDeviceBody(person, device) });
 */
export function ownDeviceBody(
  owner: PersonIdentity,
  device: { deviceId: DeviceId; box: { publicKey: BoxPublicKey } },
): Extract<ChainBody, { type: 'device' }> {
  const { deviceId } = device;
  const boxPublicKey = device.box.publicKey;
  return {
    type: 'device',
    owner: owner.personId,
    deviceId,
    boxPublicKey,
    certificate: signDeviceCertificate({ person: owner, deviceId, boxPublicKey }),
  };
}
