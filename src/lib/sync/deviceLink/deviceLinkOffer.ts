// What the old device shows (as a link and a QR code) so that a new device of the same person can
// find it: a fresh rendezvous secret, who is offering, and until when. The secret names the relay
// room and keys its messages, which is why the offer travels only in a URL fragment and is never
// logged. It carries no workspace key: the keys follow later, sealed to the new device.
import type { DeviceId } from '$lib/crypto';

/** A decoded device-link offer, version 1. */
export interface DeviceLinkOffer {
  version: 1;
  /** 32 random bytes: the rendezvous secret. */
  secret: Uint8Array;
  /** The device that shows the link; it signs the grant, so the new device can check it. */
  offeringDeviceId: DeviceId;
  /** uint32 unix seconds; the link is refused from this instant on. */
  expiresAt: number;
}

/** An offer that cannot be encoded: a programming error in the caller, not bad input. */
export class InvalidDeviceLinkError extends Error {
  override readonly name = 'InvalidDeviceLinkError';
}
