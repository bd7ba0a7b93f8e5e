// Inviting the partner, both halves (PROTOCOL.md, "Invite (version 2)"). The link names a
// rendezvous room and the inviter's person key, and carries no workspace key. The joiner posts
// a request signed by its person key; both screens show a code the two compare by phone or in
// person; the inviter admits (a chain record, then the key sealed to the joiner's device) or
// declines. The room is read the same way on both sides (`judgeInviteRequests`), so a second
// requester closes the link for both, and whoever opens a used link later is told so and gets
// nothing else. Either side may be offline for days: the request and the answer wait in the room.
import { fromBase64Url, type DeviceIdentity, type PersonIdentity } from '$lib/crypto';
import {
  checkInviteOfferUsable,
  encodeInviteMessage,
  inviteClosedMessage,
  inviteConfirmationCode,
  judgeInviteRequests,
  openJoinGrant,
  parseInviteMessage,
  signJoinAnswer,
  signJoinRequest,
  type GrantBundle,
  type InviteClosedReason,
  type InviteMessage,
  type InviteOffer,
  type InviteRoomState,
  type JoinRequest,
} from '$lib/sync/invite';
import type { RelayOptions } from '$lib/sync/relay/connectRelay';
import { openRendezvous, type Rendezvous } from '$lib/sync/rendezvous';
import type { ActionResult } from '../actionResult';
import { describeError } from '../notices.svelte';
import { certifyDevice } from './deviceCertificate';

/** Someone asking to join through an invite, as the inviter sees them. */
export interface JoinCandidate {
  inviteId: string;
  name: string;
  role: JoinRequest['role'];
  timeZone: string;
  /** The code the joiner's screen shows too. */
  code: string;
}

/**
 * One room's messages, read into the state both sides agree on. What this device posts waits
 * until the room has synced with the relay once: posted earlier, it would come first in this
 * device's copy of the room, before what others posted long before (a stranger's request on a
 * used link then read as a second request, not as a used link).
 */
class InviteRoom {
  state = $state<InviteRoomState>({ state: 'none' });
  #offer: InviteOffer;
  #messages: InviteMessage[] = [];
  #rendezvous: Rendezvous;
  #stop: () => void;
  #stopStatus: () => void;
  #synced = false;
  #unsent: InviteMessage[] = [];

  constructor(offer: InviteOffer, relay: RelayOptions, onChange: () => void) {
    this.#offer = offer;
    this.#rendezvous = openRendezvous({ secret: offer.secret, relay });
    this.#stop = this.#rendezvous.onMessage((bytes) => {
      const parsed = parseInviteMessage(bytes);
      // Anyone with the link can post: what does not parse is ignored, as the judge ignores
      // what does not verify.
      if (!parsed.ok) return;
      this.#messages.push(parsed.message);
      this.state = judgeInviteRequests(this.#offer, this.#messages);
      onChange();
    });
    this.#stopStatus = this.#rendezvous.status.subscribe((status) => {
      if (this.#synced || status.connection !== 'synced') return;
      this.#synced = true;
      for (const message of this.#unsent.splice(0)) this.send(message);
    });
  }

  send(message: InviteMessage): void {
    if (this.#synced) this.#rendezvous.send(encodeInviteMessage(message));
    else this.#unsent.push(message);
  }

  clear(): void {
    this.#rendezvous.clear();
  }

  close(): void {
    this.#stop();
    this.#stopStatus();
    this.#rendezvous.close();
  }
}

/**
 * The inviter's side of one invite: watches its room while the link is open and answers the
 * request the person admits or declines.
 *
 * @example
 *   const watch = new InviteWatch({ offer, inviter: person, relay, onChange });
 *   if (watch.candidate) await watch.admit(() => bundleFor(watch.candidate));
 */
export class InviteWatch {
  readonly offer: InviteOffer;
  #inviter: PersonIdentity;
  #room: InviteRoom;
  #closing = false;
  #onChange: () => void;

  constructor(input: {
    offer: InviteOffer;
    inviter: PersonIdentity;
    relay: RelayOptions;
    /** Called whenever the room's state changes (the session re-reads `candidate`, `closed`). */
    onChange: () => void;
  }) {
    this.offer = input.offer;
    this.#inviter = input.inviter;
    this.#onChange = input.onChange;
    this.#room = new InviteRoom(input.offer, input.relay, () => this.#changed());
  }

  /** The request waiting for the person's answer, if one is. */
  get candidate(): JoinCandidate | undefined {
    const state = this.#room.state;
    if (state.state !== 'pending') return undefined;
    const { request, code } = state;
    return {
      inviteId: this.offer.inviteId,
      name: request.name,
      role: request.role,
      timeZone: request.timeZone,
      code,
    };
  }

  /** The request waiting, with its keys, for the admission records. */
  get request(): JoinRequest | undefined {
    const state = this.#room.state;
    return state.state === 'pending' ? state.request : undefined;
  }

  /** Why the link is done, once it is. */
  get closed(): InviteClosedReason | undefined {
    const state = this.#room.state;
    return state.state === 'closed' ? state.reason : undefined;
  }

  /**
   * Admits the waiting request: `admit` writes the chain records and answers what the grant
   * carries; then the grant, sealed to the joiner's device, and the link's closing are posted.
   */
  async admit(admit: (request: JoinRequest) => Promise<GrantBundle>): Promise<ActionResult> {
    const request = this.request;
    if (!request) return { ok: false, message: 'This request is no longer waiting.' };
    try {
      const bundle = await admit(request);
      this.#room.send(
        signJoinAnswer({
          offer: this.offer,
          inviter: this.#inviter,
          answer: { type: 'join-grant', request, bundle },
        }),
      );
      this.closeLink('used');
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Letting your partner in') };
    }
  }

  /** Turns the request down; the link closes with it (whoever asked has it, the partner may not). */
  decline(): void {
    const request = this.request;
    if (!request) return;
    this.#room.send(
      signJoinAnswer({
        offer: this.offer,
        inviter: this.#inviter,
        answer: { type: 'join-decline', request },
      }),
    );
    this.closeLink('revoked');
  }

  /** Tells whoever opens the link from now on that it is done, and why. */
  closeLink(reason: InviteClosedReason): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#room.send(
      signJoinAnswer({
        offer: this.offer,
        inviter: this.#inviter,
        answer: { type: 'join-closed', reason },
      }),
    );
  }

  stop(): void {
    this.#room.close();
  }

  #changed(): void {
    // A second requester closed the link: say so in the room too, so every screen agrees.
    if (this.closed === 'second-request') this.closeLink('second-request');
    this.#onChange();
  }
}

/** How long a join that ended stays in the link's room, so what it posted reaches the relay. */
const JOIN_LINGER_MS = 5_000;

/** What a join needs: the link's offer, who asks, and how to take the pair in. */
export interface JoinSessionInput {
  offer: InviteOffer;
  person: PersonIdentity;
  device: DeviceIdentity;
  name: string;
  timeZone: string;
  relay: RelayOptions;
  /** Stores and opens the pair the grant names. */
  adopt: (bundle: GrantBundle) => Promise<ActionResult>;
  /** Called once the request is refused for good (declined, link closed, failed). */
  onEnded?: () => void;
}

/** Where the joiner is. */
export type JoinStage = 'waiting' | 'admitted' | 'declined' | 'closed' | 'failed';

/**
 * The joiner's side: posts the request and waits, as long as it takes, for the answer.
 *
 * @example
 *   const join = new JoinSession({ offer, person, device, name, timeZone, relay, adopt });
 *   join.start();
 */
export class JoinSession {
  readonly offer: InviteOffer;
  stage = $state<JoinStage>('waiting');
  code = $state('');
  message = $state('');
  /** The pair this device was let into, once it was. */
  workspaceId = $state<string | null>(null);
  #input: JoinSessionInput;
  #request: JoinRequest;
  #room: InviteRoom | undefined;
  #adopting = false;

  constructor(input: JoinSessionInput) {
    this.offer = input.offer;
    this.#input = input;
    const certificate = fromBase64Url(
      certifyDevice({ person: input.person, device: input.device }),
    )!;
    // Deterministic signatures: the same request every time, so a resumed join is one request.
    this.#request = signJoinRequest({
      offer: input.offer,
      person: input.person,
      device: input.device,
      certificate,
      name: input.name,
      timeZone: input.timeZone,
    });
    this.code = inviteConfirmationCode(input.offer, this.#request);
  }

  /** Opens the room and posts the request (again, on a resumed join: it is the same one). */
  start(): void {
    if (this.#room) return;
    if (!checkInviteOfferUsable(this.offer, { now: Date.now() / 1000 }).ok) {
      this.#end('closed', inviteClosedMessage('expired'));
      return;
    }
    this.#room = new InviteRoom(this.offer, this.#input.relay, () => void this.#read());
    this.#room.send(this.#request);
  }

  close(): void {
    this.#room?.close();
    this.#room = undefined;
  }

  async #read(): Promise<void> {
    const room = this.#room;
    if (!room || this.stage !== 'waiting' || this.#adopting) return;
    const state = room.state;
    const me = this.#input.device.deviceId;
    const answer =
      state.state === 'answered' || state.state === 'closed' ? state.answer : undefined;
    if (answer?.type === 'join-grant' && answer.to === me) {
      this.#adopting = true;
      const opened = openJoinGrant({
        offer: this.offer,
        grant: answer,
        device: this.#input.device,
      });
      const adopted = opened.ok
        ? await this.#input.adopt(opened.bundle)
        : { ok: false as const, message: 'The answer could not be read. Ask for a new invite.' };
      this.#adopting = false;
      if (!adopted.ok) {
        this.#end('failed', adopted.message);
        return;
      }
      if (opened.ok) this.workspaceId = opened.bundle.workspaceId;
      this.stage = 'admitted';
      this.close();
      return;
    }
    if (answer?.type === 'join-decline' && answer.to === me) {
      this.#end('declined', inviteClosedMessage('declined'));
      return;
    }
    if (state.state === 'closed') this.#end('closed', inviteClosedMessage(state.reason));
  }

  #end(stage: Exclude<JoinStage, 'waiting' | 'admitted'>, message: string): void {
    // Nothing more will come: the request is not posted again after a restart.
    this.#input.onEnded?.();
    this.stage = stage;
    this.message = message;
    // Not at once: the request this device just posted may be what closed the link (a second
    // requester), and it is sent to the relay only after the room has read it. Left at once,
    // the inviter and the first requester would never learn the link is closed.
    const room = this.#room;
    this.#room = undefined;
    if (room) setTimeout(() => room.close(), JOIN_LINGER_MS);
  }
}
