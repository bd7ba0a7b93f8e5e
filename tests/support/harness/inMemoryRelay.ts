// An in-memory relay for the convergence harness: one outer Y.Doc per room, like
// @y/websocket-server, and a queue of in-flight Yjs updates between device outer docs and rooms
// whose delivery the test controls (deliver in any order, duplicate, drop). A device that goes
// offline loses what was in flight; when it comes back (or changes room) it runs the same
// exchange as y-websocket's sync steps: each side sends what the other's state vector lacks.
// A damaging delivery flips one bit of an update on its way down, as a hostile network might;
// an update that then fails to apply is dropped and counted, as the relay client does.
import * as Y from 'yjs';
import { OUTER_LOG_NAME, type OuterRoom, type SyncedWorkspace } from '$lib/sync';

/** One in-flight update. */
export interface RelayMessage {
  direction: 'up' | 'down';
  device: string;
  roomId: string;
  update: Uint8Array;
}

/** How to deliver a message. */
export type DeliveryMode = 'deliver' | 'duplicate' | 'drop' | 'damage';

const FROM_RELAY = Symbol('from-relay');

interface Link {
  online: boolean;
  room: OuterRoom | undefined;
  detach: () => void;
}

/** See the file comment. */
export class InMemoryRelay {
  readonly rooms = new Map<string, Y.Doc>();
  readonly queue: RelayMessage[] = [];
  private readonly links = new Map<string, Link>();
  private draining = false;
  /** Updates to devices that did not apply (damaged ones, mostly). */
  garbled = 0;
  /** A hostile network between the relay and the devices: rewrites each update going down. */
  tamper: ((message: RelayMessage) => Uint8Array) | undefined;

  /** `autoDeliver`: deliver every message at once, in order (for simple tests). */
  constructor(private readonly options: { autoDeliver?: boolean } = {}) {}

  /** Connects a device's engine (again, after a restart); starts online unless told otherwise. */
  attach(device: string, engine: SyncedWorkspace, online = true): void {
    this.links.get(device)?.detach();
    const link: Link = { online, room: undefined, detach: () => {} };
    this.links.set(device, link);
    let unwatchDoc = () => {};
    const unsubscribe = engine.subscribeRoom((room) => {
      unwatchDoc();
      link.room = room;
      const onUpdate = (update: Uint8Array, origin: unknown) => {
        if (origin !== FROM_RELAY && link.online) {
          this.enqueue({ direction: 'up', device, roomId: room.roomId, update });
        }
      };
      room.doc.on('update', onUpdate);
      unwatchDoc = () => room.doc.off('update', onUpdate);
      this.dropInFlight(device);
      if (link.online) this.exchange(device);
    });
    link.detach = () => {
      unsubscribe();
      unwatchDoc();
      this.dropInFlight(device);
    };
  }

  /** Takes a device off the network or brings it back (with a sync exchange). */
  setOnline(device: string, online: boolean): void {
    const link = this.links.get(device);
    if (!link || link.online === online) return;
    link.online = online;
    this.dropInFlight(device);
    if (online) this.exchange(device);
  }

  isOnline(device: string): boolean {
    return this.links.get(device)?.online ?? false;
  }

  /**
   * Delivers, duplicates (delivers and keeps), drops, or (`damage`, down only; up is delivered)
   * delivers with bit `bit` (modulo its length) flipped the message at `index`.
   */
  deliver(index: number, mode: DeliveryMode = 'deliver', bit = 0): void {
    const message = this.queue[index];
    if (!message) return;
    if (mode !== 'duplicate') this.queue.splice(index, 1);
    if (mode === 'drop') return;
    if (mode === 'damage' && message.direction === 'down') {
      this.apply({ ...message, update: flipBit(message.update, bit) });
    } else {
      this.apply(message);
    }
  }

  /** Delivers everything in flight, in order, including what that delivery causes. */
  deliverAll(): void {
    while (this.queue.length > 0) this.deliver(0);
  }

  /**
   * The sync exchange for every online device. `everything`: devices ask for the whole room,
   * as the relay client does for a gap that stays open.
   */
  exchangeAll(options: { everything?: boolean } = {}): void {
    for (const [device, link] of this.links) if (link.online) this.exchange(device, options);
  }

  /** Whether every online device's outer doc has exactly its room's state. */
  isQuiet(): boolean {
    if (this.queue.length > 0) return false;
    for (const link of this.links.values()) {
      if (!link.online || !link.room) continue;
      const roomDoc = this.roomDoc(link.room.roomId);
      const same = Y.equalSnapshots(Y.snapshot(roomDoc), Y.snapshot(link.room.doc));
      if (!same) return false;
    }
    return true;
  }

  /**
   * Appends `blobs` to a room's log from outside every device (a member with no engine that
   * writes to the relay directly); online devices in the room receive them as usual.
   */
  inject(roomId: string, blobs: Uint8Array[]): void {
    const doc = this.roomDoc(roomId);
    doc.transact(() => doc.getArray<Uint8Array>(OUTER_LOG_NAME).push(blobs), 'injected');
  }

  /** The blobs in a room's log (empty for a room nobody opened). */
  roomLog(roomId: string): unknown[] {
    return this.rooms.get(roomId)?.getArray(OUTER_LOG_NAME).toArray() ?? [];
  }

  detachAll(): void {
    for (const link of this.links.values()) link.detach();
    this.links.clear();
    for (const doc of this.rooms.values()) doc.destroy();
    this.rooms.clear();
    this.queue.length = 0;
  }

  private roomDoc(roomId: string): Y.Doc {
    let doc = this.rooms.get(roomId);
    if (!doc) {
      doc = new Y.Doc();
      const created = doc;
      created.on('update', (update: Uint8Array, origin: unknown) => {
        for (const [device, link] of this.links) {
          if (device === origin || !link.online || link.room?.roomId !== roomId) continue;
          this.enqueue({ direction: 'down', device, roomId, update });
        }
      });
      this.rooms.set(roomId, created);
    }
    return doc;
  }

  /** Sends `device` what it asks for, as a sync step 1 with its healing state vector would. */
  exchange(device: string, options: { everything?: boolean } = {}): void {
    const link = this.links.get(device);
    if (!link?.room) return;
    const roomDoc = this.roomDoc(link.room.roomId);
    const { roomId, doc } = link.room;
    const asking =
      link.room.healingStateVector({ everything: options.everything ?? false }) ??
      Y.encodeStateVector(doc);
    this.enqueue({
      direction: 'up',
      device,
      roomId,
      // What the device answers with: its set-aside items are never sent.
      update: Y.encodeStateAsUpdate(
        doc,
        link.room.servingStateVector(Y.encodeStateVector(roomDoc)),
      ),
    });
    this.enqueue({
      direction: 'down',
      device,
      roomId,
      update: Y.encodeStateAsUpdate(roomDoc, asking),
    });
  }

  private apply(message: RelayMessage): void {
    const link = this.links.get(message.device);
    if (!link?.online || link.room?.roomId !== message.roomId) return;
    if (message.direction === 'up') {
      Y.applyUpdate(this.roomDoc(message.roomId), message.update, message.device);
    } else {
      const update = this.tamper ? this.tamper(message) : message.update;
      if (!link.room.takeCopies(update)) {
        this.garbled += 1;
        return;
      }
      try {
        Y.applyUpdate(link.room.doc, update, FROM_RELAY);
      } catch {
        this.garbled += 1;
      }
    }
  }

  private enqueue(message: RelayMessage): void {
    this.queue.push(message);
    if (!this.options.autoDeliver || this.draining) return;
    this.draining = true;
    try {
      this.deliverAll();
    } finally {
      this.draining = false;
    }
  }

  private dropInFlight(device: string): void {
    for (let index = this.queue.length - 1; index >= 0; index -= 1) {
      if (this.queue[index]?.device === device) this.queue.splice(index, 1);
    }
  }
}

function flipBit(update: Uint8Array, bit: number): Uint8Array {
  const copy = update.slice();
  const at = bit % (copy.length * 8);
  copy[at >> 3] = (copy[at >> 3] ?? 0) ^ (1 << (at & 7));
  return copy;
}
