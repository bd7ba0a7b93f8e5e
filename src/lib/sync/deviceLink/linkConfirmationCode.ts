// Both screens show this code before the old device grants anything: the person checks that the
// device asking is the one in their hand, not another that also saw the QR code. It binds the
// link's secret and the requesting device id (whose request signature binds its box key).
import { publicKeyOfDevice, type DeviceId } from '$lib/crypto';
import { rendezvousConfirmationCode } from '../rendezvous/rendezvousConfirmationCode';

/**
 * Six digits, shown as `'123 456'`: the rendezvous code (domain `trellis/device-link-code/v1`)
 * of the secret and the device id bytes.
 *
 * @example
 *   linkConfirmationCode(offer.secret, request.deviceId); // '042 917'
 * @throws RangeError if `deviceId` is not a device id; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function linkConfirmationCode(secret: Uint8Array, deviceId: DeviceId): string {
  const device = publicKeyOfDevice(deviceId);
  if (!device) throw new RangeError('linkConfirmationCode: not a device id');
  return rendezvousConfirmationCode('trellis/device-link-code/v1', secret, device);
}
