/**
 * Every way the relay turns a connection away, with its WebSocket close code. y-websocket 3.1.0
 * clients stop reconnecting on 4400–4499 (they emit `closed` and wait for `provider.connect()`)
 * and retry with backoff on every other code, 4503 and 1009 included.
 */
export const REJECTIONS = {
  /** The path is not `/sync/<16–128 base64url characters>`. */
  malformed_room: { code: 4400, reason: 'malformed room id' },
  /** No `token` parameter, or one that is not 16–128 base64url characters. */
  missing_token: { code: 4401, reason: 'missing token' },
  /** The room is claimed by a different token. */
  wrong_token: { code: 4401, reason: 'wrong token' },
  /** Too many new connections from one address, or too many messages or bytes on one. */
  rate_limited: { code: 4429, reason: 'rate limit' },
  /** Too many open connections from one address. */
  too_many_from_ip: { code: 4429, reason: 'too many connections from this address' },
  /** The room would grow past the room size limit: compact, or move to a new room. */
  room_full: { code: 4413, reason: 'room size limit' },
  /** Too many connections in the process, in the room, or rooms in memory. */
  server_full: { code: 4503, reason: 'server full' },
  /** A message larger than the frame limit (sent by `ws` itself). */
  frame_too_large: { code: 1009, reason: 'message too big' },
  /** A broken WebSocket frame (sent by `ws` itself). */
  protocol_error: { code: 1002, reason: 'protocol error' },
  /** A text frame: the protocol is binary only. */
  text_frame: { code: 1003, reason: 'binary messages only' },
  /** A message that is not a well-formed y-websocket sync or awareness message. */
  malformed_message: { code: 1007, reason: 'malformed message' },
  /** The connection did not read what it was sent; dropped without a close handshake. */
  slow_reader: { code: 1006, reason: 'not reading' },
  /** Writing to the disk failed; nothing unwritten was acknowledged. */
  storage_failed: { code: 1011, reason: 'storage failure' },
  /** The server is shutting down. */
  shutting_down: { code: 1001, reason: 'server shutting down' },
} as const satisfies Record<string, { code: number; reason: string }>;

export type RejectionReason = keyof typeof REJECTIONS;
