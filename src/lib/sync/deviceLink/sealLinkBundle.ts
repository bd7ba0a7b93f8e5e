// The bundle crosses the rendezvous room sealed to the new device's box key (crypto_box_seal),
// inside a message that is itself encrypted under the rendezvous key: the relay, and anyone else
// who saw the link, see only ciphertext they cannot open. The plaintext bytes are wiped once
// sealed or parsed, so no copy of the person's secret key lingers in a buffer.
import type { BoxPublicKey, DeviceIdentity } from '$lib/crypto';
import { openAndParse, sealAndWipe } from '../rendezvous/sealedPayload';
import { encodeLinkBundle, parseLinkBundle, type LinkBundle } from './linkBundle';

/**
 * The bundle sealed to `to` (the box key of a verified request).
 *
 * @example
 *   const sealed = sealLinkBundle(bundle, request.boxPublicKey);
 * @throws InvalidDeviceLinkError on an invalid bundle; CryptoNotReadyError before
 *   `readyCrypto()`.
 */
export function sealLinkBundle(bundle: LinkBundle, to: BoxPublicKey): Uint8Array {
  return sealAndWipe(encodeLinkBundle(bundle), to);
}

/**
 * Opens and parses a sealed bundle with this device's box key pair; `undefined` if it was sealed
 * to another key, tampered with, or is not a valid bundle. Never throws on malformed input.
 *
 * @example
 *   const bundle = openLinkBundle(grant.sealed, me);
 *   if (!bundle) return show('The link failed. Start again on your other device.');
 * @throws CryptoNotReadyError before `readyCrypto()`.
 */
export function openLinkBundle(
  sealed: Uint8Array,
  identity: DeviceIdentity,
): LinkBundle | undefined {
  return openAndParse(sealed, identity.box, parseLinkBundle);
}
