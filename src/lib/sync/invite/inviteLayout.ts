// What every invite link shares, whatever its layout (the version-2 one is in
// inviteOfferLayout.ts): the page it opens, the invite id, the role byte, the checksum size, and
// the prefix of the retired version-1 links, which are still recognised so they can be refused
// with a sentence that says what to do.
import type { InviteRole } from './invite';

/**
 * What every version-1 fragment started with. Those links carried the workspace key; they are no
 * longer read, only refused with INVITE_OLD_VERSION (docs/PROTOCOL.md, "Invite, version 1").
 */
export const OLD_INVITE_PREFIX = 't1.';

/** Random bytes in an invite id. */
export const INVITE_ID_BYTES = 16;

/** Bytes of the checksum at the end of the invite. */
export const INVITE_CHECKSUM_BYTES = 4;

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
