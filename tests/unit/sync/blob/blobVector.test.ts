// A known-answer blob built by an independent implementation (Python, pyca/cryptography; see
// tests/fixtures/vectors/generate_trellis_blob_v1.py) from docs/PROTOCOL.md. If this breaks, the
// wire format changed: that needs a new version byte, not a new vector.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  deriveClientId,
  deriveRelayToken,
  deriveRoomId,
  padPlaintext,
  readyCrypto,
  signDetached,
  type DeviceId,
  type SigningSecretKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { encryptAeadWithNonce } from '$lib/crypto/encryptAeadWithNonce';
import { getSodium } from '$lib/crypto/sodium';
import { BlobHeader, openBlob, readBlobHeader, type BlobKind } from '$lib/sync/blob';

interface BlobVector {
  signingSeed: string;
  signingPublicKey: string;
  deviceId: string;
  workspaceId: string;
  workspaceKey: string;
  header: { version: 1; kind: BlobKind; epoch: number; seq: number };
  nonce: string;
  payload: string;
  headerBytes: string;
  ciphertext: string;
  signature: string;
  blob: string;
  roomId: string;
  relayToken: string;
  clientIds: { incarnation: number; clientId: number }[];
}

const vector = JSON.parse(
  readFileSync(new URL('../../../fixtures/vectors/trellis_blob_v1.json', import.meta.url), 'utf8'),
) as BlobVector;
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

await readyCrypto();

describe('the blob v1 known-answer vector', () => {
  const key = hex(vector.workspaceKey) as WorkspaceKey;
  const workspaceId = vector.workspaceId as WorkspaceId;
  const deviceId = vector.deviceId as DeviceId;
  const header = { ...vector.header, workspaceId, deviceId };

  it('opens with openBlob', () => {
    const opened = openBlob({
      blob: hex(vector.blob),
      workspaceId,
      keyForEpoch: (epoch) => (epoch === vector.header.epoch ? key : undefined),
      isKnownDevice: (id) => id === deviceId,
    });
    expect(opened).toEqual({ ok: true, header, payload: hex(vector.payload) });
    expect(readBlobHeader(hex(vector.blob))).toEqual({ ok: true, header });
  });

  it('is what this implementation writes, field by field', () => {
    const signing = getSodium().crypto_sign_seed_keypair(hex(vector.signingSeed));
    expect(toHex(signing.publicKey)).toBe(vector.signingPublicKey);
    const headerBytes = BlobHeader.encode(header);
    expect(toHex(headerBytes)).toBe(vector.headerBytes);
    const padded = new Uint8Array(256);
    padded.set(hex(vector.payload));
    padded[vector.payload.length / 2] = 0x80;
    expect(padPlaintext(hex(vector.payload))).toEqual(padded);
    const ciphertext = encryptAeadWithNonce({
      plaintext: padded,
      associatedData: headerBytes,
      key,
      nonce: hex(vector.nonce),
    });
    expect(toHex(ciphertext)).toBe(vector.ciphertext);
    const signed = new Uint8Array([...headerBytes, ...hex(vector.nonce), ...ciphertext]);
    // Ed25519 is deterministic, so the signature must match byte for byte.
    const signature = signDetached({
      message: signed,
      domain: 'blob/update',
      secretKey: signing.privateKey as SigningSecretKey,
    });
    expect(toHex(signature)).toBe(vector.signature);
    expect(toHex(signed) + toHex(signature)).toBe(vector.blob);
  });

  it('pins the room id, relay token and client ids of its key and device', () => {
    expect(deriveRoomId(key)).toBe(vector.roomId);
    expect(deriveRelayToken(key)).toBe(vector.relayToken);
    expect(vector.clientIds).toHaveLength(3);
    for (const { incarnation, clientId } of vector.clientIds) {
      expect(deriveClientId(deviceId, incarnation)).toBe(clientId);
    }
  });
});
