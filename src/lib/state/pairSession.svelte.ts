import type * as Y from 'yjs';
import {
  computeSafetyCode,
  fromBase64Url,
  type BoxPublicKey,
  publicKeyOfDevice,
  toBase64Url,
  type DeviceIdentity,
  type PersonId,
  type PersonIdentity,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import type { PartnerTrust } from '$lib/store';
import type { SyncedWorkspace } from '$lib/sync/engine/openSyncedWorkspace';
import {
  buildInviteOfferLink,
  generateInviteOffer,
  type GrantBundle,
  type InviteOffer,
  type JoinRequest,
} from '$lib/sync/invite';
import type { RelayOptions } from '$lib/sync/relay/connectRelay';
import {
  findDevice,
  findPerson,
  inviteStanding,
  listDevices,
  listInvites,
  listPeople,
  markInviteUsed,
  readWorkspaceMeta,
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
  admitRecord,
  certifyLinkedDevice,
  certifyThisDevice,
  joinerDeviceRecord,
  removalRecords,
  writeChain,
} from './identity/pairChain';
import { InviteWatch, type JoinCandidate } from './identity/pairInvites.svelte';
import { rosterOf, type PairRoster } from './identity/pairRoster';
import {
  canRotate,
  chooseRotation,
  followRotations,
  rotatePairKey,
  type RotatePairKeyError,
  type RotationEvent,
} from './identity/pairRotation';
import { watchPeriodicRotation } from './identity/periodicRotation';
import { assessPartner, type PartnerView } from './identity/partnerView';
import { describeError, notices, reportError } from './notices.svelte';
import type { ActionResult, Profile } from './actionResult';
import { SyncStatusState } from './syncStatusState.svelte';

const NOW_TICK_MS = 30_000;
/** How long an answered invite's room stays open so the answer reaches the relay. */
const OFFER_LINGER_MS = 10_000;
/** How long letting a returning partner in waits for the pair to move to its new key. */
const MOVE_TIMEOUT_MS = 60_000;
/** Said when a pair made before the membership chain is asked to let someone in. */
const LEGACY_PAIR_MESSAGE =
  'This pair was made with an older version of Trellis and cannot let anyone new in. Export its record, then start a new pair.';
/** A device refreshes its own "last seen" in the pair at most this often (each write is a blob). */
const LAST_SEEN_EVERY_MS = 60 * 60 * 1000;

/** Where this device stands in the pair. */
export type Membership =
  | { kind: 'member' }
  /** Admitted by invite; waiting for the pair's chain to count this person. */
  | { kind: 'joining' }
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
  /** The invites this device offered in this pair and still watches (kept in the profile). */
  offers: {
    list(): InviteOffer[];
    save(offer: InviteOffer): Promise<void>;
    drop(inviteId: string): Promise<void>;
  };
  /** Where invite links point, and the relay their rooms use. */
  origin: string;
  relay: RelayOptions;
  /** This device was just admitted by an invite: it joins once the chain counts its person. */
  joining?: boolean;
  /** Called once this device, admitted by an invite, is a member. */
  onJoined: () => void;
}

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
  /** The rooms of invites this device offered and still watches, by invite id. */
  #watches = new Map<string, InviteWatch>();
  /** Bumped whenever a watched room changes, so `joinRequests` re-reads. */
  #offersVersion = $state(0);
  #revokedEarly = new Set<string>();

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
    if (input.joining) this.membership = { kind: 'joining' };
    this.#watchDoc();
    for (const offer of input.offers.list()) this.#watchOffer(offer);
    this.#stops.push(
      followRotations({
        engine: input.engine,
        identity: input.device,
        personId: input.me.personId,
        onEvent: (event) => this.#onRotation(event),
      }),
      watchPeriodicRotation({
        engine: input.engine,
        identity: input.device,
        personId: input.me.personId,
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
    return rosterOf(this.#engine, this.me.personId);
  }

  /** Runs `query` on the doc; inside `$derived` or a template it re-runs on every change. */
  read<T>(query: (doc: Y.Doc) => T): T {
    return this.#reader.read(query);
  }

  /**
   * A pair from before the membership chain (its members are the devices this one stored): it
   * syncs on, but admits nobody new (see LEGACY_PAIR_MESSAGE).
   */
  get legacy(): boolean {
    return this.kind === 'pair' && this.#engine.membership() === undefined;
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

  /**
   * Offers a new invite: records it in the pair and answers its link, which names a rendezvous
   * room and this person's key, and carries no key to the pair. The request it brings is
   * admitted (or declined) by `admitJoin` once the person compared the code.
   */
  async createInvite(): Promise<ActionResult<{ link: string }>> {
    if (this.kind === 'notes') return { ok: false, message: 'Private notes have no invites.' };
    if (this.legacy) return { ok: false, message: LEGACY_PAIR_MESSAGE };
    const offer = generateInviteOffer({
      inviterPersonId: this.me.personId as PersonId,
      inviterRole: this.me.role,
      now: Date.now() / 1000,
    });
    try {
      await this.#input.offers.save(offer);
      const recorded = recordInvite(this.doc, {
        inviteId: offer.inviteId,
        createdBy: this.me.personId,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(offer.expiresAt * 1000).toISOString(),
      });
      if (!recorded.ok) return { ok: false, message: 'The invite could not be recorded.' };
      this.#watchOffer(offer);
      return { ok: true, link: buildInviteOfferLink(this.#input.origin, offer) };
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

  /** People asking to join through this device's open invites, and links closed (reactive). */
  joinRequests(): { candidates: JoinCandidate[]; closedEarly: string[] } {
    void this.#offersVersion;
    const watches = [...this.#watches.values()];
    return {
      candidates: watches.flatMap((watch) => (watch.candidate ? [watch.candidate] : [])),
      closedEarly: watches
        .filter((watch) => watch.closed === 'second-request')
        .map((watch) => watch.offer.inviteId),
    };
  }

  /**
   * Lets in the person waiting on `inviteId`, after the two compared the code: records them
   * in the chain (with the device they asked from), lists them in the pair, and seals the pair's
   * key to that device. A partner coming back under a new key takes the place of their old one,
   * whose devices the pair moves away from first.
   */
  async admitJoin(inviteId: string): Promise<ActionResult> {
    const watch = this.#watches.get(inviteId);
    const request = watch?.request;
    const membership = this.#engine.membership();
    if (!watch || !request) return { ok: false, message: 'This request is no longer waiting.' };
    if (!membership) return { ok: false, message: LEGACY_PAIR_MESSAGE };
    const holder = [...membership.persons].find(
      ([personId, person]) => person.role === request.role && personId !== request.personId,
    )?.[0];
    if (holder) {
      const moved = await this.#rotateAndWait('person-left', [], [holder]);
      if (!moved.ok) return moved;
    }
    if (this.moving) return { ok: false, message: rotationMessage('ROTATION_PENDING') };
    const admitted = await watch.admit(async (joiner) => this.#admit(joiner));
    if (admitted.ok) await this.#dropOffer(inviteId);
    return admitted;
  }

  /** Turns down the request waiting on `inviteId` (it is not the partner's); the link closes. */
  async declineJoin(inviteId: string): Promise<void> {
    this.#watches.get(inviteId)?.decline();
    revokeInvite(this.doc, { inviteId, at: new Date().toISOString() });
    await this.#dropOffer(inviteId);
  }

  /**
   * Revokes an unused invite: it is marked revoked and its room told, so whoever opens the link
   * is refused. The link never held a key, so the pair needs no new one.
   */
  async revokeInvite(inviteId: string): Promise<ActionResult> {
    const revoked = revokeInvite(this.doc, { inviteId, at: new Date().toISOString() });
    if (!revoked.ok) return { ok: false, message: 'This invite was already used or is unknown.' };
    this.#watches.get(inviteId)?.closeLink('revoked');
    await this.#dropOffer(inviteId);
    return { ok: true };
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
    const possible = canRotate(this.#engine, this.me.personId);
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
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches.clear();
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

  /**
   * Once this person is a member (the chain counts them): add me to the people, register this
   * device, remember the partner. A device admitted by invite is joining until then; one whose
   * person the chain removed is out.
   */
  #watchDoc(): void {
    let listed = false;
    const onChange = () => {
      if (this.kind === 'notes') {
        this.#registerThisDevice();
        return;
      }
      if (schemaStanding(this.doc) === 'absent' && !this.#engine.membership()?.rootFound) return;
      const membership = this.#engine.membership();
      const counted = !membership || membership.persons.has(this.me.personId as PersonId);
      if (this.membership.kind === 'joining' && counted) {
        this.membership = { kind: 'member' };
        this.#input.onJoined();
      }
      if (this.membership.kind !== 'member' || !counted) return;
      if (!listed) {
        ensureMember(this.doc, this.me);
        listed = true;
      }
      this.#registerThisDevice();
      this.#rememberFirstPartner();
    };
    this.doc.on('update', onChange);
    this.#stops.push(() => this.doc.off('update', onChange));
    this.#stops.push(this.#engine.status.subscribe(onChange));
    this.#stops.push(this.#engine.onMembership(onChange));
  }

  /** Watches the room of an invite this device offered, while the invite is open. */
  #watchOffer(offer: InviteOffer): void {
    if (this.#watches.has(offer.inviteId)) return;
    const standing = inviteStanding(this.doc, {
      inviteId: offer.inviteId,
      personId: '',
      now: new Date(),
    });
    if (standing !== 'open' && standing !== 'unknown') {
      void this.#dropOffer(offer.inviteId);
      return;
    }
    const watch = new InviteWatch({
      offer,
      inviter: this.#input.person,
      relay: this.#input.relay,
      onChange: () => {
        this.#offersVersion += 1;
        // Someone else has the link too: it is closed in the pair's list as well.
        if (watch.closed === 'second-request' && !this.#revokedEarly.has(offer.inviteId)) {
          this.#revokedEarly.add(offer.inviteId);
          revokeInvite(this.doc, { inviteId: offer.inviteId, at: new Date().toISOString() });
        }
      },
    });
    this.#watches.set(offer.inviteId, watch);
    this.#offersVersion += 1;
  }

  async #dropOffer(inviteId: string): Promise<void> {
    const watch = this.#watches.get(inviteId);
    this.#watches.delete(inviteId);
    this.#offersVersion += 1;
    // Give the room a moment to carry the last answer before leaving it.
    if (watch) setTimeout(() => watch.stop(), OFFER_LINGER_MS);
    await this.#input.offers.drop(inviteId).catch((error: unknown) => {
      reportError(error, 'Forgetting a finished invite');
    });
  }

  /**
   * The chain records and listing of an admitted joiner, in one transaction, and what the grant
   * carries.
   */
  async #admit(joiner: JoinRequest): Promise<GrantBundle> {
    const membership = this.#engine.membership();
    const root = membership ? fromBase64Url(membership.root) : undefined;
    if (!membership || !root) throw new Error(LEGACY_PAIR_MESSAGE);
    const signer = { workspaceId: this.workspaceId, person: this.#input.person };
    const admission = admitRecord(membership, {
      ...signer,
      personId: joiner.personId,
      role: joiner.role,
    });
    const device = joinerDeviceRecord({ ...signer, parents: [admission.hash], joiner });
    const inviteId = this.#inviteOf(joiner);
    // Revoked meanwhile (on another device of this person): nobody is let in through it.
    const standing = inviteStanding(this.doc, { inviteId, personId: '', now: new Date() });
    if (standing !== 'open' && standing !== 'unknown') {
      throw Object.assign(new Error('invite closed'), {
        userMessage: 'This invite was revoked or has expired meanwhile. Make a new one.',
      });
    }
    this.doc.transact(() => {
      writeChain(this.doc, [admission, device]);
      markInviteUsed(this.doc, {
        inviteId,
        personId: joiner.personId,
        at: new Date().toISOString(),
      });
      // A partner back under a new key takes the old entry's place (this device's invite lets
      // them), so the safety code, the key-change warning and the device list name them.
      ensureMember(
        this.doc,
        {
          personId: joiner.personId,
          name: joiner.name,
          role: joiner.role,
          timeZone: joiner.timeZone,
        },
        { inviteId },
      );
    });
    // The records must be on the relay before the joiner looks for them.
    await this.#engine.flush();
    const title = readWorkspaceMeta(this.doc)?.title;
    return {
      workspaceId: this.workspaceId as WorkspaceId,
      epoch: this.#engine.status.get().epoch,
      workspaceKey: this.#engine.key().slice() as WorkspaceKey,
      chainRootHash: root,
      inviterDeviceId: this.#input.device.deviceId,
      ...(title ? { pairTitle: title } : {}),
    };
  }

  #inviteOf(joiner: JoinRequest): string {
    for (const [inviteId, watch] of this.#watches) if (watch.request === joiner) return inviteId;
    return '';
  }

  /** Writes a rotation and waits until this device has moved to the new epoch. */
  async #rotateAndWait(
    reason: RotationRecord['reason'],
    removeDeviceIds: string[],
    removePersonIds: string[],
  ): Promise<ActionResult> {
    const before = this.#engine.status.get().epoch;
    const rotated = this.#rotate(reason, removeDeviceIds, removePersonIds);
    if (!rotated.ok) return rotated;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve({ ok: false, message: 'The pair did not move to its new key in time. Try again.' });
      }, MOVE_TIMEOUT_MS);
      const stop = this.#engine.status.subscribe((status) => {
        if (status.epoch <= before) return;
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve({ ok: true });
      });
    });
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
    // A routine move to a fresh key changes nothing anyone sees: nothing to tell.
    if (event.record.reason === 'periodic') return;
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
