// The WebSocket class the benchmarks hand to y-websocket (as `WebSocketPolyfill`): the `ws`
// client, counting every message it sends and receives on a `ByteCounter`. Counting at the
// client sees exactly what that device puts on and takes off the network.
import WebSocket from 'ws';
import type { ByteCounter } from './byteCounter';

type SendData = Parameters<WebSocket['send']>[0];
type SendCallback = (error?: Error) => void;
interface SendOptions {
  mask?: boolean;
  binary?: boolean;
  compress?: boolean;
  fin?: boolean;
}

/** A WebSocket class y-websocket can construct (`new Class(url, protocols)`). */
export type WebSocketClass = new (...args: ConstructorParameters<typeof WebSocket>) => WebSocket;

/**
 * A `ws` WebSocket subclass that records on `counter`.
 *
 * @example
 *   const counter = createByteCounter();
 *   new WebsocketProvider(url, room, doc, { WebSocketPolyfill: countingWebSocket(counter) });
 */
export function countingWebSocket(counter: ByteCounter): WebSocketClass {
  return class CountingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('open', () => counter.socketOpened());
      this.on('message', (data) => counter.record('received', bytesOf(data)));
    }

    override send(
      data: SendData,
      optionsOrCallback?: SendOptions | SendCallback,
      callback?: SendCallback,
    ): void {
      counter.record('sent', bytesOf(data));
      if (typeof optionsOrCallback === 'function') super.send(data, optionsOrCallback);
      else super.send(data, optionsOrCallback ?? {}, callback);
    }
  };
}

function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return Buffer.concat(data.filter((part) => Buffer.isBuffer(part)));
  return new TextEncoder().encode(String(data));
}
