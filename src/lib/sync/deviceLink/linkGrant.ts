// The grant is signed by the offering device, whose id the link itself carries. Anyone who saw
// the QR code knows the rendezvous secret and could post a grant of their own (a person key and
// workspaces they control); the new device accepts only a grant signed by the device it meant
// to link with. The signature covers the secret too, so a grant cannot be replayed into another
// rendezvous.
import {
  isBytes,
  publicKeyOfDevice,
  signDetached,
  verifyDetached,
  type DeviceIdentity,
} from '$lib/crypto';
import { DEVICE_LINK_SECRET_BYTES } from './deviceLinkLayout';
import { InvalidDeviceLinkError, type DeviceLinkOffer } from './deviceLinkOffer';
import type { LinkBundle } from './linkBundle';
import { linkSignedBytes, type LinkGrant, type LinkRequest } from './linkMessage';
import { openLinkBundle, sealLinkBundle } from './sealLinkBundle';

/** Why a grant was not accepted. */
export type OpenLinkGrantErrorCode =
  /** Addressed to another device: not ours to open. */
  | 'GRANT_NOT_FOR_THIS_DEVICE'
  /** Not signed by the device that offered the link. */
  | 'GRANT_BAD_SIGNATURE'
  /** Signed, but it does not open with this device's key or holds no valid bundle. */
  | 'GRANT_UNREADABLE';

const grantBytes = (secret: Uint8Array, to: Uint8Array, sealed: Uint8Array) =>
  linkSignedBytes({ type: 'grant', secret, fields: [to, sealed] });

/**
 * The offering device's answer to a verified request: the bundle sealed to the request's box key,
 * signed (domain 'device-link') over `2 | secret | to | sealed`.
 *
 * @example
 *   if (verifyLinkRequest(offer.secret, request) && personConfirmed) {
 *     rendezvous.send(encodeLinkMessage(signLinkGrant({ secret, identity: me, request, bundle })));
 *   }
 * @throws InvalidDeviceLinkError on a bad secret, request or bundle; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function signLinkGrant(input: {
  secret: Uint8Array;
  identity: DeviceIdentity;
  request: LinkRequest;
  bundle: LinkBundle;
}): LinkGrant {
  const { secret, identity, request, bundle } = input;
  if (!isBytes(secret, DEVICE_LINK_SECRET_BYTES)) {
    throw new InvalidDeviceLinkError('secret must be 32 bytes');
  }
  const to = publicKeyOfDevice(request.deviceId);
  if (!to) throw new InvalidDeviceLinkError('request.deviceId must be base64url of 32 bytes');
  const sealed = sealLinkBundle(bundle, request.boxPublicKey);
  const signature = signDetached({
    message: grantBytes(secret, to, sealed),
    domain: 'device-link',
    secretKey: identity.signing.secretKey,
  });
  return { type: 'grant', to: request.deviceId, sealed, signature };
}

/**
 * Checks a grant against the offer this device opened and opens its bundle. Never throws on
 * malformed input.
 *
 * @example
 *   const opened = openLinkGrant({ offer, grant, identity: me });
 *   if (opened.ok) await adopt(opened.bundle);
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openLinkGrant(input: {
  offer: DeviceLinkOffer;
  grant: LinkGrant;
  identity: DeviceIdentity;
}): { ok: true; bundle: LinkBundle } | { ok: false; code: OpenLinkGrantErrorCode } {
  const { offer, grant, identity } = input;
  if (grant.to !== identity.deviceId) return { ok: false, code: 'GRANT_NOT_FOR_THIS_DEVICE' };
  const to = publicKeyOfDevice(grant.to);
  const offering = publicKeyOfDevice(offer.offeringDeviceId);
  if (
    !to ||
    !offering ||
    !isBytes(offer.secret, DEVICE_LINK_SECRET_BYTES) ||
    !isBytes(grant.sealed) ||
    !verifyDetached({
      signature: grant.signature,
      message: grantBytes(offer.secret, to, grant.sealed),
      domain: 'device-link',
      publicKey: offering,
    })
  ) {
    return { ok: false, code: 'GRANT_BAD_SIGNATURE' };
  }
  const bundle = openLinkBundle(grant.sealed, identity);
  return bundle ? { ok: true, bundle } : { ok: false, code: 'GRANT_UNREADABLE' };
}
