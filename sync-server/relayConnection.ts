import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { REJECTIONS, type RejectionReason } from './closeCodes.js';
import type { RelayLimits } from './limits.js';
import type { RelayMetrics } from './metrics.js';
import { parseClientMessage, type MessageErrorCode } from './parseClientMessage.js';
import type { RelayRoom, RoomMember } from './relayRoom.js';
import { createTokenBucket, type TokenBucket } from './tokenBucket.js';

type SendCallback = (error?: Error) => void;

interface Held {
  message: Uint8Array;
  stamp: number;
  callback: SendCallback | undefined;
}

/** Why a connection was refused or closed, for the log and the metrics. */
export type RejectListener = (reason: RejectionReason, detail?: MessageErrorCode) => void;

/** y-protocols message bytes: a sync message (0) carrying a Yjs update (2). */
const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;
const isBroadcastUpdate = (message: Uint8Array) =>
  message[0] === MESSAGE_SYNC && message[1] === SYNC_UPDATE;

/** Awareness states one room may hold before further awareness messages are dropped. */
const MAX_AWARENESS_STATES = 1024;

/**
 * The socket that `@y/websocket-server`'s `setupWSConnection` is given: it looks like a `ws`
 * WebSocket (`on`, `send`, `ping`, `close`, `readyState`) and stands between it and the real one.
 *
 * Inbound, it does what the stock handler does not: rate limits, a full parse of every message
 * (`parseClientMessage`) and the room size limit — only a message that passes reaches the stock
 * listener. Outbound, it holds each message until the room state it reflects is durable (see
 * `RelayRoom`), and drops a connection whose backlog outgrows `maxBufferedBytes`.
 */
export class RelayConnection extends EventEmitter implements RoomMember {
  /** Set by the stock handler; messages are delivered as ArrayBuffer, as it expects. */
  binaryType = 'arraybuffer';
  private readonly held: Held[] = [];
  private heldHead = 0;
  private heldBytes = 0;
  private reading = true;
  /** Set while this client's own update is applied: the broadcast of it is not sent back. */
  private applyingOwn = false;
  /** Set once this client's sync step 1 has been answered; broadcasts before it are redundant. */
  private answered = false;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: RelayRoom,
    private readonly deps: { limits: RelayLimits; metrics: RelayMetrics; onReject: RejectListener },
  ) {
    super();
    const { limits } = deps;
    this.messages = createTokenBucket({
      ratePerSecond: limits.messagesPerSecond,
      burst: limits.messageBurst,
    });
    this.bytes = createTokenBucket({
      ratePerSecond: limits.bytesPerSecond,
      burst: 2 * limits.maxFrameBytes,
    });
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer, isBinary: boolean) => this.receive(data, isBinary));
    ws.on('close', () => this.emit('close'));
    ws.on('pong', () => this.emit('pong'));
    ws.on('error', (error: Error & { code?: string }) => {
      // `ws` closes the connection itself (1009 for an oversize message, 1002 for a broken
      // frame); this listener keeps the error from crashing the process.
      this.reading = false;
      this.deps.onReject(
        error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'frame_too_large' : 'protocol_error',
      );
    });
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  /** Called by the stock handler for every message to this client. */
  send(message: Uint8Array, _options?: unknown, callback?: SendCallback): void {
    if (isBroadcastUpdate(message) && (this.applyingOwn || !this.answered)) {
      // The stock handler broadcasts every update to every connection. The author has it
      // already, and a client whose sync step 1 is still to be answered gets it in that answer
      // (the step 2 is computed from the room later): sending it here would send it twice.
      callback?.();
      return;
    }
    if (this.ws.readyState !== WebSocket.OPEN) {
      callback?.(new Error('connection closed'));
      return;
    }
    if (this.ws.bufferedAmount + this.heldBytes > this.deps.limits.maxBufferedBytes) {
      this.drop('slow_reader');
      callback?.(new Error('connection dropped'));
      return;
    }
    if (this.room.isDurable() && this.heldHead === this.held.length) {
      this.transmit(message, callback);
      return;
    }
    this.held.push({ message, stamp: this.room.nextSeq, callback });
    this.heldBytes += message.byteLength;
  }

  ping(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  close(): void {
    this.ws.close();
  }

  release(durableSeq: number): void {
    while (this.heldHead < this.held.length) {
      const next = this.held[this.heldHead];
      if (!next || next.stamp > durableSeq) break;
      this.heldHead += 1;
      this.heldBytes -= next.message.byteLength;
      this.transmit(next.message, next.callback);
    }
    if (this.heldHead === this.held.length) {
      this.held.length = 0;
      this.heldHead = 0;
    }
  }

  abort(): void {
    this.reject('storage_failed');
    this.discardHeld();
  }

  /** Stops taking messages in (shutdown); what is held still goes out once durable. */
  stopReading(): void {
    this.reading = false;
  }

  /** Ends the connection at once, without a close handshake. */
  terminate(): void {
    this.reading = false;
    this.ws.terminate();
    this.discardHeld();
  }

  /** Closes with `code`, after anything already released has been sent. */
  closeWith(reason: RejectionReason): void {
    this.reading = false;
    const { code, reason: text } = REJECTIONS[reason];
    this.ws.close(code, text);
  }

  private receive(data: ArrayBuffer, isBinary: boolean): void {
    if (!this.reading) return;
    const { metrics, limits } = this.deps;
    metrics.messagesIn.inc();
    metrics.bytesIn.inc(data.byteLength);
    if (!isBinary) return this.reject('text_frame');
    if (!this.messages.take() || !this.bytes.take(data.byteLength)) {
      return this.reject('rate_limited');
    }
    const bytes = new Uint8Array(data);
    const parsed = parseClientMessage(bytes);
    if (!parsed.ok) return this.reject('malformed_message', parsed.code);
    if (parsed.kind === 'update' || parsed.kind === 'sync-step-2') {
      if (!this.room.hasRoomFor(parsed.update, limits.maxRoomBytes)) {
        return this.reject('room_full');
      }
      // Applied here rather than by the stock listener, which does only this for these two
      // kinds (apply; no reply) but prints a stack trace to stderr when Yjs throws. An update
      // that decodes yet fails to integrate (the fuzz test finds such) closes the connection;
      // whatever part Yjs did integrate is persisted like any other change, so memory and disk
      // agree. The stock `update` handler still does the broadcast.
      this.applyingOwn = true;
      try {
        Y.applyUpdate(this.room.doc, parsed.update, this);
      } catch {
        return this.reject('malformed_message', 'BAD_UPDATE');
      } finally {
        this.applyingOwn = false;
      }
      return;
    }
    if (parsed.kind === 'awareness' && this.room.doc.awareness.meta.size > MAX_AWARENESS_STATES) {
      return; // awareness is ephemeral: dropping it loses nothing
    }
    // Sync step 1 (answered with a step 2) and awareness (broadcast): the stock listener's job.
    this.emit('message', data);
    // The stock listener answers a step 1 at once, with everything the room holds now.
    if (parsed.kind === 'sync-step-1') this.answered = true;
  }

  private transmit(message: Uint8Array, callback: SendCallback | undefined): void {
    this.deps.metrics.bytesOut.inc(message.byteLength);
    this.ws.send(message, { binary: true }, callback);
  }

  private reject(reason: RejectionReason, detail?: MessageErrorCode): void {
    if (!this.reading && reason !== 'storage_failed') return;
    this.reading = false;
    this.deps.onReject(reason, detail);
    const { code, reason: text } = REJECTIONS[reason];
    this.ws.close(code, text);
  }

  private drop(reason: RejectionReason): void {
    this.reading = false;
    this.deps.onReject(reason);
    this.ws.terminate();
    this.discardHeld();
  }

  private discardHeld(): void {
    for (let i = this.heldHead; i < this.held.length; i++) {
      this.held[i]?.callback?.(new Error('connection closed'));
    }
    this.held.length = 0;
    this.heldHead = 0;
    this.heldBytes = 0;
  }
}
