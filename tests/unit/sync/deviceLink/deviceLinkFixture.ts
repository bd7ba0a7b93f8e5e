// Fixtures for the device-link tests: one fixed offer whose fragment was computed independently
// (Python hashlib.blake2b and base64, from the layout in deviceLinkLayout.ts), seeded offers,
// identities and bundles from a BLAKE2b stream, so every run sees the same bytes.
import {
  generateDeviceIdentity,
  generatePersonIdentity,
  hashBytes,
  toBase64Url,
  type DeviceId,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { LINK_BUNDLE_VERSION, type DeviceLinkOffer, type LinkBundle } from '$lib/sync/deviceLink';

const bytesFrom = (start: number, length: number) =>
  Uint8Array.from({ length }, (_, index) => start + index);

/** The fixed offer: every field a run of consecutive bytes, expiring 2026-01-01T00:00:00Z. */
export const FIXED_OFFER: DeviceLinkOffer = {
  version: 1,
  secret: bytesFrom(0x10, 32),
  offeringDeviceId: toBase64Url(bytesFrom(0x80, 32)) as DeviceId,
  expiresAt: 1_767_225_600,
};

/** `FIXED_OFFER` encoded by an independent Python implementation of the layout. */
export const FIXED_CODE =
  'l1.EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi-AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en2lVuQB2SR1F';

/** Deterministic "random" bytes: BLAKE2b of a label and a counter. */
export function seededBytes(label: string, counter: number, length: number): Uint8Array {
  const input = new TextEncoder().encode(`trellis-test/${label}/${counter}`);
  return hashBytes(input, 64).slice(0, length);
}

/** A seeded offer; the expiry covers the extremes of a uint32. */
export function seededOffer(counter: number): DeviceLinkOffer {
  const extremes = [0, 1, 0xffff_ffff];
  const word = new DataView(seededBytes('expiry', counter, 4).buffer).getUint32(0);
  return {
    version: 1,
    secret: seededBytes('secret', counter, 32),
    offeringDeviceId: toBase64Url(seededBytes('device', counter, 32)) as DeviceId,
    expiresAt: extremes[counter % 4] ?? word,
  };
}

/**
 * A bundle for a fresh person with `count` seeded workspaces; the even-numbered ones carry a
 * seeded chain root, the odd ones none (a workspace from before the chain).
 */
export function sampleBundle(count = 3, withNotes = true): LinkBundle {
  const person = generatePersonIdentity();
  const workspaces = Array.from({ length: count }, (_, index) => ({
    workspaceId: toBase64Url(seededBytes('workspace', index, 16)) as WorkspaceId,
    epoch: [0, 1, 0xffff_ffff][index % 3] ?? index,
    key: seededBytes('key', index, 32) as WorkspaceKey,
    ...(index % 2 === 0 ? { chainRoot: toBase64Url(seededBytes('root', index, 32)) } : {}),
  }));
  return {
    version: LINK_BUNDLE_VERSION,
    person: {
      personId: person.personId,
      signingPublicKey: person.signing.publicKey,
      signingSecretKey: person.signing.secretKey,
    },
    profile: {
      name: 'Ada Lovelace — field station',
      role: 'mentee',
      timeZone: 'America/Argentina/Buenos_Aires',
      ...(withNotes
        ? { notesWorkspaceId: toBase64Url(seededBytes('notes', 0, 16)) as WorkspaceId }
        : {}),
    },
    workspaces,
  };
}

/** Two devices of one person: the old one that offers, the new one that asks. */
export function twoDevices() {
  return { offering: generateDeviceIdentity(), joining: generateDeviceIdentity() };
}
