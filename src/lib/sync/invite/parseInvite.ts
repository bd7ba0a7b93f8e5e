// Parsing runs from the outside in so that each failure gets the most helpful message: nothing
// at all, then someone else's link, then a newer version, then characters Trellis never writes,
// then a link cut short, then a changed character, and only then a layout no Trellis ever wrote.
// Nothing here throws: the fragment is whatever a URL or a paste box held.
import {
  deviceIdOf,
  toBase64Url,
  type BoxPublicKey,
  type SigningPublicKey,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { decodeInviteBody } from './decodeInviteBody';
import type { Invite, InviteId } from './invite';
import { hasValidInviteChecksum } from './inviteChecksum';
import type { InviteParseErrorCode } from './inviteErrors';
import {
  INVITE_BODY_CHARS,
  INVITE_FIELDS,
  INVITE_PREFIX,
  INVITE_VERSION,
  roleOfByte,
} from './inviteLayout';

/** The outcome of `parseInvite`. */
export type ParseInviteResult =
  { ok: true; invite: Invite } | { ok: false; code: InviteParseErrorCode };

/** `t`, a version in decimal, a dot. */
const PREFIX_PATTERN = /^t([0-9]+)\./;

const fail = (code: InviteParseErrorCode): ParseInviteResult => ({ ok: false, code });

function decodeFields(bytes: Uint8Array): ParseInviteResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const field = (name: keyof typeof INVITE_FIELDS) =>
    bytes.slice(INVITE_FIELDS[name].offset, INVITE_FIELDS[name].offset + INVITE_FIELDS[name].bytes);
  const inviterRole = roleOfByte(bytes[INVITE_FIELDS.inviterRole.offset]);
  if (!inviterRole) return fail('INVITE_MALFORMED');
  return {
    ok: true,
    invite: {
      version: INVITE_VERSION,
      workspaceId: toBase64Url(field('workspaceId')) as WorkspaceId,
      epoch: view.getUint32(INVITE_FIELDS.epoch.offset),
      workspaceKey: field('workspaceKey') as WorkspaceKey,
      inviterDeviceId: deviceIdOf(field('inviterDeviceId') as SigningPublicKey),
      inviterBoxPublicKey: field('inviterBoxPublicKey') as BoxPublicKey,
      inviteId: toBase64Url(field('inviteId')) as InviteId,
      inviterRole,
      expiresAt: view.getUint32(INVITE_FIELDS.expiresAt.offset),
    },
  };
}

/**
 * Parses an untrusted invite fragment (the part after `#`, without it). Checks, in order:
 * empty, prefix, version, characters, length, checksum, fields. Never throws.
 *
 * @example
 *   const parsed = parseInvite(location.hash.slice(1));
 *   if (!parsed.ok) return show(inviteErrorMessage(parsed.code));
 */
export function parseInvite(fragment: unknown): ParseInviteResult {
  if (typeof fragment !== 'string') return fail('INVITE_MALFORMED');
  if (fragment.length === 0) return fail('INVITE_EMPTY');
  const prefix = PREFIX_PATTERN.exec(fragment);
  if (!prefix) {
    // 't' or 't1': the link was cut off inside the prefix.
    return INVITE_PREFIX.startsWith(fragment)
      ? fail('INVITE_TRUNCATED')
      : fail('INVITE_NOT_TRELLIS');
  }
  if (prefix[1] !== String(INVITE_VERSION)) return fail('INVITE_UNSUPPORTED_VERSION');
  const bytes = decodeInviteBody(
    fragment.slice(prefix[0].length),
    INVITE_BODY_CHARS,
    hasValidInviteChecksum,
  );
  if (typeof bytes === 'string') return fail(bytes);
  return decodeFields(bytes);
}
