import type { Page, WebSocket } from '@playwright/test';

/** One WebSocket frame as it crossed the wire, as bytes. */
export interface RecordedFrame {
  direction: 'sent' | 'received';
  /** The socket's URL (it names the room, never the key). */
  url: string;
  bytes: Buffer;
}

/** What `recordFrames` keeps: every frame so far, and the sockets still open. */
export interface FrameRecorder {
  readonly frames: readonly RecordedFrame[];
  /** How many of the page's WebSockets are open now. */
  openSockets(): number;
}

/**
 * Keep every WebSocket frame `page` sends or receives, from now on and across reloads, as
 * bytes: a text frame as its UTF-8 encoding, a binary frame as is. The browser reports these
 * from the network stack, so they are exactly what the relay saw.
 *
 * @example
 *   const wire = recordFrames(page);
 *   // … use the app …
 *   expect(wire.frames.length).toBeGreaterThan(0);
 */
export function recordFrames(page: Page): FrameRecorder {
  const frames: RecordedFrame[] = [];
  const open = new Set<WebSocket>();
  page.on('websocket', (socket) => {
    const url = socket.url();
    open.add(socket);
    const keep = (direction: RecordedFrame['direction']) => (frame: { payload: string | Buffer }) =>
      frames.push({ direction, url, bytes: Buffer.from(frame.payload) });
    socket.on('framesent', keep('sent'));
    socket.on('framereceived', keep('received'));
    socket.on('close', () => open.delete(socket));
  });
  return { frames, openSockets: () => open.size };
}
