// The invite's one binary layout (docs/PROTOCOL.md), version 1. Every field has a fixed size, so
// an invite has exactly one parse, and 141 bytes are a whole number of base64url groups (188
// characters, no partial group): every character carries six bits of the invite, so changing
// any one of them changes the bytes and the checksum catches it.
import {
  BOX_KEY_BYTES,
  SIGNING_PUBLIC_KEY_BYTES,
  SYMMETRIC_KEY_BYTES,
  WORKSPACE_ID_BYTES,
} from '$lib/crypto';
import type { InviteRole } from './invite';

/** The only invite version this code reads and writes. */
export const INVITE_VERSION = 1;

/** What every version-1 fragment starts with: `t`, the version in decimal, a dot. */
export const INVITE_PREFIX = `t${INVITE_VERSION}.`;

/** Random bytes in an invite id. */
export const INVITE_ID_BYTES = 16;

/** Bytes of the checksum at the end of the invite. */
export const INVITE_CHECKSUM_BYTES = 4;

/** Byte offsets and sizes of the fields. */
export const INVITE_FIELDS = {
  workspaceId: { offset: 0, bytes: WORKSPACE_ID_BYTES },
  epoch: { offset: 16, bytes: 4 },
  workspaceKey: { offset: 20, bytes: SYMMETRIC_KEY_BYTES },
  inviterDeviceId: { offset: 52, bytes: SIGNING_PUBLIC_KEY_BYTES },
  inviterBoxPublicKey: { offset: 84, bytes: BOX_KEY_BYTES },
  inviteId: { offset: 116, bytes: INVITE_ID_BYTES },
  inviterRole: { offset: 132, bytes: 1 },
  expiresAt: { offset: 133, bytes: 4 },
  checksum: { offset: 137, bytes: INVITE_CHECKSUM_BYTES },
} as const;

/** Bytes in an encoded invite, checksum included. */
export const INVITE_BYTES = 141;

/** base64url characters after the prefix. */
export const INVITE_BODY_CHARS = (INVITE_BYTES / 3) * 4;

/** The role byte of each role; 0 and 3–255 are invalid. */
export const ROLE_BYTE = { mentor: 1, mentee: 2 } as const satisfies Record<InviteRole, number>;

/** The role of a role byte, or `undefined` for 0 and 3–255. */
export function roleOfByte(byte: number | undefined): InviteRole | undefined {
  return byte === ROLE_BYTE.mentor ? 'mentor' : byte === ROLE_BYTE.mentee ? 'mentee' : undefined;
}

/** The role byte of `role`; own properties only, so 'toString' and the like are no role. */
export function byteOfRole(role: unknown): number | undefined {
  return typeof role === 'string' && Object.hasOwn(ROLE_BYTE, role)
    ? ROLE_BYTE[role as InviteRole]
    : undefined;
}

/** Whether `value` fits a u32 field. */
export const isUint32 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;

/** The path an invite link opens in the app. */
export const INVITE_PATH = '/join';
