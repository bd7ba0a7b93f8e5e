// The one IndexedDB database of the app. Nothing here is plaintext content: the device's
// secret keys and every workspace key are wrapped by the vault key, the inner doc is cached
// only as ciphertext, and the outer doc and own blobs are sealed blobs already. What is in
// clear is what a blob header shows the relay anyway: workspace ids, epochs, device ids, seqs.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { LockedVault } from '$lib/crypto';

/**
 * The vault key row, in one of two shapes (see vaultKeyStore.ts): without app lock the key as-is
 * (`idleMinutes` is absent in rows written before app lock), with app lock only its
 * passphrase-locked form. The idle time is not secret. Switching shapes replaces the whole row.
 */
export type VaultRow =
  | { id: 'vault'; key: Uint8Array; idleMinutes?: number }
  | { id: 'vault'; locked: LockedVault; idleMinutes: number };

/** This device's identity: public keys in clear, secret keys wrapped by the vault key. */
export interface IdentityRow {
  id: 'device';
  deviceId: string;
  signingPublicKey: Uint8Array;
  wrappedSigningSecretKey: Uint8Array;
  boxPublicKey: Uint8Array;
  wrappedBoxSecretKey: Uint8Array;
}

/**
 * The person's identity, shared by all of their devices: public key in clear, secret key wrapped
 * by the vault key. Same table as the device identity, row id `person`.
 */
export interface PersonRow {
  id: 'person';
  personId: string;
  signingPublicKey: Uint8Array;
  wrappedSigningSecretKey: Uint8Array;
}

/** One workspace this device belongs to, at its current epoch. */
export interface WorkspaceRow {
  workspaceId: string;
  epoch: number;
  /** The current epoch's workspace key, wrapped by the vault key. */
  wrappedKey: Uint8Array;
  /** The local key of the inner-doc cache, wrapped by the vault key. */
  wrappedCacheKey: Uint8Array;
  /**
   * Devices whose blobs are accepted before (or without) a membership chain: the device that
   * let this one in (device ids are public: every header shows one).
   */
  devices: string[];
  /**
   * The hash of the pair's genesis record (base64url), anchored when this device created or
   * joined the pair: membership is derived from the chain it roots. Absent: a workspace made
   * before the chain (version 1), whose members are `devices` alone.
   */
  chainRoot?: string;
  /** How many times this device has opened the workspace; names its Yjs client ids. */
  incarnation: number;
  /** This device still owes the current epoch its seed snapshot. */
  seedPending: boolean;
  /** The partner key seen and whether it was verified, sealed (see partnerTrustStore.ts). */
  sealedTrust?: Uint8Array;
}

/** One Yjs update of a workspace's outer doc (sealed blobs only), so a reload works offline. */
export interface OuterUpdateRow {
  id: number;
  workspaceId: string;
  epoch: number;
  update: Uint8Array;
  /** 16-byte BLAKE2b of `update` (rows from before it have none); see outerUpdateStore.ts. */
  check?: Uint8Array;
}

/** A sealed blob this device published, kept until a snapshot covers it (for republishing). */
export interface OwnBlobRow {
  workspaceId: string;
  epoch: number;
  seq: number;
  blob: Uint8Array;
}

/** The highest seq this device has published in a workspace and epoch. */
export interface SeqStateRow {
  workspaceId: string;
  epoch: number;
  published: number;
}

/**
 * The encrypted inner-doc cache of a workspace, with the per-device seq vector it covers: the
 * two are written in one row so they can never disagree after a crash.
 */
export interface InnerCacheRow {
  workspaceId: string;
  epoch: number;
  /** nonce(24) | XChaCha20-Poly1305 ciphertext under the workspace's cache key. */
  sealed: Uint8Array;
  /** Per device, the highest contiguous seq whose blob is folded into `sealed`. */
  contiguous: Array<[string, number]>;
  /**
   * Per device, how far the device itself vouched for that (its own blobs or snapshot); the
   * rest of `contiguous` is another member's manifest's word. Absent in older rows: all of it.
   */
  confirmed?: Array<[string, number]>;
  /**
   * The highest own seq a verified snapshot in the stored outer doc covers, so an open need not
   * open those snapshots again to learn it. Absent in rows written before it existed (not an
   * index: no schema version needed).
   */
  ownCovered?: number;
}

/** A blob that failed a check: its public header fields and why (never its bytes). */
export interface QuarantineRow {
  workspaceId: string;
  /** base64url of a hash of the blob, so the same blob is counted once. */
  blobHash: string;
  code: string;
  epoch: number | null;
  deviceId: string | null;
  seq: number | null;
  /** Clock time (ms) when first quarantined. */
  at: number;
}

/** The person's own profile, sealed under the vault key (see profileStore.ts). */
export interface ProfileRow {
  id: 'me';
  /** nonce(24) | XChaCha20-Poly1305 ciphertext of the profile JSON. */
  sealed: Uint8Array;
}

/** The Dexie database `trellis`. Open it with `openTrellisDb`. */
export class TrellisDb extends Dexie {
  declare vault: Table<VaultRow, string>;
  declare identity: Table<IdentityRow | PersonRow, string>;
  declare workspaces: Table<WorkspaceRow, string>;
  declare outerUpdates: EntityTable<OuterUpdateRow, 'id'>;
  declare ownBlobs: Table<OwnBlobRow, [string, number, number]>;
  declare seqState: Table<SeqStateRow, [string, number]>;
  declare innerCache: Table<InnerCacheRow, string>;
  declare quarantine: Table<QuarantineRow, [string, string]>;
  declare profile: Table<ProfileRow, string>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version 1. A later schema adds `this.version(2).stores({...}).upgrade(...)` below this,
    // never edits this line: browsers that already hold version 1 upgrade from it.
    this.version(1).stores({
      vault: 'id',
      identity: 'id',
      workspaces: 'workspaceId',
      outerUpdates: '++id, [workspaceId+epoch]',
      ownBlobs: '[workspaceId+epoch+seq], [workspaceId+epoch]',
      seqState: '[workspaceId+epoch]',
      innerCache: 'workspaceId',
      quarantine: '[workspaceId+blobHash], workspaceId',
      profile: 'id',
    });
  }
}

/**
 * Opens (lazily, on first use) the `trellis` database. Tests pass their own `indexedDB` (a
 * fresh `IDBFactory` from fake-indexeddb) and name, so each test gets an isolated database.
 *
 * @example
 *   const db = openTrellisDb();
 *   const testDb = openTrellisDb({ name: 'test-1', indexedDB: new IDBFactory(), IDBKeyRange });
 */
export function openTrellisDb(
  options: {
    name?: string;
    indexedDB?: { open: IDBFactory['open'] };
    IDBKeyRange?: typeof IDBKeyRange;
  } = {},
): TrellisDb {
  const { name = 'trellis', ...dependencies } = options;
  return new TrellisDb(name, dependencies);
}
