// A rendezvous is a short-lived relay room that two devices find through a secret only a link
// carries (a device link today). It is an ordinary outer doc of opaque entries synced by the
// same relay client as a pair's room, so the relay cannot tell it from one: the room id and
// token are derived from the secret as from an epoch key, and every entry is sealed under a third
// subkey. Whoever else reaches the room (a wrong secret cannot; the relay can only drop or
// repeat entries) gets ignored entries, counted, never an exception: the link protocol on top
// parses every message as hostile anyway.
import * as Y from 'yjs';
import {
  AEAD_NONCE_BYTES,
  deriveRelayToken,
  deriveRendezvousKey,
  deriveRoomId,
  isBytes,
  toBase64Url,
  type WorkspaceKey,
} from '$lib/crypto';
import { systemClock, type Clock } from '../clock/clock';
import { connectRelay, type RelayOptions, type RelayState } from '../relay/connectRelay';
import type { Observable } from '../status/syncStatus';
import { openRendezvousEntry, sealRendezvousEntry } from './rendezvousEntry';

/** The name of the room's one array of entries. */
export const RENDEZVOUS_MESSAGES_NAME = 'messages';

/** Most entries a rendezvous reads; a flood beyond this is ignored (and counted). */
export const MAX_RENDEZVOUS_ENTRIES = 256;

/** What a rendezvous reports: the relay connection, and how many entries it ignored. */
export interface RendezvousStatus extends RelayState {
  /** Entries that did not open (wrong key, tampered, oversized), repeated, or over the limit. */
  ignored: number;
}

/** An open rendezvous. */
export interface Rendezvous {
  /** Seals `message` and posts it to the room (kept locally until the relay is reached). */
  send(message: Uint8Array): void;
  /** Calls listener for every authentic message, those already there first (including own). */
  onMessage(listener: (message: Uint8Array) => void): () => void;
  readonly status: Observable<RendezvousStatus>;
  /** Deletes every entry from the room, so the relay keeps no ciphertext once the link is done. */
  clear(): void;
  /** Leaves the room; idempotent. */
  close(): void;
}

/** `send` or `clear` on a closed rendezvous: a programming error in the caller. */
export class RendezvousClosedError extends Error {
  override readonly name = 'RendezvousClosedError';
}

function createStatus(initial: RendezvousStatus) {
  let value = initial;
  const listeners = new Set<(value: RendezvousStatus) => void>();
  return {
    get: () => value,
    subscribe(listener: (value: RendezvousStatus) => void) {
      listeners.add(listener);
      listener(value);
      return () => void listeners.delete(listener);
    },
    update(patch: Partial<RendezvousStatus>) {
      const next = { ...value, ...patch };
      const same =
        next.connection === value.connection &&
        next.refused === value.refused &&
        next.ignored === value.ignored;
      if (same) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
  };
}

/**
 * Joins the rendezvous room of `secret` (32 bytes) on the relay.
 *
 * @example
 *   const rendezvous = openRendezvous({ secret: offer.secret, relay: { url } });
 *   const stop = rendezvous.onMessage((bytes) => handle(parseLinkMessage(bytes)));
 *   rendezvous.send(encodeLinkMessage(request));
 * @throws RangeError if `secret` is not 32 bytes; CryptoNotReadyError before `readyCrypto()`.
 */
export function openRendezvous(input: {
  secret: Uint8Array;
  relay: RelayOptions;
  clock?: Clock;
}): Rendezvous {
  if (!isBytes(input.secret, 32)) throw new RangeError('openRendezvous: secret must be 32 bytes');
  const secret = input.secret as WorkspaceKey;
  const key = deriveRendezvousKey(secret);
  const doc = new Y.Doc();
  const messages = doc.getArray<unknown>(RENDEZVOUS_MESSAGES_NAME);
  const status = createStatus({ connection: 'offline', refused: null, ignored: 0 });
  const delivered: Uint8Array[] = [];
  const listeners = new Set<(message: Uint8Array) => void>();
  const seenNonces = new Set<string>();
  let seenEntries = 0;
  let closed = false;

  const ignore = () => status.update({ ignored: status.get().ignored + 1 });
  const receive = (entry: unknown) => {
    seenEntries += 1;
    if (seenEntries > MAX_RENDEZVOUS_ENTRIES) return ignore();
    const message = openRendezvousEntry({ key, entry });
    if (!message || !isBytes(entry)) return ignore();
    // The relay (or anyone with the token) can repeat an entry; a message is delivered once.
    const nonce = toBase64Url(entry.subarray(0, AEAD_NONCE_BYTES));
    if (seenNonces.has(nonce)) return ignore();
    seenNonces.add(nonce);
    delivered.push(message);
    for (const listener of [...listeners]) listener(message);
  };
  messages.observe((event) => {
    for (const change of event.delta) {
      if (Array.isArray(change.insert)) for (const entry of change.insert) receive(entry);
    }
  });

  const relay = connectRelay({
    outerDoc: doc,
    roomId: deriveRoomId(secret),
    relayToken: deriveRelayToken(secret),
    clock: input.clock ?? systemClock,
    options: input.relay,
    onState: (state) => status.update({ connection: state.connection, refused: state.refused }),
  });

  return {
    send(message) {
      if (closed) throw new RendezvousClosedError('send on a closed rendezvous');
      messages.push([sealRendezvousEntry({ key, message })]);
    },
    onMessage(listener) {
      for (const message of [...delivered]) listener(message);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    status,
    clear() {
      if (closed) throw new RendezvousClosedError('clear on a closed rendezvous');
      messages.delete(0, messages.length);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      relay.destroy();
      doc.destroy();
    },
  };
}
