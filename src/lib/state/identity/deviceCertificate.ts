// A device certificate binds a device (its id and the box key its new epoch keys are sealed to)
// to a person: the person key signs both. The rotating device seals the next epoch key only to
// certified devices, so a member cannot slip its own box key in under someone else's device.
import {
  fromBase64Url,
  publicKeyOfDevice,
  signDetached,
  toBase64Url,
  verifyDetached,
  concatBytes,
  BOX_KEY_BYTES,
  type DeviceIdentity,
  type PersonIdentity,
} from '$lib/crypto';

/**
 * The person's signature (base64url) over this device's id and box key.
 *
 * @example
 *   registerDevice(doc, { ...entry, certificate: certifyDevice({ person, device }) });
 */
export function certifyDevice(input: {
  person: PersonIdentity;
  device: {
    signing: Pick<DeviceIdentity['signing'], 'publicKey'>;
    box: Pick<DeviceIdentity['box'], 'publicKey'>;
  };
}): string {
  const { person, device } = input;
  const signature = signDetached({
    message: concatBytes([device.signing.publicKey, device.box.publicKey]),
    domain: 'device-cert',
    secretKey: person.signing.secretKey,
  });
  return toBase64Url(signature);
}

/**
 * Whether `entry`'s certificate is its person's signature over its device id and box key.
 *
 * @example
 *   listDevices(doc).filter(isDeviceCertified);
 */
export function isDeviceCertified(entry: {
  deviceId: string;
  personId: string;
  boxPublicKey: string;
  certificate: string;
}): boolean {
  const deviceKey = publicKeyOfDevice(entry.deviceId);
  const personKey = publicKeyOfDevice(entry.personId);
  const boxKey = fromBase64Url(entry.boxPublicKey);
  const signature = fromBase64Url(entry.certificate);
  if (!deviceKey || !personKey || boxKey?.length !== BOX_KEY_BYTES || !signature) return false;
  return verifyDetached({
    signature,
    message: concatBytes([deviceKey, boxKey]),
    domain: 'device-cert',
    publicKey: personKey,
  });
}
