import type * as Y from 'yjs';
import type { DeviceIdentity } from '$lib/crypto';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import {
  checkAgreementSignatures,
  currentAgreementHash,
  signAgreement,
} from './agreementSignatures';
import { DocReader } from './docReader.svelte';
import { describeError, reportError } from './notices.svelte';
import type { ActionResult, Profile } from './actionResult';
import { SyncStatusState } from './syncStatusState.svelte';

const NOW_TICK_MS = 30_000;

/**
 * One open pair, as the screens see it: the inner doc to run workspace commands on, reactive
 * reads, the sync status, and the few operations that need keys (signing, invites, sync files),
 * so no component ever touches crypto or the engine.
 *
 * @example
 *   const goals = $derived(pair.read((doc) => listGoals(doc)));
 *   addGoal(pair.doc, { by: pair.me.personId, title: 'Public speaking' });
 */
export class PairSession {
  readonly workspaceId: string;
  readonly doc: Y.Doc;
  readonly me: Profile;
  readonly sync: SyncStatusState;
  now = $state(new Date());
  #engine: SyncedWorkspace;
  #identity: DeviceIdentity;
  #reader: DocReader;
  #invite = $state('');
  #timer: ReturnType<typeof setInterval>;

  constructor(input: {
    engine: SyncedWorkspace;
    workspaceId: string;
    identity: DeviceIdentity;
    me: Profile;
    createInviteLink: () => Promise<string>;
  }) {
    this.#engine = input.engine;
    this.#identity = input.identity;
    this.workspaceId = input.workspaceId;
    input.createInviteLink().then(
      (link) => (this.#invite = link),
      (error: unknown) => reportError(error, 'Preparing the invite link'),
    );
    this.doc = input.engine.innerDoc;
    this.me = input.me;
    this.sync = new SyncStatusState(input.engine.status);
    this.#reader = new DocReader(this.doc);
    this.#timer = setInterval(() => (this.now = new Date()), NOW_TICK_MS);
  }

  /** Runs `query` on the doc; inside `$derived` or a template it re-runs on every change. */
  read<T>(query: (doc: Y.Doc) => T): T {
    return this.#reader.read(query);
  }

  /** The link to send the partner; empty for the moment it takes to prepare. */
  inviteLink(): string {
    return this.#invite;
  }

  /** Signs the agreement exactly as it reads now, with this person's identity key. */
  signAgreement(): ActionResult {
    const signed = signAgreement(this.doc, {
      identity: this.#identity,
      personId: this.me.personId,
    });
    return signed.ok ? { ok: true } : { ok: false, message: 'The agreement could not be signed.' };
  }

  /** The hash of the agreement as it reads now (reactive). */
  currentAgreementHash(): string {
    return this.read(currentAgreementHash);
  }

  /** Whether each recorded signature verifies (reactive); see `checkAgreementSignatures`. */
  signatureChecks(): Map<string, boolean> {
    return this.read(checkAgreementSignatures);
  }

  exportSyncFile(): Blob {
    const bytes = this.#engine.exportSyncFile();
    return new Blob([bytes.slice().buffer], { type: 'application/octet-stream' });
  }

  async importSyncFile(file: Blob): Promise<ActionResult<{ applied: number }>> {
    try {
      const result = this.#engine.importSyncFile(new Uint8Array(await file.arrayBuffer()));
      if (!result.ok) return { ok: false, message: syncFileMessage(result.code) };
      return { ok: true, applied: result.applied };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Importing the sync file') };
    }
  }

  reconnect(): void {
    this.#engine.disconnect();
    this.#engine.connect();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#reader.dispose();
    this.sync.dispose();
    await this.#engine.close();
  }
}

function syncFileMessage(code: string): string {
  switch (code) {
    case 'WRONG_WORKSPACE':
      return 'This sync file belongs to another pair.';
    case 'NOT_A_SYNC_FILE':
      return 'This is not a Trellis sync file.';
    case 'WRONG_EPOCH':
      return 'This sync file was made with an older or newer key of this pair. Ask your partner to export a new one.';
    default:
      return 'This sync file is damaged and cannot be read. Ask your partner to export it again.';
  }
}
