// Which partner key this device has seen in a pair, and whether the person verified it by
// comparing safety codes. Kept sealed under the vault key on the workspace row: a partner's key
// is not content, but who verified whom is nobody else's business, and a locked device shows none.
import type { VaultKey, WorkspaceId } from '$lib/crypto';
import { isRowRecord, readBytes } from './rowFields';
import { openJson, sealJson } from './sealedJson';
import { withStoreErrors } from './storeFullError';
import type { TrellisDb } from './trellisDb';

/** What this device knows of the partner in one pair. */
export interface PartnerTrust {
  /** The partner's person id as first seen (trust on first use), or as last acknowledged. */
  partnerPersonId: string;
  /** The person compared safety codes for this partner key and marked it verified. */
  verified: boolean;
  /** Every partner person id acknowledged so far; one not in it is a changed key. */
  seen: string[];
}

const TRUST_AD = new TextEncoder().encode('trellis/partner-trust/v1');

/**
 * Stores what this device knows of the partner in `workspaceId`.
 *
 * @example
 *   await savePartnerTrust(db, { workspaceId, vaultKey, trust: { partnerPersonId, verified: true, seen: [partnerPersonId] } });
 * @throws StoreFullError when the device is out of space.
 */
export async function savePartnerTrust(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; vaultKey: VaultKey; trust: PartnerTrust },
): Promise<void> {
  const sealedTrust = sealJson({
    value: input.trust,
    associatedData: TRUST_AD,
    key: input.vaultKey,
  });
  await withStoreErrors(() => db.workspaces.update(input.workspaceId, { sealedTrust }));
}

/**
 * What this device knows of the partner in `workspaceId`, or undefined (none yet, or unreadable).
 *
 * @example
 *   const trust = await loadPartnerTrust(db, { workspaceId, vaultKey });
 */
export async function loadPartnerTrust(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; vaultKey: VaultKey },
): Promise<PartnerTrust | undefined> {
  const row: unknown = await db.workspaces.get(input.workspaceId);
  const sealed = isRowRecord(row) ? readBytes(row.sealedTrust) : undefined;
  if (!sealed) return undefined;
  const parsed = openJson({ sealed, associatedData: TRUST_AD, key: input.vaultKey });
  if (!isRowRecord(parsed)) return undefined;
  const { partnerPersonId, verified, seen } = parsed;
  if (typeof partnerPersonId !== 'string' || typeof verified !== 'boolean') return undefined;
  if (!Array.isArray(seen) || !seen.every((id) => typeof id === 'string')) return undefined;
  return { partnerPersonId, verified, seen: seen as string[] };
}
