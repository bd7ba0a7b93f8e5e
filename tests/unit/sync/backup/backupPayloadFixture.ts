// Deterministic backup contents for the payload and state tests: every key and id comes from a
// BLAKE2b counter stream, and the inner states are real Yjs updates with fixed client ids.
import * as Y from 'yjs';
import { hashBytes, toBase64Url, type WorkspaceId, type WorkspaceKey } from '$lib/crypto';
import { getSodium } from '$lib/crypto/sodium';
import { BACKUP_PAYLOAD_VERSION, type BackupContents } from '$lib/sync/backup';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Deterministic "random" bytes of any length. */
export function seededBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0; block * 64 < length; block += 1) {
    const chunk = hashBytes(utf8(`trellis-test/${label}/${block}`), 64);
    out.set(chunk.subarray(0, Math.min(64, length - block * 64)), block * 64);
  }
  return out;
}

/** An Ed25519 key pair from a seeded seed (libsodium layout: seed | public key). */
export function seededSigningPair(label: string) {
  const pair = getSodium().crypto_sign_seed_keypair(seededBytes(label, 32));
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/** A real inner-doc state with a fixed client id. */
export function innerStateWith(text: string, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getMap('goals').set('g1', text);
  return Y.encodeStateAsUpdate(doc);
}

/**
 * Contents with `count` workspaces (the first with a notes-sized state); the even-numbered ones
 * carry a seeded chain root, the odd ones none (a workspace from before the chain).
 */
export function sampleContents(count = 2, label = 'person'): BackupContents {
  const { publicKey, secretKey } = seededSigningPair(label);
  const workspaces = Array.from({ length: count }, (_, index) => ({
    workspaceId: toBase64Url(seededBytes(`${label}/ws/${index}`, 16)) as WorkspaceId,
    epoch: index * 3,
    key: seededBytes(`${label}/key/${index}`, 32) as WorkspaceKey,
    ...(index % 2 === 0
      ? { chainRoot: toBase64Url(seededBytes(`${label}/root/${index}`, 32)) }
      : {}),
    innerState: innerStateWith(`goal ${index} · ünïcode`, 1000 + index),
  }));
  return {
    version: BACKUP_PAYLOAD_VERSION,
    createdAt: '2025-03-01T09:30:00.000Z',
    person: {
      personId: toBase64Url(publicKey),
      signingPublicKey: publicKey,
      signingSecretKey: secretKey,
    },
    profile: {
      name: 'Ana Lima',
      role: 'mentee',
      timeZone: 'America/Sao_Paulo',
      ...(count > 0 ? { notesWorkspaceId: workspaces[0]?.workspaceId } : {}),
    },
    workspaces,
  };
}
