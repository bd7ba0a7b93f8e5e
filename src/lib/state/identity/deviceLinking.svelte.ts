// Linking a second device of the same person, both halves. The old device shows a link (and
// QR) naming a rendezvous room; the new device posts its signed public keys there; the person
// confirms on the old device that both screens show the same code; the old device posts the
// person key, profile and workspace keys sealed to the new device's box key and signed by itself.
// The relay sees ciphertext in a room it cannot tie to anything, and the link expires in minutes.
import type { DeviceIdentity } from '$lib/crypto';
import {
  buildDeviceLinkUrl,
  checkDeviceLinkUsable,
  deviceLinkErrorMessage,
  encodeLinkMessage,
  generateDeviceLinkOffer,
  linkConfirmationCode,
  openLinkGrant,
  parseLinkMessage,
  readDeviceLinkFromUrl,
  signLinkGrant,
  signLinkRequest,
  verifyLinkRequest,
  type DeviceLinkOffer,
  type LinkBundle,
  type LinkRequest,
} from '$lib/sync/deviceLink';
import { openRendezvous, type Rendezvous } from '$lib/sync/rendezvous';
import type { RelayOptions } from '$lib/sync/relay/connectRelay';
import type { ActionResult } from '../actionResult';
import { describeError } from '../notices.svelte';

/** A new device asking to be linked, as the old device shows it. */
export interface LinkCandidate {
  deviceId: string;
  deviceName: string;
  /** The code the new device shows too. */
  code: string;
}

/**
 * The old device's side: the link to show and the requests that arrive on it.
 *
 * @example
 *   const offer = new LinkOfferSession({ identity, relay, origin, bundle: () => app.linkBundle() });
 *   await offer.confirm(offer.requests[0].deviceId);
 */
export class LinkOfferSession {
  readonly link: string;
  readonly expiresAt: Date;
  stage = $state<'waiting' | 'granted' | 'expired'>('waiting');
  requests = $state<LinkCandidate[]>([]);
  /** Why the link was closed early, for the person. */
  warning = $state('');
  #offer: DeviceLinkOffer;
  #identity: DeviceIdentity;
  #rendezvous: Rendezvous;
  #pending = new Map<string, LinkRequest>();
  #declined = new Set<string>();
  #bundle: () => Promise<LinkBundle>;
  #timer: ReturnType<typeof setTimeout>;
  #stop: () => void;

  #onGranted: (request: LinkRequest) => void;

  constructor(input: {
    identity: DeviceIdentity;
    relay: RelayOptions;
    origin: string;
    bundle: () => Promise<LinkBundle>;
    /** Called once the grant is sent, with the new device's request. */
    onGranted?: (request: LinkRequest) => void;
  }) {
    this.#identity = input.identity;
    this.#bundle = input.bundle;
    this.#onGranted = input.onGranted ?? (() => {});
    this.#offer = generateDeviceLinkOffer({
      offeringDeviceId: input.identity.deviceId,
      now: Date.now() / 1000,
    });
    this.link = buildDeviceLinkUrl(input.origin, this.#offer);
    this.expiresAt = new Date(this.#offer.expiresAt * 1000);
    this.#rendezvous = openRendezvous({ secret: this.#offer.secret, relay: input.relay });
    this.#stop = this.#rendezvous.onMessage((bytes) => this.#onMessage(bytes));
    this.#timer = setTimeout(() => this.#expire(), this.expiresAt.getTime() - Date.now());
  }

  /** Sends the new device everything it needs. */
  async confirm(deviceId: string): Promise<ActionResult> {
    const request = this.#pending.get(deviceId);
    if (!request || this.stage !== 'waiting') {
      return { ok: false, message: 'This request is no longer waiting.' };
    }
    try {
      const grant = signLinkGrant({
        secret: this.#offer.secret,
        identity: this.#identity,
        request,
        bundle: await this.#bundle(),
      });
      this.#rendezvous.send(encodeLinkMessage(grant));
      this.stage = 'granted';
      this.requests = [];
      this.#onGranted(request);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeError(error, 'Linking the device') };
    }
  }

  /** Refuses a request that is not the person's own device. */
  decline(deviceId: string): void {
    const request = this.#pending.get(deviceId);
    if (!request) return;
    this.#declined.add(deviceId);
    this.#pending.delete(deviceId);
    this.requests = this.requests.filter((item) => item.deviceId !== deviceId);
    this.#rendezvous.send(encodeLinkMessage({ type: 'decline', to: request.deviceId }));
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#stop();
    this.#rendezvous.close();
  }

  #onMessage(bytes: Uint8Array): void {
    const message = parseLinkMessage(bytes);
    if (message?.type !== 'request' || this.stage !== 'waiting') return;
    // The timer may fire late after the device slept: the link's own expiry is what counts.
    if (!checkDeviceLinkUsable(this.#offer, { now: Date.now() / 1000 }).ok) {
      this.#expire();
      return;
    }
    if (this.#pending.has(message.deviceId) || this.#declined.has(message.deviceId)) return;
    if (message.deviceId === this.#identity.deviceId) return;
    if (!verifyLinkRequest(this.#offer.secret, message)) return;
    if (this.#pending.size > 0) {
      // A second device asks: whoever holds the link (a photo of the QR code) may have ground a
      // key whose code matches the real one. Safer to start again than to ask which is which.
      this.warning =
        'Two devices asked to link with this code, so it was closed for safety. Make sure only your new device sees the next one, and start again.';
      this.requests = [];
      this.#pending.clear();
      this.#expire();
      return;
    }
    this.#pending.set(message.deviceId, message);
    this.requests = [
      ...this.requests,
      {
        deviceId: message.deviceId,
        deviceName: message.deviceName,
        code: linkConfirmationCode(this.#offer.secret, message.deviceId),
      },
    ];
  }

  #expire(): void {
    if (this.stage === 'waiting') this.stage = 'expired';
    this.close();
  }
}

/** Where the new device is in linking. */
export type LinkRequestStage = 'ready' | 'waiting' | 'linked' | 'declined' | 'failed';

/**
 * The new device's side: opens the link's room, asks, and waits for the grant.
 *
 * @example
 *   const request = LinkRequestSession.fromUrl(location.href, { identity, relay, adopt });
 *   if (request.ok) await request.session.start('Phone');
 */
export class LinkRequestSession {
  stage = $state<LinkRequestStage>('ready');
  code = $state<string | null>(null);
  message = $state('');
  #offer: DeviceLinkOffer;
  #identity: DeviceIdentity;
  #relay: RelayOptions;
  #adopt: (bundle: LinkBundle) => Promise<ActionResult>;
  #rendezvous: Rendezvous | undefined;
  #stop: (() => void) | undefined;

  private constructor(input: {
    offer: DeviceLinkOffer;
    identity: DeviceIdentity;
    relay: RelayOptions;
    adopt: (bundle: LinkBundle) => Promise<ActionResult>;
  }) {
    this.#offer = input.offer;
    this.#identity = input.identity;
    this.#relay = input.relay;
    this.#adopt = input.adopt;
  }

  /** Reads the link; a broken or expired one answers a sentence for people. */
  static fromUrl(
    url: string,
    input: {
      identity: DeviceIdentity;
      relay: RelayOptions;
      adopt: (bundle: LinkBundle) => Promise<ActionResult>;
    },
  ): ActionResult<{ session: LinkRequestSession }> {
    const parsed = readDeviceLinkFromUrl(url);
    if (!parsed.ok) return { ok: false, message: deviceLinkErrorMessage(parsed.code) };
    const usable = checkDeviceLinkUsable(parsed.offer, { now: Date.now() / 1000 });
    if (!usable.ok) return { ok: false, message: deviceLinkErrorMessage(usable.code) };
    return { ok: true, session: new LinkRequestSession({ offer: parsed.offer, ...input }) };
  }

  /** Posts this device's request under `deviceName` and waits for the other device. */
  start(deviceName: string): void {
    if (this.stage === 'waiting' || this.stage === 'linked') return;
    this.#rendezvous ??= openRendezvous({ secret: this.#offer.secret, relay: this.#relay });
    this.#stop ??= this.#rendezvous.onMessage((bytes) => void this.#onMessage(bytes));
    this.code = linkConfirmationCode(this.#offer.secret, this.#identity.deviceId);
    this.#rendezvous.send(
      encodeLinkMessage(
        signLinkRequest({ secret: this.#offer.secret, identity: this.#identity, deviceName }),
      ),
    );
    this.stage = 'waiting';
    this.message = '';
  }

  close(): void {
    this.#stop?.();
    this.#rendezvous?.close();
  }

  async #onMessage(bytes: Uint8Array): Promise<void> {
    const message = parseLinkMessage(bytes);
    if (!message || this.stage !== 'waiting') return;
    if (message.type === 'decline' && message.to === this.#identity.deviceId) {
      this.stage = 'declined';
      this.message = 'Your other device said this request was not yours. Nothing was shared.';
      return;
    }
    if (message.type !== 'grant' || message.to !== this.#identity.deviceId) return;
    const opened = openLinkGrant({ offer: this.#offer, grant: message, identity: this.#identity });
    // Anyone who saw the link can post a grant; only one signed by the offering device counts,
    // so a forged one is ignored rather than allowed to end the linking.
    if (!opened.ok && opened.code !== 'GRANT_UNREADABLE') return;
    if (!opened.ok) {
      this.stage = 'failed';
      this.message = 'The answer from your other device could not be read. Start again there.';
      return;
    }
    const adopted = await this.#adopt(opened.bundle);
    if (!adopted.ok) {
      this.stage = 'failed';
      this.message = adopted.message;
      return;
    }
    this.stage = 'linked';
    // The room's ciphertext has served its purpose: ask the relay to drop it.
    this.#rendezvous?.clear();
    this.close();
  }
}
