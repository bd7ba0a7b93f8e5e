// Invites for the tests: one fixed invite whose fragment was computed independently (Python,
// from the layout in docs/PROTOCOL.md), and seeded ones from a BLAKE2b stream.
import {
  hashBytes,
  toBase64Url,
  type BoxPublicKey,
  type DeviceId,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import type { Invite, InviteId } from '$lib/sync/invite';

const bytesFrom = (start: number, length: number) =>
  Uint8Array.from({ length }, (_, index) => start + index);

/** The fixed invite: every field a run of consecutive bytes, mentee, epoch 7, expiring 2026. */
export const FIXED_INVITE: Invite = {
  version: 1,
  workspaceId: toBase64Url(bytesFrom(0x10, 16)) as WorkspaceId,
  epoch: 7,
  workspaceKey: bytesFrom(0x20, 32) as WorkspaceKey,
  inviterDeviceId: toBase64Url(bytesFrom(0x80, 32)) as DeviceId,
  inviterBoxPublicKey: bytesFrom(0xc0, 32) as BoxPublicKey,
  inviteId: toBase64Url(bytesFrom(0xe0, 16)) as InviteId,
  inviterRole: 'mentee',
  expiresAt: 1_767_225_600, // 2026-01-01T00:00:00Z
};

/** `FIXED_INVITE` encoded by an independent Python implementation of the layout. */
export const FIXED_FRAGMENT =
  't1.EBESExQVFhcYGRobHB0eHwAAAAcgISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P4CBgoOEhYaHiImKi4yNjo-QkZKTlJWWl5iZmpucnZ6fwMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t_g4eLj5OXm5-jp6uvs7e7vAmlVuQA6aBN1';

/** Deterministic "random" bytes: BLAKE2b of a label and a counter. */
export function seededBytes(label: string, counter: number, length: number): Uint8Array {
  const input = new TextEncoder().encode(`trellis-test/${label}/${counter}`);
  return hashBytes(input, 64).slice(0, length);
}

/** A seeded invite; fields vary with `counter`, including the extremes of the integers. */
export function seededInvite(counter: number): Invite {
  const word = (label: string) => new DataView(seededBytes(label, counter, 4).buffer).getUint32(0);
  const extremes = [0, 1, 0xffff_ffff];
  return {
    version: 1,
    workspaceId: toBase64Url(seededBytes('workspace', counter, 16)) as WorkspaceId,
    epoch: extremes[counter % 4] ?? word('epoch'),
    workspaceKey: seededBytes('key', counter, 32) as WorkspaceKey,
    inviterDeviceId: toBase64Url(seededBytes('device', counter, 32)) as DeviceId,
    inviterBoxPublicKey: seededBytes('box', counter, 32) as BoxPublicKey,
    inviteId: toBase64Url(seededBytes('invite-id', counter, 16)) as InviteId,
    inviterRole: counter % 2 === 0 ? 'mentor' : 'mentee',
    expiresAt: extremes[(counter + 1) % 4] ?? word('expiry'),
  };
}
