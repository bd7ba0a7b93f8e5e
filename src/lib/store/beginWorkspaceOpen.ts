// Everything an open needs before the workspace's inner doc is ready, in one transaction: the
// workspace row (keys unwrapped), one more incarnation (stored before the engine derives a Yjs
// client id from it, so a crash never leads to the same client id twice), the encrypted
// inner-doc cache and the quarantine (a few rows; the status shows their count from the start).
// One transaction instead of four saves round trips to the database, which is most of what a
// cold open spends before it can decrypt the cache.
import type { VaultKey, WorkspaceId } from '$lib/crypto';
import { loadInnerCache, type InnerCache } from './innerCacheStore';
import { listQuarantined } from './quarantineStore';
import { withStoreErrors } from './storeFullError';
import type { QuarantineRow, TrellisDb, WorkspaceRow } from './trellisDb';
import { parseWorkspaceRow, type LoadWorkspaceError, type WorkspaceRecord } from './workspaceStore';

/** What `beginWorkspaceOpen` read. */
export interface WorkspaceOpening {
  /** The workspace; `incarnation` is the new one, already stored. */
  workspace: WorkspaceRecord;
  /** The cache row, or undefined if there is none or it does not parse. */
  cache: InnerCache | undefined;
  /** The workspace's quarantine rows, oldest first. */
  quarantined: QuarantineRow[];
}

/**
 * Counts one more open of the workspace on this device and reads what the open needs first.
 * Nothing is written when the row is missing or does not parse.
 *
 * @example
 *   const opening = await beginWorkspaceOpen(db, { workspaceId, vaultKey });
 *   if (opening.ok) inner.clientID = deriveClientId(me.deviceId, opening.workspace.incarnation);
 * @throws StoreFullError when the new incarnation cannot be stored (nothing changed then).
 */
export async function beginWorkspaceOpen(
  db: TrellisDb,
  input: { workspaceId: WorkspaceId; vaultKey: VaultKey },
): Promise<({ ok: true } & WorkspaceOpening) | { ok: false; code: LoadWorkspaceError }> {
  const { workspaceId, vaultKey } = input;
  return withStoreErrors(() =>
    db.transaction('rw', [db.workspaces, db.innerCache, db.quarantine], async () => {
      // The reads are queued at once: the rest is wanted whenever the row is.
      const [row, cache, quarantined] = await Promise.all([
        db.workspaces.get(workspaceId) as Promise<unknown>,
        loadInnerCache(db, workspaceId),
        listQuarantined(db, workspaceId),
      ]);
      if (row === undefined) return { ok: false as const, code: 'NOT_FOUND' as const };
      const parsed = parseWorkspaceRow(row, vaultKey);
      if (!parsed.ok) return parsed;
      const incarnation = parsed.workspace.incarnation + 1;
      // The row just parsed, written back whole: one request, where `update` reads it again.
      await db.workspaces.put({ ...(row as WorkspaceRow), incarnation });
      const workspace = { ...parsed.workspace, incarnation };
      return { ok: true as const, workspace, cache, quarantined };
    }),
  );
}
