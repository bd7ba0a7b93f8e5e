// Both screens show this code before the old device grants anything: the person checks that the
// device asking is the one in their hand, not another that also saw the QR code. It binds the
// link's secret and the requesting device id (whose request signature binds its box key).
import { concatBytes, hashBytes, publicKeyOfDevice, type DeviceId } from '$lib/crypto';

const DOMAIN = new TextEncoder().encode('trellis/device-link-code/v1\0');
const CODE_MODULUS = 1_000_000;

/**
 * Six digits, shown as `'123 456'`: the first 8 bytes of BLAKE2b-256(domain | secret |
 * deviceId bytes) as an integer, mod 10^6 (the bias of a 64-bit value mod 10^6 is below 2^-40).
 *
 * @example
 *   linkConfirmationCode(offer.secret, request.deviceId); // '042 917'
 * @throws RangeError if `deviceId` is not a device id; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function linkConfirmationCode(secret: Uint8Array, deviceId: DeviceId): string {
  const device = publicKeyOfDevice(deviceId);
  if (!device) throw new RangeError('linkConfirmationCode: not a device id');
  const digest = hashBytes(concatBytes([DOMAIN, secret, device]), 32);
  const value = new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0);
  const digits = String(Number(value % BigInt(CODE_MODULUS))).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
