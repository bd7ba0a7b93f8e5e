// Anyone who holds the link can post to the room, and the relay can repeat or reorder entries,
// so every message is parsed as hostile: each way it can be wrong has its own code, and nothing
// here throws. A message is accepted only in its one canonical encoding (re-encoding it gives
// the same bytes), so the bytes a confirmation code or signature covers are never ambiguous.
import {
  BOX_KEY_BYTES,
  deviceIdOf,
  isBytes,
  SIGNATURE_BYTES,
  SIGNING_PUBLIC_KEY_BYTES,
  type BoxPublicKey,
  type PersonId,
  type SigningPublicKey,
} from '$lib/crypto';
import { isBoundedText, isTimeZoneName } from '../binary/boundedText';
import { roleOfByte } from './inviteLayout';
import {
  CLOSED_REASON_BYTE,
  encodeInviteMessage,
  INVITE_MESSAGE_TYPE_BYTE,
  INVITE_MESSAGE_VERSION,
  MAX_INVITE_MESSAGE_BYTES,
  MAX_JOIN_NAME_BYTES,
  MAX_JOIN_TIME_ZONE_BYTES,
  MAX_SEALED_GRANT_BYTES,
  type InviteClosedReason,
  type InviteMessage,
} from './inviteMessage';

/** Why bytes from the room are not an invite message. */
export type InviteMessageErrorCode =
  /** Not bytes, a bad field value (role, reason, text), or not the canonical encoding. */
  | 'INVITE_MESSAGE_MALFORMED'
  /** Longer than any message, or a field longer than its bound. */
  | 'INVITE_MESSAGE_OVERSIZE'
  /** A version byte other than 2. */
  | 'INVITE_MESSAGE_UNSUPPORTED_VERSION'
  /** A type byte other than 1 to 4. */
  | 'INVITE_MESSAGE_UNKNOWN_TYPE'
  /** It ends before its last field. */
  | 'INVITE_MESSAGE_TRUNCATED'
  /** Bytes follow its signature. */
  | 'INVITE_MESSAGE_TRAILING_BYTES';

/** The outcome of `parseInviteMessage`. */
export type ParseInviteMessageResult =
  { ok: true; message: InviteMessage } | { ok: false; code: InviteMessageErrorCode };

/** Thrown inside the parser only, to stop at the first failure; never escapes it. */
class Refusal {
  constructor(readonly code: InviteMessageErrorCode) {}
}

const TYPE_OF_BYTE = new Map<number, InviteMessage['type']>(
  Object.entries(INVITE_MESSAGE_TYPE_BYTE).map(([type, byte]) => [
    byte,
    type as InviteMessage['type'],
  ]),
);
const REASON_OF_BYTE = new Map<number, InviteClosedReason>(
  Object.entries(CLOSED_REASON_BYTE).map(([reason, byte]) => [byte, reason as InviteClosedReason]),
);
const utf8 = new TextDecoder('utf-8', { fatal: true });

function cursor(input: Uint8Array) {
  let pos = 0;
  const take = (length: number) => {
    if (pos + length > input.length) throw new Refusal('INVITE_MESSAGE_TRUNCATED');
    pos += length;
    return input.slice(pos - length, pos);
  };
  // Lengths here are below 2^14, so more than three bytes of varuint is never a Trellis length.
  const length = (max: number) => {
    let value = 0;
    for (let shift = 0; shift < 21; shift += 7) {
      const byte = take(1)[0]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (value > max) throw new Refusal('INVITE_MESSAGE_OVERSIZE');
        return value;
      }
    }
    throw new Refusal('INVITE_MESSAGE_OVERSIZE');
  };
  const text = (max: number) => {
    try {
      return utf8.decode(take(length(max)));
    } catch (error) {
      if (error instanceof Refusal) throw error;
      throw new Refusal('INVITE_MESSAGE_MALFORMED');
    }
  };
  return {
    take,
    u8: () => take(1)[0]!,
    key: () => deviceIdOf(take(SIGNING_PUBLIC_KEY_BYTES) as SigningPublicKey),
    length,
    text,
    done: () => pos === input.length,
  };
}

type Cursor = ReturnType<typeof cursor>;

function readRequest(read: Cursor): Omit<InviteMessage & { type: 'join-request' }, 'signature'> {
  const personId = read.key() as string as PersonId;
  const deviceId = read.key();
  const boxPublicKey = read.take(BOX_KEY_BYTES) as BoxPublicKey;
  const certificate = read.take(SIGNATURE_BYTES);
  const role = roleOfByte(read.u8());
  if (!role) throw new Refusal('INVITE_MESSAGE_MALFORMED');
  const name = read.text(MAX_JOIN_NAME_BYTES);
  const timeZone = read.text(MAX_JOIN_TIME_ZONE_BYTES);
  if (!isBoundedText(name, MAX_JOIN_NAME_BYTES)) throw new Refusal('INVITE_MESSAGE_MALFORMED');
  if (!isTimeZoneName(timeZone, MAX_JOIN_TIME_ZONE_BYTES)) {
    throw new Refusal('INVITE_MESSAGE_MALFORMED');
  }
  return {
    type: 'join-request',
    personId,
    deviceId,
    boxPublicKey,
    certificate,
    role,
    name,
    timeZone,
  };
}

function readBody(type: InviteMessage['type'], read: Cursor): InviteMessage {
  const signature = new Uint8Array(0);
  switch (type) {
    case 'join-request':
      return { ...readRequest(read), signature };
    case 'join-grant': {
      const to = read.key();
      return { type, to, sealed: read.take(read.length(MAX_SEALED_GRANT_BYTES)), signature };
    }
    case 'join-decline':
      return { type, to: read.key(), signature };
    case 'join-closed': {
      const reason = REASON_OF_BYTE.get(read.u8());
      if (!reason) throw new Refusal('INVITE_MESSAGE_MALFORMED');
      return { type, reason, signature };
    }
  }
}

function parse(bytes: Uint8Array): InviteMessage {
  if (bytes.length > MAX_INVITE_MESSAGE_BYTES) throw new Refusal('INVITE_MESSAGE_OVERSIZE');
  const read = cursor(bytes);
  if (read.u8() !== INVITE_MESSAGE_VERSION) {
    throw new Refusal('INVITE_MESSAGE_UNSUPPORTED_VERSION');
  }
  const type = TYPE_OF_BYTE.get(read.u8());
  if (!type) throw new Refusal('INVITE_MESSAGE_UNKNOWN_TYPE');
  const message = { ...readBody(type, read), signature: read.take(SIGNATURE_BYTES) };
  if (!read.done()) throw new Refusal('INVITE_MESSAGE_TRAILING_BYTES');
  const canonical = encodeInviteMessage(message);
  if (canonical.length !== bytes.length || canonical.some((byte, at) => byte !== bytes[at])) {
    throw new Refusal('INVITE_MESSAGE_MALFORMED');
  }
  return message;
}

/**
 * Parses untrusted bytes from the room into one invite message, or the code that says why not.
 * Signatures are not checked here: see `verifyJoinRequest`, `verifyJoinAnswer`, `openJoinGrant`
 * and `judgeInviteRequests`. Returns copies, so the caller may reuse `bytes`. Never throws.
 *
 * @example
 *   const parsed = parseInviteMessage(bytes);
 *   if (parsed.ok) seen.push(parsed.message);
 */
export function parseInviteMessage(bytes: unknown): ParseInviteMessageResult {
  if (!isBytes(bytes)) return { ok: false, code: 'INVITE_MESSAGE_MALFORMED' };
  try {
    return { ok: true, message: parse(bytes) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code };
    // encodeInviteMessage refuses what the reader let through only for values already checked.
    return { ok: false, code: 'INVITE_MESSAGE_MALFORMED' };
  }
}
