import {
  generateWorkspaceId,
  generateWorkspaceKey,
  readyCrypto,
  type DeviceIdentity,
  type VaultKey,
  type WorkspaceId,
} from '$lib/crypto';
import {
  createWorkspace as storeWorkspace,
  listWorkspaceIds,
  loadOrCreateDeviceIdentity,
  loadOrCreateVaultKey,
  loadProfile,
  loadWorkspace,
  openTrellisDb,
  requestPersistentStorage,
  saveProfile,
  type TrellisDb,
} from '$lib/store';
import { openSyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import {
  buildInviteLink,
  checkInviteUsable,
  generateInviteId,
  inviteErrorMessage,
  readInviteFromUrl,
  parseInvite,
} from '$lib/sync/invite';
import { createWorkspace, isValidTimeZone, ROLES, type Role } from '$lib/workspace';
import type { ActionResult, Profile } from './actionResult';
import { describeError } from './notices.svelte';
import { PairSession } from './pairSession.svelte';
import { summarisePair, type PairSummary } from './pairSummary';
import { ensureMember } from './ensureMember';

export type { ActionResult, Profile } from './actionResult';
export type { PairSummary } from './pairSummary';
export type AppPhase = 'loading' | 'needs-profile' | 'ready' | 'failed';

const INVITE_LIFETIME_SECONDS = 14 * 24 * 3600;

interface Device {
  db: TrellisDb;
  vaultKey: VaultKey;
  identity: DeviceIdentity;
}

/**
 * The app as a whole: this device's identity and profile, and every pair on it. All pairs are
 * opened at start and stay open, so each keeps syncing while the person works in another.
 *
 * @example
 *   await app.start();
 *   if (app.phase === 'needs-profile') await app.saveProfile({ name, role, timeZone });
 */
export class TrellisApp {
  phase = $state<AppPhase>('loading');
  failure = $state<string | null>(null);
  profile = $state<Profile | null>(null);
  storage = $state<{
    usedBytes: number | null;
    quotaBytes: number | null;
    persisted: boolean | null;
  }>({
    usedBytes: null,
    quotaBytes: null,
    persisted: null,
  });
  #sessions = $state<PairSession[]>([]);
  #device: Device | undefined;
  #starting: Promise<void> | undefined;

  /** The pairs on this device, titles read from their encrypted inner docs. */
  get pairs(): PairSummary[] {
    return this.#sessions.map((session) =>
      session.read((doc) => summarisePair(session.workspaceId, doc, session.me.personId)),
    );
  }

  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    try {
      await readyCrypto();
      const db = openTrellisDb();
      const vaultKey = await loadOrCreateVaultKey(db);
      const identity = await loadOrCreateDeviceIdentity(db, vaultKey);
      if (!identity.ok) {
        this.#fail('This device’s keys could not be read, so Trellis cannot open your pairs here.');
        return;
      }
      this.#device = { db, vaultKey, identity: identity.identity };
      this.profile = parseProfile(await loadProfile(db, vaultKey), identity.identity.deviceId);
      void this.#checkStorage();
      if (!this.profile) {
        this.phase = 'needs-profile';
        return;
      }
      for (const workspaceId of await listWorkspaceIds(db)) await this.#open(workspaceId);
      this.phase = 'ready';
    } catch (error) {
      this.#fail(describeError(error, 'Starting Trellis'));
    }
  }

  async saveProfile(input: { name: string; role: Role; timeZone: string }): Promise<ActionResult> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    const name = input.name.trim();
    if (!name) return { ok: false, message: 'Please enter your name.' };
    if (!ROLES.includes(input.role))
      return { ok: false, message: 'Please choose mentor or mentee.' };
    if (!isValidTimeZone(input.timeZone))
      return { ok: false, message: 'Please choose a time zone.' };
    const profile: Profile = {
      personId: device.identity.deviceId,
      name,
      role: input.role,
      timeZone: input.timeZone,
    };
    try {
      await saveProfile(device.db, { vaultKey: device.vaultKey, profile });
    } catch (error) {
      return { ok: false, message: describeError(error, 'Saving your profile') };
    }
    const first = this.profile === null;
    this.profile = profile;
    if (first) {
      for (const workspaceId of await listWorkspaceIds(device.db)) await this.#open(workspaceId);
    }
    this.phase = 'ready';
    return { ok: true };
  }

  async createPair(input: {
    title: string;
    termMonths?: number;
  }): Promise<ActionResult<{ workspaceId: string }>> {
    const { device, profile } = this.#ready();
    if (!device || !profile) return { ok: false, message: 'Set up your profile first.' };
    try {
      const workspaceId = generateWorkspaceId();
      await storeWorkspace(device.db, {
        workspaceId,
        epoch: 0,
        key: generateWorkspaceKey(),
        devices: [device.identity.deviceId],
        vaultKey: device.vaultKey,
      });
      const opened = await this.#open(workspaceId);
      if (!opened.ok) return opened;
      const created = createWorkspace(opened.pair.doc, {
        title: input.title,
        termMonths: input.termMonths,
        creator: { ...profile },
      });
      if (!created.ok)
        return { ok: false, message: `The pair could not be created (${created.code}).` };
      return { ok: true, workspaceId };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Creating the pair') };
    }
  }

  async joinPair(link: string): Promise<ActionResult<{ workspaceId: string }>> {
    const { device, profile } = this.#ready();
    if (!device || !profile) return { ok: false, message: 'Set up your profile first.' };
    const parsed = parseInviteText(link);
    if (!parsed.ok) return { ok: false, message: inviteErrorMessage(parsed.code) };
    const invite = parsed.invite;
    // Revocation lists arrive with issue #6; expiry is checked here already.
    const usable = checkInviteUsable(invite, { now: Date.now() / 1000, isRevoked: () => false });
    if (!usable.ok) return { ok: false, message: inviteErrorMessage(usable.code) };
    try {
      const known = this.#sessions.find((session) => session.workspaceId === invite.workspaceId);
      if (!known) {
        const stored = await storeWorkspace(device.db, {
          workspaceId: invite.workspaceId,
          epoch: invite.epoch,
          key: invite.workspaceKey,
          devices: [device.identity.deviceId, invite.inviterDeviceId],
          vaultKey: device.vaultKey,
        });
        if (!stored.ok && stored.code !== 'ALREADY_EXISTS') {
          return { ok: false, message: 'The pair could not be saved on this device.' };
        }
        const opened = await this.#open(invite.workspaceId);
        if (!opened.ok) return opened;
      }
      return { ok: true, workspaceId: invite.workspaceId };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Joining the pair') };
    }
  }

  async openPair(workspaceId: string): Promise<ActionResult<{ pair: PairSession }>> {
    await this.start();
    const pair = this.#sessions.find((session) => session.workspaceId === workspaceId);
    if (pair) return { ok: true, pair };
    return {
      ok: false,
      message:
        'This pair is not on this device. Open the invite link your partner sent you to join it.',
    };
  }

  #ready(): { device?: Device; profile?: Profile } {
    return { device: this.#device, profile: this.profile ?? undefined };
  }

  async #open(workspaceId: string): Promise<ActionResult<{ pair: PairSession }>> {
    const device = this.#device;
    const profile = this.profile;
    if (!device || !profile) return { ok: false, message: 'Set up your profile first.' };
    const existing = this.#sessions.find((session) => session.workspaceId === workspaceId);
    if (existing) return { ok: true, pair: existing };
    const opened = await openSyncedWorkspace({
      db: device.db,
      identity: device.identity,
      vaultKey: device.vaultKey,
      workspaceId: workspaceId as WorkspaceId,
      relay: { url: relayUrl() },
      // The invite link carries the epoch key and nothing else: holding it is membership.
      settings: { admitKeyHolders: true },
    });
    if (!opened.ok)
      return { ok: false, message: `This pair could not be opened (${opened.code}).` };
    const engine = opened.workspace;
    const pair = new PairSession({
      engine,
      workspaceId,
      identity: device.identity,
      me: profile,
      createInviteLink: () => this.#createInviteLink(workspaceId as WorkspaceId, profile),
    });
    ensureMember(pair.doc, profile);
    this.#sessions.push(pair);
    return { ok: true, pair };
  }

  /** A fresh single-use invite to the pair's current epoch, as a link to send the partner. */
  async #createInviteLink(workspaceId: WorkspaceId, profile: Profile): Promise<string> {
    const device = this.#device;
    if (!device) throw new Error('Trellis has not started');
    const loaded = await loadWorkspace(device.db, { workspaceId, vaultKey: device.vaultKey });
    if (!loaded.ok) throw new Error(`The pair's keys could not be read (${loaded.code})`);
    return buildInviteLink(location.origin, {
      version: 1,
      workspaceId,
      epoch: loaded.workspace.epoch,
      workspaceKey: loaded.workspace.key,
      inviterDeviceId: device.identity.deviceId,
      inviterBoxPublicKey: device.identity.box.publicKey,
      inviteId: generateInviteId(),
      inviterRole: profile.role,
      expiresAt: Math.floor(Date.now() / 1000) + INVITE_LIFETIME_SECONDS,
    });
  }

  async #checkStorage(): Promise<void> {
    const persisted = await requestPersistentStorage();
    const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
    this.storage = {
      usedBytes: estimate?.usage ?? null,
      quotaBytes: estimate?.quota ?? null,
      persisted: persisted === 'unsupported' ? null : persisted === 'granted',
    };
  }

  #fail(message: string): void {
    this.failure = message;
    this.phase = 'failed';
  }
}

/** A whole invite link, or only its fragment (what a person may paste). */
function parseInviteText(text: string): ReturnType<typeof parseInvite> {
  const trimmed = text.trim();
  return /^https?:\/\//.test(trimmed)
    ? readInviteFromUrl(trimmed)
    : parseInvite(trimmed.replace(/^#/, ''));
}

function relayUrl(): string {
  return location.origin.replace(/^http/, 'ws');
}

function parseProfile(raw: unknown, personId: string): Profile | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { name, role, timeZone } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return null;
  if (!ROLES.includes(role as Role) || typeof timeZone !== 'string') return null;
  return {
    personId,
    name,
    role: role as Role,
    timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
  };
}

/** The one app instance. */
export const app = new TrellisApp();
