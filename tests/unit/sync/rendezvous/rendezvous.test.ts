// A rendezvous without a relay: entries seal and open only under the link's key, and the
// rendezvous delivers its own messages, once each, to every listener, history first.
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deriveRendezvousKey, readyCrypto } from '$lib/crypto';
import { createManualClock } from '$lib/sync';
import {
  MAX_RENDEZVOUS_ENTRY_BYTES,
  MAX_RENDEZVOUS_MESSAGE_BYTES,
  openRendezvous,
  openRendezvousEntry,
  RendezvousClosedError,
  sealRendezvousEntry,
} from '$lib/sync/rendezvous';
import { seededBytes } from '../deviceLink/deviceLinkFixture';

beforeAll(readyCrypto);

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (value: string) => new TextEncoder().encode(value);

describe('sealRendezvousEntry / openRendezvousEntry', () => {
  it('opens under the same key only, and never for tampered or oversized entries', () => {
    const key = deriveRendezvousKey(seededBytes('rdv', 1, 32));
    const otherKey = deriveRendezvousKey(seededBytes('rdv', 2, 32));
    const entry = sealRendezvousEntry({ key, message: bytesOf('hello') });
    expect(entry).toHaveLength(5 + 40);
    expect(text(openRendezvousEntry({ key, entry })!)).toBe('hello');
    expect(openRendezvousEntry({ key: otherKey, entry })).toBeUndefined();
    for (let at = 0; at < entry.length; at += 1) {
      const tampered = entry.slice();
      tampered[at]! ^= 0x80;
      expect(openRendezvousEntry({ key, entry: tampered })).toBeUndefined();
    }
    for (const garbage of [undefined, 'text', new Uint8Array(39), new Uint8Array(100), [1, 2]]) {
      expect(openRendezvousEntry({ key, entry: garbage })).toBeUndefined();
    }
    const largest = sealRendezvousEntry({
      key,
      message: new Uint8Array(MAX_RENDEZVOUS_MESSAGE_BYTES),
    });
    expect(largest).toHaveLength(MAX_RENDEZVOUS_ENTRY_BYTES);
    expect(openRendezvousEntry({ key, entry: largest })).toHaveLength(MAX_RENDEZVOUS_MESSAGE_BYTES);
    expect(openRendezvousEntry({ key, entry: new Uint8Array([...largest, 0]) })).toBeUndefined();
    expect(() =>
      sealRendezvousEntry({ key, message: new Uint8Array(MAX_RENDEZVOUS_MESSAGE_BYTES + 1) }),
    ).toThrow(RangeError);
  });
});

describe('openRendezvous (not connected)', () => {
  const open = () =>
    openRendezvous({
      secret: seededBytes('rdv', 3, 32),
      relay: { url: 'ws://127.0.0.1:9', connect: false, WebSocketPolyfill: WebSocket },
      clock: createManualClock(),
    });

  it('delivers its own messages to every listener, those already sent first', () => {
    const rendezvous = open();
    try {
      const first: string[] = [];
      const stopFirst = rendezvous.onMessage((message) => first.push(text(message)));
      rendezvous.send(bytesOf('one'));
      rendezvous.send(bytesOf('two'));
      const second: string[] = [];
      rendezvous.onMessage((message) => second.push(text(message)));
      expect(second).toEqual(['one', 'two']);
      stopFirst();
      rendezvous.send(bytesOf('three'));
      expect(first).toEqual(['one', 'two']);
      expect(second).toEqual(['one', 'two', 'three']);
      expect(rendezvous.status.get()).toEqual({ connection: 'offline', refused: null, ignored: 0 });
    } finally {
      rendezvous.close();
    }
  });

  it('clears, closes idempotently and refuses to send once closed', () => {
    const rendezvous = open();
    rendezvous.send(bytesOf('one'));
    rendezvous.clear();
    rendezvous.close();
    rendezvous.close();
    expect(() => rendezvous.send(bytesOf('late'))).toThrow(RendezvousClosedError);
    expect(() => open().close()).not.toThrow();
  });

  it('refuses a secret that is not 32 bytes', () => {
    expect(() =>
      openRendezvous({ secret: new Uint8Array(31), relay: { url: 'ws://x', connect: false } }),
    ).toThrow(RangeError);
  });
});
