import * as Y from 'yjs';
import {
  generateWorkspaceId,
  generateWorkspaceKey,
  readyCrypto,
  toBase64Url,
  type DeviceId,
  type DeviceIdentity,
  type PersonId,
  type PersonIdentity,
  type SigningPublicKey,
  type SigningSecretKey,
  type VaultKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import {
  createWorkspace as storeWorkspace,
  deleteWorkspaceData,
  listWorkspaceIds,
  loadOrCreateDeviceIdentity,
  loadOrCreatePersonIdentity,
  loadOrCreateVaultKey,
  loadPartnerTrust,
  loadProfile,
  loadWorkspace,
  openTrellisDb,
  readVaultState,
  removeVaultPassphrase,
  requestPersistentStorage,
  savePartnerTrust,
  savePersonIdentity,
  saveProfile,
  setIdleMinutes,
  setVaultPassphrase,
  unlockVault,
  eraseTrellisData,
  DEFAULT_IDLE_MINUTES,
  type TrellisDb,
} from '$lib/store';
import { openSyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import { RESTORE_ORIGIN } from '$lib/sync/envelope/syncOrigins';
import type { ChainRole } from '$lib/sync/membership';
import {
  checkInviteOfferUsable,
  encodeInviteOffer,
  inviteErrorMessage,
  parseInviteOffer,
  readInviteOfferFromUrl,
  type GrantBundle,
  type InviteOffer,
} from '$lib/sync/invite';
import {
  canonicalTimeZone,
  createWorkspace,
  isValidTimeZone,
  ROLES,
  zoneOrUtc,
  type Role,
} from '$lib/workspace';
import type { ActionResult, Profile } from './actionResult';
import { createBackupFile, readBackupFile, restoreBackupContents } from './backupContents';
import { createIdleTimer } from './idleTimer';
import { BACKUP_PAYLOAD_VERSION } from '$lib/sync/backup';
import { LINK_BUNDLE_VERSION } from '$lib/sync/deviceLink';
import { LinkOfferSession, LinkRequestSession } from './identity/deviceLinking.svelte';
import { JoinSession } from './identity/pairInvites.svelte';
import { genesisRecord } from './identity/pairChain';
import { defaultDeviceName } from './identity/defaultDeviceName';
import { describeError, notices, reportError } from './notices.svelte';
import { PairSession } from './pairSession.svelte';
import { summarisePair, type PairSummary } from './pairSummary';

export type { ActionResult, Profile } from './actionResult';
export type { PairSummary } from './pairSummary';
export type AppPhase = 'loading' | 'locked' | 'needs-profile' | 'ready' | 'failed';

/** What this device keeps of its person, sealed under the vault key. */
interface StoredProfile {
  name: string;
  role: Role;
  timeZone: string;
  /** This device's name in device lists (per device: a linked device names itself). */
  deviceName: string;
  /** The person's private notes workspace. */
  notesWorkspaceId?: string;
  /** Joins asked for and not answered yet: invite id -> the link's fragment (`i2.…`). */
  pendingJoins: Record<string, string>;
  /** Invites this device offered and still watches: invite id -> pair and fragment. */
  offeredInvites: Record<string, { workspaceId: string; fragment: string }>;
}

/** The unlocked device: everything that needs the vault key. */
interface Device {
  db: TrellisDb;
  vaultKey: VaultKey;
  identity: DeviceIdentity;
  person: PersonIdentity;
}

/** A pair or notes workspace as handed to another device of the person (link or backup). */
export interface WorkspaceGrant {
  workspaceId: WorkspaceId;
  epoch: number;
  key: WorkspaceKey;
  /** The membership chain's root (absent: a workspace from before the chain). */
  chainRoot?: string;
}

/**
 * The app as a whole: this device's identity and profile, the app lock, the person's private
 * notes and every pair on the device. All pairs are opened at start and stay open, so each keeps
 * syncing while the person works in another.
 *
 * @example
 *   await app.start();
 *   if (app.phase === 'needs-profile') await app.saveProfile({ name, role, timeZone });
 */
export class TrellisApp {
  phase = $state<AppPhase>('loading');
  failure = $state<string | null>(null);
  profile = $state<Profile | null>(null);
  deviceName = $state('');
  /** App lock: on or off, and the idle minutes after which it locks. */
  lock = $state({ enabled: false, idleMinutes: DEFAULT_IDLE_MINUTES });
  /** Set once the app locked after being open: the page should reload to drop its memory. */
  lockedAfterUse = $state(false);
  /** The app is sealing and closing everything before it locks. */
  locking = $state(false);
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
  /** Requests to join a pair this person sent and still waits on (they survive a restart). */
  joins = $state<JoinSession[]>([]);
  #notes = $state<PairSession | undefined>();
  #db: TrellisDb | undefined;
  #device: Device | undefined;
  #stored: StoredProfile | undefined;
  #starting: Promise<void> | undefined;
  #idle: ReturnType<typeof createIdleTimer> | undefined;
  /** Tells the app's other tabs to lock with this one, and of lock settings. */
  #channel: BroadcastChannel | undefined;

  /** The pairs on this device, titles read from their encrypted inner docs. */
  get pairs(): PairSummary[] {
    return this.#sessions.map((session) =>
      session.read((doc) => summarisePair(session.workspaceId, doc, session.me.personId)),
    );
  }

  /** The person's private notes, once the app is ready. */
  get notes(): PairSession | undefined {
    return this.#notes;
  }

  /** This device's id (public). */
  get deviceId(): string | undefined {
    return this.#device?.identity.deviceId;
  }

  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    this.#listenToOtherTabs();
    try {
      await readyCrypto();
      const db = openTrellisDb();
      this.#db = db;
      const vault = await readVaultState(db);
      if (vault.kind === 'locked') {
        this.lock = { enabled: true, idleMinutes: vault.idleMinutes };
        this.phase = 'locked';
        return;
      }
      if (vault.kind === 'open') this.lock = { enabled: false, idleMinutes: vault.idleMinutes };
      await this.#boot(db, await loadOrCreateVaultKey(db));
    } catch (error) {
      this.#fail(describeError(error, 'Starting Trellis'));
    }
  }

  /** With the vault key in hand: keys, profile, then every workspace. */
  async #boot(db: TrellisDb, vaultKey: VaultKey): Promise<void> {
    const identity = await loadOrCreateDeviceIdentity(db, vaultKey);
    const person = await loadOrCreatePersonIdentity(db, vaultKey);
    if (!identity.ok || !person.ok) {
      this.#fail('This device’s keys could not be read, so Trellis cannot open your pairs here.');
      return;
    }
    this.#device = { db, vaultKey, identity: identity.identity, person: person.person };
    const stored = parseStoredProfile(await loadProfile(db, vaultKey));
    this.#adoptProfile(stored);
    void this.#checkStorage();
    if (!stored) {
      this.deviceName = defaultDeviceName(globalThis.navigator?.userAgent ?? '');
      this.phase = 'needs-profile';
      return;
    }
    if (!stored.notesWorkspaceId) {
      // A profile saved before private notes existed gets its notes space now.
      const notesWorkspaceId = await this.#createOwnWorkspace(this.#device, 'none');
      await this.#saveStored({ ...stored, notesWorkspaceId });
    }
    await this.#openAll();
    this.phase = 'ready';
    this.#armIdleLock();
  }

  // ---- profile --------------------------------------------------------------------------------

  async saveProfile(input: {
    name: string;
    role: Role;
    timeZone: string;
    deviceName?: string;
  }): Promise<ActionResult> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    const name = input.name.trim();
    if (!name) return { ok: false, message: 'Please enter your name.' };
    if (!ROLES.includes(input.role))
      return { ok: false, message: 'Please choose mentor or mentee.' };
    if (!isValidTimeZone(input.timeZone))
      return { ok: false, message: 'Please choose a time zone.' };
    const first = this.#stored === undefined;
    try {
      const notesWorkspaceId =
        this.#stored?.notesWorkspaceId ?? (await this.#createOwnWorkspace(device, 'none'));
      await this.#saveStored({
        name,
        role: input.role,
        timeZone: canonicalTimeZone(input.timeZone),
        deviceName: input.deviceName?.trim() || this.deviceName || 'This device',
        notesWorkspaceId,
        pendingJoins: this.#stored?.pendingJoins ?? {},
        offeredInvites: this.#stored?.offeredInvites ?? {},
      });
    } catch (error) {
      return { ok: false, message: describeError(error, 'Saving your profile') };
    }
    if (first) await this.#openAll();
    this.phase = 'ready';
    this.#armIdleLock();
    return { ok: true };
  }

  /** Renames this device in every pair's device list. */
  async renameDevice(name: string): Promise<ActionResult> {
    const trimmed = name.trim();
    if (!trimmed) return { ok: false, message: 'Please give this device a name.' };
    if (!this.#stored) return { ok: false, message: 'Set up your profile first.' };
    try {
      await this.#saveStored({ ...this.#stored, deviceName: trimmed });
    } catch (error) {
      return { ok: false, message: describeError(error, 'Renaming this device') };
    }
    for (const session of this.#allSessions()) session.setDeviceName(trimmed);
    return { ok: true };
  }

  // ---- pairs ----------------------------------------------------------------------------------

  async createPair(input: {
    title: string;
    termMonths?: number;
  }): Promise<ActionResult<{ workspaceId: string }>> {
    const { device, profile } = this.#ready();
    if (!device || !profile) return { ok: false, message: 'Set up your profile first.' };
    try {
      const workspaceId = await this.#createOwnWorkspace(device, profile.role);
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

  /**
   * Asks to join the pair an invite link names: posts this person's signed request to the
   * link's room and waits, as long as it takes (the request is kept and posted again after a
   * restart), for the inviter to let them in. The join page and the home page show the code.
   */
  async joinPair(link: string): Promise<ActionResult<{ join: JoinSession }>> {
    const { device, profile } = this.#ready();
    if (!device || !profile || !this.#stored)
      return { ok: false, message: 'Set up your profile first.' };
    const parsed = parseInviteText(link);
    if (!parsed.ok) return { ok: false, message: inviteErrorMessage(parsed.code) };
    const offer = parsed.offer;
    const usable = checkInviteOfferUsable(offer, { now: Date.now() / 1000 });
    if (!usable.ok) return { ok: false, message: inviteErrorMessage(usable.code) };
    if (offer.inviterRole === profile.role) {
      return {
        ok: false,
        message: `This invite comes from the pair's ${offer.inviterRole}, and you are set up as a ${profile.role} too. A pair has one mentor and one mentee, so this device cannot join it.`,
      };
    }
    if (offer.inviterPersonId === device.person.personId) {
      return { ok: false, message: 'This is your own invite. Send it to your partner.' };
    }
    const known = this.joins.find((join) => join.offer.inviteId === offer.inviteId);
    if (known) return { ok: true, join: known };
    try {
      await this.#saveStored({
        ...this.#stored,
        pendingJoins: { ...this.#stored.pendingJoins, [offer.inviteId]: encodeInviteOffer(offer) },
      });
      return { ok: true, join: this.#startJoin(offer) };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Asking to join the pair') };
    }
  }

  /** Stops waiting for an answer to a join request (the request stays in the room, unanswered). */
  async cancelJoin(inviteId: string): Promise<void> {
    const join = this.joins.find((item) => item.offer.inviteId === inviteId);
    join?.close();
    this.joins = this.joins.filter((item) => item !== join);
    await this.#dropPendingJoin(inviteId);
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

  /** Removes a pair and everything this device holds of it (the partner keeps theirs). */
  async forgetPair(workspaceId: string): Promise<ActionResult> {
    const device = this.#device;
    if (!device || !this.#stored) return { ok: false, message: 'Trellis has not started yet.' };
    const session = this.#sessions.find((item) => item.workspaceId === workspaceId);
    try {
      this.#sessions = this.#sessions.filter((item) => item !== session);
      await session?.close();
      await deleteWorkspaceData(device.db, workspaceId as WorkspaceId);
      const offeredInvites = Object.fromEntries(
        Object.entries(this.#stored.offeredInvites).filter(
          ([, offered]) => offered.workspaceId !== workspaceId,
        ),
      );
      await this.#saveStored({ ...this.#stored, offeredInvites });
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Removing the pair from this device') };
    }
  }

  /** Removes one of the person's devices from every pair and the notes it belongs to. */
  removeOwnDevice(deviceId: string): ActionResult {
    if (deviceId === this.#device?.identity.deviceId) {
      return { ok: false, message: 'This device cannot remove itself; use another device.' };
    }
    const holding = this.#allSessions().filter((session) =>
      session.devices().some((item) => item.deviceId === deviceId && !item.removed),
    );
    // All or none: a device left in one pair would keep reading it.
    for (const session of holding) {
      const blocker = session.rotationBlocker();
      if (blocker) return { ok: false, message: blocker };
    }
    for (const session of holding) {
      const removed = session.removeDevice(deviceId);
      if (!removed.ok) return removed;
    }
    return { ok: true };
  }

  // ---- app lock -------------------------------------------------------------------------------

  /** Unlocks with the passphrase; a wrong one changes nothing. */
  async unlock(passphrase: string): Promise<ActionResult> {
    const db = this.#db;
    if (!db || this.phase !== 'locked') return { ok: false, message: 'Trellis is not locked.' };
    const unlocked = await unlockVault(db, { passphrase });
    if (!unlocked.ok) {
      return {
        ok: false,
        message:
          unlocked.code === 'WRONG_PASSPHRASE'
            ? 'That passphrase is not right. Nothing has changed; try again.'
            : 'The locked keys on this device are damaged and cannot be opened.',
      };
    }
    this.lock = { enabled: true, idleMinutes: unlocked.idleMinutes };
    this.lockedAfterUse = false;
    await this.#boot(db, unlocked.key);
    return { ok: true };
  }

  /**
   * Locks now: every workspace is sealed, stored and closed and the keys are dropped from
   * memory. The page should then reload (see `lockedAfterUse`) so nothing it held lingers.
   */
  async lockNow(): Promise<void> {
    if (!this.lock.enabled || this.phase === 'locked' || this.locking) return;
    // Screens leave at once (they must not read docs being closed); the keys go once every
    // workspace has sealed and stored what was waiting, so locking never loses an edit.
    this.locking = true;
    this.#idle?.stop();
    this.#idle = undefined;
    const sessions = this.#allSessions();
    // Everything must be stored before the keys go: a device that cannot store (full) stays
    // unlocked and says so, rather than lose what was written since.
    try {
      await Promise.all(sessions.map((session) => session.flush()));
      const unsaved = sessions.find((session) => session.sync.current.storeError !== null);
      if (unsaved)
        throw Object.assign(new Error('store'), { userMessage: unsaved.sync.current.storeError });
    } catch (error) {
      this.locking = false;
      this.#armIdleLock();
      reportError(error, 'Locking Trellis');
      return;
    }
    this.#channel?.postMessage('lock');
    this.#sessions = [];
    for (const join of this.joins) join.close();
    this.joins = [];
    this.#notes = undefined;
    await Promise.allSettled(sessions.map((session) => session.close()));
    const device = this.#device;
    this.#device = undefined;
    this.#stored = undefined;
    this.profile = null;
    device?.vaultKey.fill(0);
    device?.identity.signing.secretKey.fill(0);
    device?.identity.box.secretKey.fill(0);
    device?.person.signing.secretKey.fill(0);
    this.phase = 'locked';
    this.lockedAfterUse = true;
    this.locking = false;
  }

  /** Turns the app lock on: the vault key is wrapped by the passphrase from now on. */
  async enableLock(passphrase: string, idleMinutes: number): Promise<ActionResult> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    if (passphrase.length < 8) {
      return { ok: false, message: 'Please use a passphrase of at least 8 characters.' };
    }
    try {
      await setVaultPassphrase(device.db, { key: device.vaultKey, passphrase, idleMinutes });
    } catch (error) {
      return { ok: false, message: describeError(error, 'Turning on the app lock') };
    }
    this.lock = { enabled: true, idleMinutes };
    this.#armIdleLock();
    this.#channel?.postMessage('lock-on');
    return { ok: true };
  }

  /** Turns the app lock off: the vault key is stored as-is again. */
  async disableLock(): Promise<ActionResult> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    try {
      await removeVaultPassphrase(device.db, { key: device.vaultKey });
    } catch (error) {
      return { ok: false, message: describeError(error, 'Turning off the app lock') };
    }
    this.lock = { ...this.lock, enabled: false };
    this.#idle?.stop();
    this.#idle = undefined;
    return { ok: true };
  }

  async setIdleMinutes(idleMinutes: number): Promise<void> {
    const db = this.#db;
    if (!db) return;
    await setIdleMinutes(db, idleMinutes);
    this.lock = { ...this.lock, idleMinutes };
    this.#idle?.setIdleMs(idleMinutes * 60_000);
  }

  /** Deletes every Trellis byte on this device (for a forgotten passphrase). Reload after. */
  async eraseDevice(): Promise<void> {
    const sessions = this.#allSessions();
    this.#sessions = [];
    for (const join of this.joins) join.close();
    this.joins = [];
    this.#notes = undefined;
    await Promise.allSettled(sessions.map((session) => session.close()));
    const db = this.#db ?? openTrellisDb();
    await eraseTrellisData(db);
  }

  // ---- handing keys to another device of the person (link, backup) ---------------------------

  /** The person identity, profile and every workspace key, for a linked device or a backup. */
  async grantAll(): Promise<
    | {
        ok: true;
        person: PersonIdentity;
        profile: Omit<StoredProfile, 'deviceName' | 'pendingJoins' | 'offeredInvites'>;
        workspaces: WorkspaceGrant[];
        states: Map<string, Uint8Array>;
      }
    | { ok: false; message: string }
  > {
    const device = this.#device;
    const stored = this.#stored;
    if (!device || !stored) return { ok: false, message: 'Set up your profile first.' };
    const workspaces: WorkspaceGrant[] = [];
    const states = new Map<string, Uint8Array>();
    for (const session of this.#allSessions()) {
      if (session.membership.kind !== 'member') continue;
      await session.flush();
      const loaded = await loadWorkspace(device.db, {
        workspaceId: session.workspaceId as WorkspaceId,
        vaultKey: device.vaultKey,
      });
      if (!loaded.ok) continue;
      const { chainRoot } = loaded.workspace;
      workspaces.push({
        workspaceId: loaded.workspace.workspaceId,
        epoch: loaded.workspace.epoch,
        key: loaded.workspace.key,
        ...(chainRoot ? { chainRoot } : {}),
      });
      states.set(session.workspaceId, Y.encodeStateAsUpdate(session.doc));
    }
    return {
      ok: true,
      person: device.person,
      profile: {
        name: stored.name,
        role: stored.role,
        timeZone: stored.timeZone,
        ...(stored.notesWorkspaceId ? { notesWorkspaceId: stored.notesWorkspaceId } : {}),
      },
      workspaces,
      states,
    };
  }

  /**
   * Takes on a person handed over by another device (link) or a backup: their identity, profile
   * and workspaces; `states` (from a backup) are applied as restored, never re-sent as this
   * device's own edits. Only on a device without a profile.
   */
  async adoptPerson(input: {
    person: PersonIdentity;
    profile: { name: string; role: Role; timeZone: string; notesWorkspaceId?: string };
    workspaces: readonly WorkspaceGrant[];
    states?: ReadonlyMap<string, Uint8Array>;
    save: (db: TrellisDb, vaultKey: VaultKey, deviceId: DeviceId) => Promise<void>;
  }): Promise<ActionResult> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    if (this.#stored) {
      return {
        ok: false,
        message: 'This device already has a Trellis profile. Use a device where Trellis is new.',
      };
    }
    try {
      await input.save(device.db, device.vaultKey, device.identity.deviceId);
      this.#device = { ...device, person: input.person };
      await this.#saveStored({
        ...input.profile,
        deviceName: this.deviceName || 'This device',
        pendingJoins: {},
        offeredInvites: {},
      });
      await this.#openAll();
      for (const [workspaceId, state] of input.states ?? []) {
        const session = this.#allSessions().find((item) => item.workspaceId === workspaceId);
        try {
          if (session) Y.applyUpdate(session.doc, state, RESTORE_ORIGIN);
        } catch {
          notices.show(
            'error',
            'Part of the backup could not be read; that pair will sync from the relay instead.',
          );
        }
      }
      this.phase = 'ready';
      this.#armIdleLock();
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Setting up this device') };
    }
  }

  // ---- linking a second device ---------------------------------------------------------------

  /** On this (old) device: a link for the person's new device, and its requests. */
  startLinkOffer(): ActionResult<{ offer: LinkOfferSession }> {
    const device = this.#device;
    if (!device || !this.#stored) return { ok: false, message: 'Set up your profile first.' };
    const offer = new LinkOfferSession({
      identity: device.identity,
      relay: { url: relayUrl() },
      origin: location.origin,
      // Listed at once in every pair and the notes, so it can be removed before it ever opens them.
      onGranted: (request) => {
        for (const session of this.#allSessions()) {
          session.registerLinkedDevice({
            deviceId: request.deviceId,
            boxPublicKey: request.boxPublicKey,
            name: request.deviceName,
          });
        }
      },
      bundle: async () => {
        const granted = await this.grantAll();
        if (!granted.ok) throw new Error(granted.message);
        return {
          version: LINK_BUNDLE_VERSION,
          person: personKeys(granted.person),
          profile: {
            name: granted.profile.name,
            role: granted.profile.role,
            timeZone: granted.profile.timeZone,
            ...(granted.profile.notesWorkspaceId
              ? { notesWorkspaceId: granted.profile.notesWorkspaceId as WorkspaceId }
              : {}),
          },
          workspaces: granted.workspaces,
        };
      },
    });
    return { ok: true, offer };
  }

  /** On a new device (no profile yet): reads the link from the old device and asks to join. */
  startLinkRequest(url: string): ActionResult<{ session: LinkRequestSession }> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    if (this.#stored) {
      return {
        ok: false,
        message:
          'This device already has a Trellis profile. Open the link on a device where Trellis is new.',
      };
    }
    return LinkRequestSession.fromUrl(url, {
      identity: device.identity,
      relay: { url: relayUrl() },
      adopt: (bundle) => {
        const person = personFromKeys(bundle.person);
        return this.adoptPerson({
          person,
          profile: bundle.profile,
          workspaces: bundle.workspaces,
          save: async (db, vaultKey, deviceId) => {
            await savePersonIdentity(db, { person, vaultKey });
            for (const workspace of bundle.workspaces) {
              await storeWorkspace(db, { ...workspace, devices: [deviceId], vaultKey });
            }
          },
        });
      },
    });
  }

  // ---- backup ---------------------------------------------------------------------------------

  /** An encrypted backup of the person, their profile and every workspace, under `passphrase`. */
  async exportBackup(passphrase: string): Promise<ActionResult<{ file: Blob; fileName: string }>> {
    const granted = await this.grantAll();
    if (!granted.ok) return granted;
    try {
      const bytes = createBackupFile({
        passphrase,
        contents: {
          version: BACKUP_PAYLOAD_VERSION,
          createdAt: new Date().toISOString(),
          person: personKeys(granted.person),
          profile: granted.profile,
          workspaces: granted.workspaces.map((workspace) => ({
            ...workspace,
            innerState: granted.states.get(workspace.workspaceId) ?? new Uint8Array(),
          })),
        },
      });
      const day = new Date().toISOString().slice(0, 10);
      return {
        ok: true,
        file: new Blob([bytes.slice().buffer], { type: 'application/octet-stream' }),
        fileName: `trellis-${day}.trellis-backup`,
      };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Creating the backup') };
    }
  }

  /** Restores a backup on a device where Trellis is new. */
  async restoreBackup(file: Blob, passphrase: string): Promise<ActionResult> {
    let read: ReturnType<typeof readBackupFile>;
    try {
      read = readBackupFile({ bytes: new Uint8Array(await file.arrayBuffer()), passphrase });
    } catch (error) {
      return { ok: false, message: describeError(error, 'Reading the backup') };
    }
    if (!read.ok) return read;
    const { contents } = read;
    return this.adoptPerson({
      person: personFromKeys(contents.person),
      profile: contents.profile,
      workspaces: contents.workspaces,
      states: new Map(contents.workspaces.map((item) => [item.workspaceId, item.innerState])),
      save: async (db, vaultKey, deviceId) => {
        const restored = await restoreBackupContents(db, { contents, vaultKey, deviceId });
        if (!restored.ok)
          throw Object.assign(new Error('restore'), { userMessage: restored.message });
      },
    });
  }

  // ---- internals ------------------------------------------------------------------------------

  #ready(): { device?: Device; profile?: Profile } {
    return { device: this.#device, profile: this.profile ?? undefined };
  }

  #allSessions(): PairSession[] {
    return this.#notes ? [this.#notes, ...this.#sessions] : [...this.#sessions];
  }

  #adoptProfile(stored: StoredProfile | undefined): void {
    this.#stored = stored;
    const device = this.#device;
    this.profile =
      stored && device
        ? {
            personId: device.person.personId,
            name: stored.name,
            role: stored.role,
            timeZone: stored.timeZone,
          }
        : null;
    if (stored) this.deviceName = stored.deviceName;
  }

  async #saveStored(stored: StoredProfile): Promise<void> {
    const device = this.#device;
    if (!device) throw new Error('Trellis has not started');
    await saveProfile(device.db, { vaultKey: device.vaultKey, profile: stored });
    this.#adoptProfile(stored);
  }

  /**
   * Stores a new workspace anchored at the genesis this person signs (the pair session writes
   * the genesis into the doc when it opens it: see `certifyThisDevice`).
   */
  async #createOwnWorkspace(device: Device, role: ChainRole): Promise<WorkspaceId> {
    const workspaceId = generateWorkspaceId();
    const genesis = genesisRecord({ workspaceId, person: device.person, role });
    await storeWorkspace(device.db, {
      workspaceId,
      epoch: 0,
      key: generateWorkspaceKey(),
      devices: [device.identity.deviceId],
      chainRoot: genesis.hash,
      vaultKey: device.vaultKey,
    });
    return workspaceId;
  }

  async #openAll(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    const notesId = this.#stored?.notesWorkspaceId;
    for (const workspaceId of await listWorkspaceIds(device.db)) {
      const opened = await this.#open(workspaceId);
      if (!opened.ok) notices.show('error', opened.message);
    }
    if (notesId) this.#notes = this.#allSessions().find((item) => item.workspaceId === notesId);
    this.#resumeJoins();
  }

  async #open(workspaceId: string): Promise<ActionResult<{ pair: PairSession }>> {
    const device = this.#device;
    const profile = this.profile;
    const stored = this.#stored;
    if (!device || !profile || !stored) return { ok: false, message: 'Set up your profile first.' };
    const existing = this.#allSessions().find((session) => session.workspaceId === workspaceId);
    if (existing) return { ok: true, pair: existing };
    const id = workspaceId as WorkspaceId;
    const opened = await openSyncedWorkspace({
      db: device.db,
      identity: device.identity,
      vaultKey: device.vaultKey,
      workspaceId: id,
      relay: { url: relayUrl() },
    });
    if (!opened.ok)
      return { ok: false, message: `This pair could not be opened (${opened.code}).` };
    const isNotes = workspaceId === stored.notesWorkspaceId;
    const pair = new PairSession({
      kind: isNotes ? 'notes' : 'pair',
      engine: opened.workspace,
      workspaceId,
      device: device.identity,
      person: device.person,
      me: profile,
      deviceName: stored.deviceName,
      trust: await loadPartnerTrust(device.db, { workspaceId: id, vaultKey: device.vaultKey }),
      saveTrust: (trust) =>
        savePartnerTrust(device.db, { workspaceId: id, vaultKey: device.vaultKey, trust }),
      offers: this.#offersOf(workspaceId),
      origin: location.origin,
      relay: { url: relayUrl() },
      onJoined: () => notices.show('info', 'You are in: your partner let you into the pair.'),
    });
    if (isNotes) this.#notes = pair;
    else this.#sessions.push(pair);
    return { ok: true, pair };
  }

  /** The invites this device offered in `workspaceId`, kept in the sealed profile. */
  #offersOf(workspaceId: string): ConstructorParameters<typeof PairSession>[0]['offers'] {
    return {
      list: () =>
        Object.values(this.#stored?.offeredInvites ?? {}).flatMap((offered) => {
          if (offered.workspaceId !== workspaceId) return [];
          const parsed = parseInviteOffer(offered.fragment);
          return parsed.ok ? [parsed.offer] : [];
        }),
      save: async (offer) => {
        const stored = this.#stored;
        if (!stored) throw new Error('Trellis has not started');
        const offered = { workspaceId, fragment: encodeInviteOffer(offer) };
        await this.#saveStored({
          ...stored,
          offeredInvites: { ...stored.offeredInvites, [offer.inviteId]: offered },
        });
      },
      drop: async (inviteId) => {
        const stored = this.#stored;
        if (!stored?.offeredInvites[inviteId]) return;
        const { [inviteId]: _dropped, ...offeredInvites } = stored.offeredInvites;
        await this.#saveStored({ ...stored, offeredInvites });
      },
    };
  }

  /** Starts (or resumes) waiting for the answer to this person's request on `offer`. */
  #startJoin(offer: InviteOffer): JoinSession {
    const { device, profile } = this.#ready();
    if (!device || !profile) throw new Error('Trellis has not started');
    const join = new JoinSession({
      offer,
      person: device.person,
      device: device.identity,
      name: profile.name,
      timeZone: profile.timeZone,
      relay: { url: relayUrl() },
      adopt: (bundle) => this.#adoptGrant(offer, bundle),
      onEnded: () => void this.#dropPendingJoin(offer.inviteId),
    });
    this.joins = [...this.joins, join];
    join.start();
    return join;
  }

  /** Stores and opens the pair a grant names, anchored at the chain root it carries. */
  async #adoptGrant(offer: InviteOffer, bundle: GrantBundle): Promise<ActionResult> {
    const device = this.#device;
    if (!device) return { ok: false, message: 'Trellis has not started yet.' };
    try {
      const stored = await storeWorkspace(device.db, {
        workspaceId: bundle.workspaceId,
        epoch: bundle.epoch,
        key: bundle.workspaceKey,
        devices: [device.identity.deviceId],
        chainRoot: toBase64Url(bundle.chainRootHash),
        vaultKey: device.vaultKey,
      });
      if (!stored.ok && stored.code !== 'ALREADY_EXISTS') {
        return { ok: false, message: 'The pair could not be saved on this device.' };
      }
      const opened = await this.#open(bundle.workspaceId);
      if (!opened.ok) return opened;
      await this.#dropPendingJoin(offer.inviteId);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Joining the pair') };
    }
  }

  async #dropPendingJoin(inviteId: string): Promise<void> {
    const stored = this.#stored;
    if (!stored?.pendingJoins[inviteId]) return;
    const { [inviteId]: _dropped, ...pendingJoins } = stored.pendingJoins;
    await this.#saveStored({ ...stored, pendingJoins }).catch((error: unknown) =>
      reportError(error, 'Forgetting a finished join'),
    );
  }

  /** Resumes the joins still waiting for an answer (after a restart). */
  #resumeJoins(): void {
    for (const fragment of Object.values(this.#stored?.pendingJoins ?? {})) {
      const parsed = parseInviteOffer(fragment);
      const known =
        parsed.ok && this.joins.some((join) => join.offer.inviteId === parsed.offer.inviteId);
      if (parsed.ok && !known) this.#startJoin(parsed.offer);
    }
  }

  /** App lock holds for every tab: one tab locking, or turning the lock on, tells the rest. */
  #listenToOtherTabs(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel('trellis-app-lock');
    this.#channel.onmessage = (event: MessageEvent) => {
      if (event.data === 'lock') {
        void this.lockNow();
      } else if (event.data === 'lock-on' && this.#device) {
        void readVaultState(this.#device.db).then((vault) => {
          if (vault.kind !== 'locked') return;
          this.lock = { enabled: true, idleMinutes: vault.idleMinutes };
          this.#armIdleLock();
        });
      }
    };
  }

  #armIdleLock(): void {
    if (!this.lock.enabled || this.phase !== 'ready' || this.#idle) return;
    this.#idle = createIdleTimer({
      idleMs: this.lock.idleMinutes * 60_000,
      onIdle: () => void this.lockNow(),
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

/** A person identity as a link bundle and a backup carry it. */
function personKeys(person: PersonIdentity): {
  personId: PersonId;
  signingPublicKey: SigningPublicKey;
  signingSecretKey: SigningSecretKey;
} {
  return {
    personId: person.personId,
    signingPublicKey: person.signing.publicKey,
    signingSecretKey: person.signing.secretKey,
  };
}

/** The person identity a link bundle or a backup carries (their parsers checked the keys). */
function personFromKeys(keys: {
  personId: string;
  signingPublicKey: Uint8Array;
  signingSecretKey: Uint8Array;
}): PersonIdentity {
  return {
    personId: keys.personId as PersonId,
    signing: {
      publicKey: keys.signingPublicKey as SigningPublicKey,
      secretKey: keys.signingSecretKey as SigningSecretKey,
    },
  };
}

/** A whole invite link, or only its fragment (what a person may paste). */
function parseInviteText(text: string): ReturnType<typeof parseInviteOffer> {
  const trimmed = text.trim();
  return /^https?:\/\//.test(trimmed)
    ? readInviteOfferFromUrl(trimmed)
    : parseInviteOffer(trimmed.replace(/^#/, ''));
}

function relayUrl(): string {
  return location.origin.replace(/^http/, 'ws');
}

function parseStoredProfile(raw: unknown): StoredProfile | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { name, role, timeZone, deviceName, notesWorkspaceId, pendingJoins, offeredInvites } =
    raw as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) return undefined;
  if (!ROLES.includes(role as Role) || typeof timeZone !== 'string') return undefined;
  const pending: Record<string, string> = {};
  for (const [inviteId, fragment] of entriesOf(pendingJoins)) {
    if (typeof fragment === 'string') pending[inviteId] = fragment;
  }
  const offered: StoredProfile['offeredInvites'] = {};
  for (const [inviteId, entry] of entriesOf(offeredInvites)) {
    const { workspaceId, fragment } = (entry ?? {}) as Record<string, unknown>;
    if (typeof workspaceId === 'string' && typeof fragment === 'string') {
      offered[inviteId] = { workspaceId, fragment };
    }
  }
  return {
    name,
    role: role as Role,
    timeZone: zoneOrUtc(timeZone),
    deviceName: typeof deviceName === 'string' && deviceName.trim() ? deviceName : 'This device',
    ...(typeof notesWorkspaceId === 'string' ? { notesWorkspaceId } : {}),
    pendingJoins: pending,
    offeredInvites: offered,
  };
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return typeof value === 'object' && value !== null ? Object.entries(value) : [];
}

/** The one app instance. */
export const app = new TrellisApp();
