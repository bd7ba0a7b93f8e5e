import * as Y from 'yjs';
import { isKeyText, normaliseInstant } from './devices';
import { fail, type WorkspaceResult } from './errors';
import { checkWritable } from './model/checkWritable';
import { compareStrings } from './model/compareStrings';
import { entitiesOf, entityOf } from './model/readFields';
import { findPerson } from './people/listPeople';

/*
 * Invites: root map `invites`, inviteId -> Y.Map. The link itself carries the epoch key, so an
 * invite is only bookkeeping: who made it, until when it holds, and whether it was revoked or
 * used. Revoking is followed by an epoch rotation ('invite-revoked'), which is what actually
 * shuts the link out.
 *
 * The use is ONE key, `used: { by, at }`, not two: two people joining with the same link while
 * apart each write it, and Yjs keeps one whole value, never one person's `by` with the other's
 * `at`.
 */

/** The root map's name in the inner doc. */
export const INVITES_ROOT = 'invites';

export interface InviteEntry {
  inviteId: string;
  /** The inviting person's id. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  usedBy?: string;
  usedAt?: string;
}

/** How an invite stands for one joiner (`open` also when that joiner already used it). */
export type InviteStanding = 'open' | 'used' | 'revoked' | 'expired' | 'unknown';

const INVITE_ID = /^[A-Za-z0-9_-]{1,100}$/;

function invitesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(INVITES_ROOT);
}

/**
 * Record an invite made by one of the pair (`createdBy`), valid until `expiresAt`.
 *
 * @example
 *   recordInvite(doc, { inviteId, createdBy: me.personId, createdAt: now,
 *     expiresAt: inSevenDays }); // { ok: true }
 */
export function recordInvite(
  doc: Y.Doc,
  entry: Omit<InviteEntry, 'revokedAt' | 'usedBy' | 'usedAt'>,
): WorkspaceResult {
  const writable = checkWritable(doc);
  if (!writable.ok) return writable;
  if (typeof entry.inviteId !== 'string' || !INVITE_ID.test(entry.inviteId)) {
    return fail('INVALID_VALUE', 'inviteId');
  }
  if (!isKeyText(entry.createdBy)) return fail('INVALID_VALUE', 'createdBy');
  if (!findPerson(doc, entry.createdBy)) return fail('UNKNOWN_PERSON', 'createdBy');
  const createdAt = normaliseInstant(entry.createdAt);
  if (!createdAt) return fail('INVALID_INSTANT', 'createdAt');
  const expiresAt = normaliseInstant(entry.expiresAt);
  if (!expiresAt) return fail('INVALID_INSTANT', 'expiresAt');
  if (expiresAt <= createdAt) return fail('INVALID_RANGE', 'expiresAt');
  const invites = invitesMap(doc);
  if (invites.has(entry.inviteId)) return fail('DUPLICATE_ID', 'inviteId');
  doc.transact(() => {
    const invite = new Y.Map<unknown>();
    invites.set(entry.inviteId, invite);
    invite.set('createdBy', entry.createdBy);
    invite.set('createdAt', createdAt);
    invite.set('expiresAt', expiresAt);
  });
  return { ok: true };
}

/**
 * Revoke an invite that nobody used yet; revoking it again keeps the first time. The caller then
 * rotates the epoch. Works in a closed workspace too, and whatever `meta.schemaVersion` says:
 * shutting a link out is never blocked.
 *
 * @example
 *   revokeInvite(doc, { inviteId, at: new Date().toISOString() }); // { ok: true }
 */
export function revokeInvite(doc: Y.Doc, input: { inviteId: string; at: string }): WorkspaceResult {
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const map = entityOf(invitesMap(doc), input.inviteId);
  const invite = map && parseInvite(input.inviteId, map);
  if (!map || !invite) return fail('NOT_FOUND', 'inviteId');
  if (invite.usedBy !== undefined) return fail('INVITE_USED');
  if (invite.revokedAt === undefined) map.set('revokedAt', at);
  return { ok: true };
}

/**
 * Mark an invite used by the joiner `personId`. Answers ok when it was unused (and not expired at
 * `at`) or already used by the same person; otherwise `NOT_FOUND`, `INVITE_REVOKED`,
 * `INVITE_USED` (by someone else) or `INVITE_EXPIRED`. Two joiners racing while apart both get
 * ok locally; after the merge one `usedBy` remains, and {@link inviteStanding} tells the other.
 *
 * @example
 *   markInviteUsed(doc, { inviteId, personId: me.personId, at: now }); // { ok: true }
 */
export function markInviteUsed(
  doc: Y.Doc,
  input: { inviteId: string; personId: string; at: string },
): WorkspaceResult {
  if (!isKeyText(input.personId)) return fail('INVALID_VALUE', 'personId');
  const at = normaliseInstant(input.at);
  if (!at) return fail('INVALID_INSTANT', 'at');
  const map = entityOf(invitesMap(doc), input.inviteId);
  const invite = map && parseInvite(input.inviteId, map);
  if (!map || !invite) return fail('NOT_FOUND', 'inviteId');
  if (invite.revokedAt !== undefined) return fail('INVITE_REVOKED');
  if (invite.usedBy !== undefined) {
    return invite.usedBy === input.personId ? { ok: true } : fail('INVITE_USED');
  }
  if (at >= invite.expiresAt) return fail('INVITE_EXPIRED');
  map.set('used', { by: input.personId, at });
  return { ok: true };
}

/**
 * How an invite stands for the joiner `personId` at `now`: `revoked` first (a revoked link was
 * shut out by a rotation, whatever else happened), then `used` by someone else, then `open` if
 * this joiner used it, then `expired`, else `open`. `unknown` when there is no well-formed entry.
 *
 * @example
 *   if (inviteStanding(doc, { inviteId, personId: me.personId, now: new Date() }) !== 'open')
 *     leavePair();
 */
export function inviteStanding(
  doc: Y.Doc,
  input: { inviteId: string; personId: string; now: Date },
): InviteStanding {
  const map = entityOf(invitesMap(doc), input.inviteId);
  const invite = map && parseInvite(input.inviteId, map);
  if (!invite) return 'unknown';
  if (invite.revokedAt !== undefined) return 'revoked';
  if (invite.usedBy !== undefined) return invite.usedBy === input.personId ? 'open' : 'used';
  const now = input.now.getTime();
  // An invalid `now` cannot show the invite is still valid: treat it as expired.
  if (Number.isNaN(now) || now >= new Date(invite.expiresAt).getTime()) return 'expired';
  return 'open';
}

/**
 * Every well-formed invite, newest first.
 *
 * @example
 *   listInvites(doc).filter((invite) => !invite.usedBy && !invite.revokedAt);
 */
export function listInvites(doc: Y.Doc): InviteEntry[] {
  const invites: InviteEntry[] = [];
  for (const [inviteId, map] of entitiesOf(invitesMap(doc))) {
    const invite = parseInvite(inviteId, map);
    if (invite) invites.push(invite);
  }
  return invites.sort(
    (a, b) => compareStrings(b.createdAt, a.createdAt) || compareStrings(a.inviteId, b.inviteId),
  );
}

// Malformed revocation or use marks make the whole entry unreadable: guessing either way could
// let a shut-out link in, so such an invite reads as `unknown`.
function parseInvite(inviteId: string, map: Y.Map<unknown>): InviteEntry | undefined {
  const createdBy = map.get('createdBy');
  const createdAt = normaliseInstant(map.get('createdAt'));
  const expiresAt = normaliseInstant(map.get('expiresAt'));
  if (!INVITE_ID.test(inviteId) || !isKeyText(createdBy) || !createdAt || !expiresAt) {
    return undefined;
  }
  const invite: InviteEntry = { inviteId, createdBy, createdAt, expiresAt };
  if (map.has('revokedAt')) {
    const revokedAt = normaliseInstant(map.get('revokedAt'));
    if (!revokedAt) return undefined;
    invite.revokedAt = revokedAt;
  }
  if (map.has('used')) {
    const used = parseUse(map.get('used'));
    if (!used) return undefined;
    invite.usedBy = used.by;
    invite.usedAt = used.at;
  }
  return invite;
}

function parseUse(value: unknown): { by: string; at: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { by, at } = value as Record<string, unknown>;
  const instant = normaliseInstant(at);
  return isKeyText(by) && instant ? { by, at: instant } : undefined;
}
