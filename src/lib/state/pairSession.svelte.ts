import type * as Y from 'yjs';
import {
  computeSafetyCode,
  type BoxPublicKey,
  publicKeyOfDevice,
  toBase64Url,
  type DeviceIdentity,
  type PersonId,
  type PersonIdentity,
  type WorkspaceId,
} from '$lib/crypto';
import type { PartnerTrust } from '$lib/store';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import { generateInviteId } from '$lib/sync/invite';
import {
  findDevice,
  findPerson,
  inviteStanding,
  listDevices,
  listInvites,
  listPeople,
  markInviteUsed,
  recordInvite,
  registerDevice,
  revokeInvite,
  schemaStanding,
  type InviteStanding,
  type Person,
  type RotationRecord,
} from '$lib/workspace';
import {
  checkAgreementSignatures,
  currentAgreementHash,
  signAgreement,
} from './agreementSignatures';
import { DocReader } from './docReader.svelte';
import { ensureMember } from './ensureMember';
import { certifyDevice, isDeviceCertified } from './identity/deviceCertificate';
import {
  certifyLinkedDevice,
  certifyThisDevice,
  removalRecords,
  writeChain,
} from './identity/pairChain';
import { chainRoster, docRoster, type PairRoster } from './identity/pairRoster';
import {
  canRotate,
  chooseRotation,
  followRotations,
  rotatePairKey,
  type RotatePairKeyError,
  type RotationEvent,
} from './identity/pairRotation';
import { assessPartner, type PartnerView } from './identity/partnerView';
import { describeError, notices, reportError } from './notices.svelte';
import type { ActionResult, Profile } from './actionResult';
import { SyncStatusState } from './syncStatusState.svelte';

const NOW_TICK_MS = 30_000;
/** A device refreshes its own "last seen" in the pair at most this often (each write is a blob). */
const LAST_SEEN_EVERY_MS = 60 * 60 * 1000;

/** Where this device stands in the pair. */
export type Membership =
  | { kind: 'member' }
  /** Joined by invite; waiting for the pair (and the invite's record) to arrive. */
  | { kind: 'joining' }
  /** The invite turned out revoked, used or expired: the pair is being removed here. */
  | { kind: 'refused'; message: string }
  /** Another device moved the pair to a new key without this device. */
  | { kind: 'removed'; at: string };

/** A device of the pair, as the device list shows it. */
export interface PairDevice {
  deviceId: string;
  personId: string;
  name: string;
  personName: string;
  isThisDevice: boolean;
  lastSeenAt: string;
  certified: boolean;
  removed: boolean;
}

/** What importing a sync file did, for the sync-file panel. */
export interface SyncFileImport {
  applied: number;
  /** Changes that wait for earlier ones the file did not hold. */
  held: number;
  /** Part of the file could not be read. */
  damagedTail: boolean;
  /** Damaged or forged changes set aside, by the device they claim (null: unknown). */
  setAside: { count: number; device: { personName: string; name: string } | null }[];
}

/** An invite of the pair, as the invite list shows it. */
export interface PairInvite {
  inviteId: string;
  createdAt: string;
  expiresAt: string;
  standing: Exclude<InviteStanding, 'unknown'>;
  usedByName?: string;
}

/** What a PairSession needs from the app. */
export interface PairSessionInput {
  /** A pair with a partner, or the person's private notes (their own devices only). */
  kind: 'pair' | 'notes';
  engine: SyncedWorkspace;
  workspaceId: string;
  device: DeviceIdentity;
  person: PersonIdentity;
  me: Profile;
  deviceName: string;
  trust: PartnerTrust | undefined;
  saveTrust: (trust: PartnerTrust) => Promise<void>;
  /** A link for a new invite with this id, to the pair's current epoch. */
  buildInviteLink: (invite: { inviteId: string; expiresAt: number }) => Promise<string>;
  /** Set when this device joined by an invite whose standing is not known yet. */
  pendingInvite?: { inviteId: string };
  /** Called when the invite was refused, so the app removes the pair from this device. */
  onRefused: (message: string) => void;
  /** Called once a pending invite is settled and this device is a member. */
  onJoined: () => void;
}

const INVITE_LIFETIME_SECONDS = 14 * 24 * 3600;

/**
 * One open pair, as the screens see it: the inner doc to run workspace commands on, reactive
 * reads, the sync status, and the operations that need keys (signing, invites, safety codes,
 * removing devices, sync files), so no component ever touches crypto or the engine.
 *
 * @example
 *   const goals = $derived(pair.read((doc) => listGoals(doc)));
 *   addGoal(pair.doc, { by: pair.me.personId, title: 'Public speaking' });
 */
export class PairSession {
  readonly workspaceId: string;
  readonly kind: 'pair' | 'notes';
  readonly doc: Y.Doc;
  readonly me: Profile;
  readonly sync: SyncStatusState;
  now = $state(new Date());
  membership = $state<Membership>({ kind: 'member' });
  #trust = $state<PartnerTrust | undefined>();
  #engine: SyncedWorkspace;
  #input: PairSessionInput;
  #reader: DocReader;
  #timer: ReturnType<typeof setInterval>;
  #deviceName: string;
  #stops: Array<() => void> = [];

  constructor(input: PairSessionInput) {
    this.#input = input;
    this.#engine = input.engine;
    this.workspaceId = input.workspaceId;
    this.kind = input.kind;
    this.#deviceName = input.deviceName;
    this.doc = input.engine.innerDoc;
    this.me = input.me;
    this.#trust = input.trust;
    this.sync = new SyncStatusState(input.engine.status);
    this.#reader = new DocReader(this.doc);
    this.#timer = setInterval(() => (this.now = new Date()), NOW_TICK_MS);
    if (input.pendingInvite) this.membership = { kind: 'joining' };
    this.#watchDoc();
    this.#stops.push(
      followRotations({
        engine: input.engine,
        identity: input.device,
        roster: () => this.#roster(),
        onEvent: (event) => this.#onRotation(event),
      }),
      // A device its person's chain does not count yet files itself, so the others accept it.
      input.engine.onMembership((membership) =>
        certifyThisDevice(this.doc, membership, {
          workspaceId: this.workspaceId,
          person: input.person,
          device: input.device,
          role: input.kind === 'notes' ? 'none' : input.me.role,
        }),
      ),
    );
  }

  /**
   * The pair's people who are members: with a chain, only the `people` entries of persons the
   * chain counts (an entry any member planted names nobody); before the chain, every entry.
   */
  #members(doc: Y.Doc): Person[] {
    const membership = this.#engine.membership();
    const people = listPeople(doc);
    return membership
      ? people.filter((person) => membership.persons.has(person.personId as PersonId))
      : people;
  }

  /**
   * Who the pair's devices and persons are: the verified chain's answer, or for a pair from
   * before the chain the doc's own registries (see pairRoster.ts).
   */
  #roster(): PairRoster {
    const membership = this.#engine.membership();
    if (membership) return chainRoster(membership);
    const upToEpoch = this.#engine.status.get().epoch + 1;
    return docRoster(this.doc, { personId: this.me.personId, upToEpoch });
  }

  /** Runs `query` on the doc; inside `$derived` or a template it re-runs on every change. */
  read<T>(query: (doc: Y.Doc) => T): T {
    return this.#reader.read(query);
  }

  /** The pair's current epoch (reactive). */
  get epoch(): number {
    return this.sync.current.epoch;
  }

  /** A rotation to the next epoch is recorded and this device has not moved yet (reactive). */
  get moving(): boolean {
    const next = this.sync.current.epoch + 1;
    return (
      this.membership.kind === 'member' &&
      this.read((doc) => !!chooseRotation(doc, next, this.#roster()))
    );
  }

  /** Signs the agreement exactly as it reads now, with this person's identity key. */
  signAgreement(): ActionResult {
    const signed = signAgreement(this.doc, {
      identity: this.#input.person,
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

  // ---- invites --------------------------------------------------------------------------------

  /** Records a new single-use invite in the pair and answers its link. */
  async createInvite(): Promise<ActionResult<{ link: string }>> {
    // A link made now would carry the key the pair is leaving.
    if (this.moving) {
      return { ok: false, message: 'The pair is moving to a new key. Try again in a moment.' };
    }
    const inviteId = generateInviteId();
    const expiresAt = Math.floor(Date.now() / 1000) + INVITE_LIFETIME_SECONDS;
    try {
      const link = await this.#input.buildInviteLink({ inviteId, expiresAt });
      const recorded = recordInvite(this.doc, {
        inviteId,
        createdBy: this.me.personId,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      });
      if (!recorded.ok) return { ok: false, message: 'The invite could not be recorded.' };
      return { ok: true, link };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Preparing the invite link') };
    }
  }

  /** The pair's invites, newest first (reactive). */
  invites(): PairInvite[] {
    return this.read((doc) => {
      const names = new Map(listPeople(doc).map((person) => [person.personId, person.name]));
      return listInvites(doc).map((invite) => {
        const standing = inviteStanding(doc, {
          inviteId: invite.inviteId,
          personId: '',
          now: this.now,
        });
        return {
          inviteId: invite.inviteId,
          createdAt: invite.createdAt,
          expiresAt: invite.expiresAt,
          standing: standing === 'unknown' ? 'open' : standing,
          ...(invite.usedBy ? { usedByName: names.get(invite.usedBy) ?? 'someone' } : {}),
        };
      });
    });
  }

  /**
   * Revokes an unused invite and moves the pair to a new key, so whoever holds the link can
   * read nothing written from now on.
   */
  revokeInvite(inviteId: string): ActionResult {
    const possible = canRotate(this.#engine, this.#roster());
    if (!possible.ok) return { ok: false, message: rotationMessage(possible.code) };
    let result: ActionResult = { ok: true };
    this.doc.transact(() => {
      const revoked = revokeInvite(this.doc, { inviteId, at: new Date().toISOString() });
      result = revoked.ok
        ? this.#rotate('invite-revoked', [])
        : { ok: false, message: 'This invite was already used or is unknown.' };
    });
    return result;
  }

  // ---- devices --------------------------------------------------------------------------------

  /** Every device of the pair with its person and whether its owner certified it (reactive). */
  devices(): PairDevice[] {
    // Read so the list is redrawn when the pair moves to a new epoch.
    void this.sync.current.epoch;
    return this.read((doc) => {
      const names = new Map(listPeople(doc).map((person) => [person.personId, person.name]));
      // Removed means left out by a rotation the pair followed (or is following), not merely
      // marked: a withdrawn rotation leaves marks behind, and such a device can be removed again.
      const roster = this.#roster();
      const out = roster.leftOut();
      const counted = new Set(roster.recipients().map((device) => device.deviceId));
      const chained = this.#engine.membership() !== undefined;
      return listDevices(doc).map((device) => ({
        deviceId: device.deviceId,
        personId: device.personId,
        name: device.name,
        personName:
          names.get(device.personId) ??
          (device.personId === this.me.personId ? this.me.name : 'Unknown person'),
        isThisDevice: device.deviceId === this.#input.device.deviceId,
        lastSeenAt: device.lastSeenAt,
        // With a chain, a device counts once its record there does (whatever the entry says).
        certified: chained
          ? counted.has(device.deviceId) || out.devices.has(device.deviceId)
          : isDeviceCertified(device),
        removed: out.devices.has(device.deviceId) || out.persons.has(device.personId),
      }));
    });
  }

  /**
   * Lists a device just linked to this person, certified by the person key, so it shows (and
   * can be removed) before it has opened the pair itself.
   */
  registerLinkedDevice(device: { deviceId: string; boxPublicKey: Uint8Array; name: string }): void {
    const signingKey = publicKeyOfDevice(device.deviceId);
    if (!signingKey || findDevice(this.doc, device.deviceId)) return;
    const membership = this.#engine.membership();
    const keys = {
      deviceId: device.deviceId as DeviceIdentity['deviceId'],
      signing: { publicKey: signingKey },
      box: { publicKey: device.boxPublicKey as BoxPublicKey },
    };
    const signer = { workspaceId: this.workspaceId, person: this.#input.person };
    if (membership) certifyLinkedDevice(this.doc, membership, { ...signer, device: keys });
    const at = new Date().toISOString();
    registerDevice(this.doc, {
      deviceId: device.deviceId,
      personId: this.#input.person.personId,
      name: device.name,
      boxPublicKey: toBase64Url(device.boxPublicKey),
      certificate: certifyDevice({
        person: this.#input.person,
        device: {
          signing: { publicKey: signingKey },
          box: { publicKey: device.boxPublicKey as BoxPublicKey },
        },
      }),
      addedAt: at,
      lastSeenAt: at,
    });
  }

  /** Renames this device in the pair's device list. */
  setDeviceName(name: string): void {
    this.#deviceName = name;
    this.#registerThisDevice();
  }

  /** Why the pair cannot move to a new key right now, or null when it can. */
  rotationBlocker(): string | null {
    const possible = canRotate(this.#engine, this.#roster());
    return possible.ok ? null : rotationMessage(possible.code);
  }

  /** Removes a device: the pair moves to a new key sealed to the other devices only. */
  removeDevice(deviceId: string): ActionResult {
    if (deviceId === this.#input.device.deviceId) {
      return { ok: false, message: 'This device cannot remove itself; use another device.' };
    }
    return this.#rotate('device-removed', [deviceId]);
  }

  /** Ends the partner's membership: every device of theirs is left out of the new key. */
  removePartner(): ActionResult {
    const partner = this.partnerView().partner;
    if (!partner) return { ok: false, message: 'Your partner has not joined yet.' };
    return this.#rotate('person-left', [], [partner.personId]);
  }

  // ---- verification ---------------------------------------------------------------------------

  /** The partner, whether their key is verified, and whether it changed (reactive). */
  partnerView(): PartnerView {
    const trust = this.#trust;
    return this.read((doc) =>
      assessPartner({
        others: this.#members(doc).filter((person) => person.personId !== this.me.personId),
        trust,
      }),
    );
  }

  /** The safety code of this pair's two person keys, or null before the partner joined. */
  safetyCode(): string | null {
    const partner = this.partnerView().partner;
    const mine = publicKeyOfDevice(this.me.personId);
    const theirs = partner ? publicKeyOfDevice(partner.personId) : undefined;
    if (!mine || !theirs) return null;
    return computeSafetyCode({
      workspaceId: this.workspaceId as WorkspaceId,
      identityKeys: [mine, theirs],
    });
  }

  /** Marks the partner's current key verified (or not), after comparing safety codes. */
  async setVerified(verified: boolean): Promise<ActionResult> {
    const partner = this.partnerView().partner;
    if (!partner) return { ok: false, message: 'Your partner has not joined yet.' };
    return this.#saveTrust({ partnerPersonId: partner.personId, verified });
  }

  /**
   * Accepts the partner's new key (unverified) after a key-change warning, and ends the access
   * of the devices of the person they replaced (a lost phone must not keep reading).
   */
  async acknowledgeKeyChange(): Promise<ActionResult> {
    const partner = this.partnerView().partner;
    if (!partner) return { ok: true };
    const saved = await this.#saveTrust({ partnerPersonId: partner.personId, verified: false });
    if (!saved.ok) return saved;
    const replaced = this.read((doc) =>
      [
        ...new Set(
          listDevices(doc)
            .filter((device) => !device.removedAt)
            .map((d) => d.personId),
        ),
      ]
        .map((personId) => findPerson(doc, personId))
        .filter((person) => person?.replacedBy !== undefined)
        .map((person) => person!.personId),
    );
    if (replaced.length === 0) return { ok: true };
    const rotated = this.#rotate('person-left', [], replaced);
    return rotated.ok
      ? { ok: true }
      : {
          ok: false,
          message: `The old key's devices still read this pair: ${rotated.message}`,
        };
  }

  // ---- sync files and connection --------------------------------------------------------------

  /** Seals what is still waiting, then writes every change this device has into one file. */
  async exportSyncFile(): Promise<Blob> {
    const bytes = await this.#engine.exportSyncFile();
    return new Blob([bytes.slice().buffer], { type: 'application/octet-stream' });
  }

  async importSyncFile(file: Blob): Promise<ActionResult<SyncFileImport>> {
    try {
      const result = this.#engine.importSyncFile(new Uint8Array(await file.arrayBuffer()));
      if (!result.ok) return { ok: false, message: syncFileMessage(result.code) };
      const devices = new Map(this.devices().map((device) => [device.deviceId, device]));
      return {
        ok: true,
        applied: result.applied,
        held: result.held,
        damagedTail: result.damagedTail,
        setAside: result.setAside.map(({ deviceId, count }) => {
          const device = deviceId ? devices.get(deviceId) : undefined;
          return {
            count,
            device: device ? { personName: device.personName, name: device.name } : null,
          };
        }),
      };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Importing the sync file') };
    }
  }

  reconnect(): void {
    this.#engine.disconnect();
    this.#engine.connect();
  }

  /** Seals and stores everything waiting. */
  flush(): Promise<void> {
    return this.#engine.flush();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const stop of this.#stops) stop();
    this.#reader.dispose();
    this.sync.dispose();
    await this.#engine.close();
  }

  // ---- internals ------------------------------------------------------------------------------

  #rotate(
    reason: RotationRecord['reason'],
    removeDeviceIds: string[],
    removePersonIds: string[] = [],
  ): ActionResult {
    const membership = this.#engine.membership();
    const signer = { workspaceId: this.workspaceId, person: this.#input.person };
    const written = rotatePairKey({
      engine: this.#engine,
      identity: this.#input.device,
      personId: this.me.personId,
      reason,
      removeDeviceIds,
      removePersonIds,
      roster: this.#roster(),
      // The chain is what every device derives who is out from: its removals go in with the record.
      ...(membership
        ? {
            alsoWrite: (removed: { deviceIds: readonly string[]; personIds: readonly string[] }) =>
              writeChain(this.doc, removalRecords(membership, { ...signer, ...removed })),
          }
        : {}),
    });
    return written.ok ? { ok: true } : { ok: false, message: rotationMessage(written.code) };
  }

  async #saveTrust(input: { partnerPersonId: string; verified: boolean }): Promise<ActionResult> {
    const others = this.#members(this.doc)
      .map((person) => person.personId)
      .filter((personId) => personId !== this.me.personId);
    const trust: PartnerTrust = {
      ...input,
      seen: [...new Set([...(this.#trust?.seen ?? []), ...others])],
    };
    try {
      await this.#input.saveTrust(trust);
      this.#trust = trust;
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Saving the verification') };
    }
  }

  /** Once the pair's doc is here: settle an invite join, add me, register this device. */
  #watchDoc(): void {
    let member = false;
    const onChange = () => {
      if (this.kind === 'notes') {
        this.#registerThisDevice();
        return;
      }
      if (schemaStanding(this.doc) === 'absent') return;
      if (this.membership.kind === 'joining') this.#settleInvite();
      // A revocation (or another person's use) that raced this device's use wins, whenever it
      // arrives: the joiner leaves rather than stay on a key the pair has moved away from.
      if (this.membership.kind === 'member' && this.#input.pendingInvite) this.#recheckInvite();
      if (this.membership.kind !== 'member') return;
      if (!member) {
        const pending = this.#input.pendingInvite;
        ensureMember(this.doc, this.me, pending ? { inviteId: pending.inviteId } : {});
        member = true;
      }
      this.#registerThisDevice();
      this.#rememberFirstPartner();
    };
    this.doc.on('update', onChange);
    this.#stops.push(() => this.doc.off('update', onChange));
    this.#stops.push(this.#engine.status.subscribe(onChange));
  }

  /**
   * Settles a join by invite against the pair's own record, once this device holds everything
   * the relay has (a revocation may travel in a later blob than the invite it revokes).
   */
  #settleInvite(): void {
    const pending = this.#input.pendingInvite;
    if (!pending) {
      this.membership = { kind: 'member' };
      return;
    }
    const status = this.#engine.status.get();
    if (status.connection !== 'synced' || status.gaps.length > 0) return;
    const standing = this.#standing(pending.inviteId);
    if (standing === 'unknown') return;
    if (standing === 'open') {
      const used = markInviteUsed(this.doc, {
        inviteId: pending.inviteId,
        personId: this.me.personId,
        at: new Date().toISOString(),
      });
      if (used.ok) {
        this.membership = { kind: 'member' };
        this.#input.onJoined();
        return;
      }
    }
    this.#refuse(standing === 'open' ? 'used' : standing);
  }

  #recheckInvite(): void {
    const pending = this.#input.pendingInvite;
    if (!pending) return;
    const standing = this.#standing(pending.inviteId);
    if (standing !== 'revoked' && standing !== 'used') return;
    // Already a member: say so, but keep what this device holds (a mark written by someone
    // else must not delete it); the pair moves on without this device.
    this.membership = { kind: 'refused', message: refusalMessage(standing) };
    notices.show('error', refusalMessage(standing));
  }

  #standing(inviteId: string): InviteStanding {
    return inviteStanding(this.doc, { inviteId, personId: this.me.personId, now: new Date() });
  }

  #refuse(standing: Exclude<InviteStanding, 'open' | 'unknown'>): void {
    const message = refusalMessage(standing);
    this.membership = { kind: 'refused', message };
    this.#input.onRefused(message);
  }

  #registerThisDevice(): void {
    const { device, person } = this.#input;
    const deviceName = this.#deviceName;
    const entry = findDevice(this.doc, device.deviceId);
    const now = new Date();
    const fresh =
      entry &&
      entry.name === deviceName &&
      entry.personId === person.personId &&
      now.getTime() - Date.parse(entry.lastSeenAt) < LAST_SEEN_EVERY_MS;
    if (fresh || entry?.removedAt) return;
    const at = now.toISOString();
    registerDevice(this.doc, {
      deviceId: device.deviceId,
      personId: person.personId,
      name: deviceName,
      boxPublicKey: toBase64Url(device.box.publicKey),
      certificate: certifyDevice({ person, device }),
      addedAt: entry?.addedAt ?? at,
      lastSeenAt: at,
    });
  }

  /** Trust on first use: the first partner key seen is the one later keys are compared with. */
  #rememberFirstPartner(): void {
    if (this.#trust) return;
    const partner = this.#members(this.doc).find((person) => person.personId !== this.me.personId);
    if (!partner) return;
    this.#trust = { partnerPersonId: partner.personId, verified: false, seen: [partner.personId] };
    this.#input
      .saveTrust(this.#trust)
      .catch((error: unknown) => reportError(error, 'Remembering your partner’s key'));
  }

  #onRotation(event: RotationEvent): void {
    if (event.kind === 'removed') {
      this.membership = { kind: 'removed', at: event.record.at };
      return;
    }
    notices.show(
      'info',
      event.record.reason === 'invite-revoked'
        ? 'The invite was revoked: the pair now uses a new key.'
        : 'A device left the pair: the pair now uses a new key it cannot read.',
    );
  }
}

function rotationMessage(code: RotatePairKeyError): string {
  return code === 'OFFLINE'
    ? 'This needs a connection to the relay, so every device of the pair moves to the new key together. Connect and try again.'
    : 'The pair is already moving to a new key. Try again in a moment.';
}

function refusalMessage(standing: Exclude<InviteStanding, 'open' | 'unknown'>): string {
  switch (standing) {
    case 'revoked':
      return 'This invite no longer works: it was revoked, or the pair has since moved to a new key. Ask for a new one.';
    case 'used':
      return 'This invite has already been used by someone else. Ask for a new one.';
    case 'expired':
      return 'This invite has expired. Ask for a new one.';
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
