// Who is a member, derived from verified chain records alone (docs/PROTOCOL.md, "Membership
// chain"). Pure: no crypto, no clock, no I/O; the same records in any order give the same answer.
//
// Rules:
//  1. Anchor. Only the genesis whose hash is `root` (the one this device anchored) counts; its
//     author is the root person, a member with the genesis role, and that role is the chain's
//     kind ('none' = a person's notes, 'mentor'/'mentee' = a pair). Any other genesis is
//     FOREIGN_GENESIS. No such record: rootFound is false and every set is empty. A record named
//     `root` that is not a genesis is BAD_ROOT.
//  2. Place. A record is placed once every parent is present and placed, starting from the root;
//     anything else (a parent missing, a descendant of such a record, a cycle) is
//     MISSING_PARENT, and is placed, then judged, as soon as its parents arrive.
//  3. Walk order. Placed records are walked in topological order (Kahn's algorithm), ties broken
//     by hash ascending, bytewise on the raw 32-byte hash (equivalently: base64url characters by
//     their value in the alphabet A–Z a–z 0–9 - _; see compareChainHashes).
//  4. Person records are judged in the walk against the members at that point. The author must
//     be a member (NOT_A_MEMBER). admit: never in notes, never of role 'none' (NOT_ALLOWED); the
//     target must not be a member (ALREADY_MEMBER); the role must not be held by a member
//     (ROLE_TAKEN: a pair has one mentor and one mentee; replacing someone is a removal, then an
//     admission that has the removal as an ancestor). remove-person: the target must be a member
//     (TARGET_NOT_MEMBER); removing the root person is allowed; author === target is leaving. A
//     former member may be admitted again later.
//  5. Voiding. For each counted remove-person R by A of X with A !== X, every record authored by
//     X that is neither an ancestor nor a descendant of R is VOIDED: a removed person cannot
//     backdate acts past their removal. Removals are applied one at a time: after a walk, the
//     first counted removal in walk order that voids anything not yet voided adds its voids,
//     and the walk is repeated without the voided records; this ends when no counted removal
//     voids anything new (the voided set only grows). Of two concurrent mutual removals the
//     first in walk order wins, and what a removed person signed concurrently with the removal
//     (a backdated removal of the remover, a sock-puppet admission) does not count, even after
//     that person is admitted again.
//  6. Devices, after the walk, with F the final member set, in walk order. A device record
//     counts if it is not voided, its owner is in F, and its author is in F or was a member at
//     its place in the walk (NOT_A_MEMBER otherwise; the owner's certificate, checked by the
//     parser, is what vouches for the keys). The first counted filing of a device id wins; a
//     later one with another owner or box key is CONFLICT, an identical one counts. A
//     remove-device counts if it is not voided and its author is in F or was a member at its
//     place in the walk. A removed device never comes back: a device record for it after the
//     removal in walk order is REMOVED. A filing counts only while its owner is or was a member
//     (F or former). Active devices: counted filings, not removed, owned by a
//     member of F.
//     (Accepting an author who was a member at the time, not only one in F, is deliberate: a
//     device the inviter filed stays, and a device someone removed stays removed, after that
//     person leaves.)
//  7. heads: counted records that no counted record names as a parent, ascending.
import type { DeviceId, PersonId } from '$lib/crypto';
import type { ChainProblemCode, ChainRecord, ChainRole, Membership } from './chainTypes';
import { compareChainHashes } from './compareChainHashes';
import { sameBytes } from './sameBytes';
import { placeChainRecords, reachableFrom, type PlacedChain } from './placeChainRecords';

/** What one walk over the person records found. */
interface PersonWalk {
  persons: Map<PersonId, { role: ChainRole }>;
  formerPersons: Set<PersonId>;
  counted: Set<string>;
  problems: Map<string, ChainProblemCode>;
  /** Device records whose author was a member at their place in the walk. */
  authorWasMember: Set<string>;
  /** Counted removals of someone else. */
  removals: Array<{ hash: string; target: PersonId }>;
}

function walkPersons(
  order: readonly string[],
  byHash: ReadonlyMap<string, ChainRecord>,
  voided: ReadonlySet<string>,
): PersonWalk {
  const walk: PersonWalk = {
    persons: new Map(),
    formerPersons: new Set(),
    counted: new Set(),
    problems: new Map(),
    authorWasMember: new Set(),
    removals: [],
  };
  const { persons } = walk;
  let kind: ChainRole = 'none';
  for (const hash of order) {
    const record = byHash.get(hash)!;
    const { body, author } = record;
    if (voided.has(hash)) {
      walk.problems.set(hash, 'VOIDED');
      continue;
    }
    const isMember = persons.has(author);
    let problem: ChainProblemCode | undefined;
    switch (body.type) {
      case 'genesis': // only the root is placed, first; guard a hand-made record anyway
        if (hash !== order[0]) problem = 'FOREIGN_GENESIS';
        else {
          kind = body.role;
          persons.set(author, { role: body.role });
        }
        break;
      case 'admit':
        if (!isMember) problem = 'NOT_A_MEMBER';
        else if (kind === 'none' || body.role === 'none') problem = 'NOT_ALLOWED';
        else if (persons.has(body.personId)) problem = 'ALREADY_MEMBER';
        else if ([...persons.values()].some(({ role }) => role === body.role)) {
          problem = 'ROLE_TAKEN';
        } else {
          persons.set(body.personId, { role: body.role });
          walk.formerPersons.delete(body.personId);
        }
        break;
      case 'remove-person':
        if (!isMember) problem = 'NOT_A_MEMBER';
        else if (!persons.has(body.personId)) problem = 'TARGET_NOT_MEMBER';
        else {
          persons.delete(body.personId);
          walk.formerPersons.add(body.personId);
          if (body.personId !== author) walk.removals.push({ hash, target: body.personId });
        }
        break;
      default: // device records are judged after the walk
        if (isMember) walk.authorWasMember.add(hash);
        continue;
    }
    if (problem) walk.problems.set(hash, problem);
    else walk.counted.add(hash);
  }
  return walk;
}

/**
 * The voided set grown by the first counted removal, in walk order, that voids anything new
 * (the target's records concurrent with it); `undefined` once no removal does. One removal at a
 * time, so an earlier removal's voids apply before a later one is judged: two removals that
 * both counted in a walk (a removed person readmitted, then acting on a backdated branch) must
 * not void each other's side.
 */
function voidedAfter(
  walk: PersonWalk,
  placed: PlacedChain,
  byHash: ReadonlyMap<string, ChainRecord>,
  voided: ReadonlySet<string>,
): Set<string> | undefined {
  for (const removal of walk.removals) {
    const ancestors = reachableFrom(removal.hash, (hash) => byHash.get(hash)?.parents ?? []);
    const descendants = reachableFrom(removal.hash, (hash) => placed.children.get(hash) ?? []);
    const fresh = placed.order.filter(
      (hash) =>
        byHash.get(hash)!.author === removal.target &&
        !ancestors.has(hash) &&
        !descendants.has(hash) &&
        !voided.has(hash),
    );
    if (fresh.length > 0) return new Set([...voided, ...fresh]);
  }
  return undefined;
}

/** Rule 6: the device records, judged against the final walk. */
function countDevices(
  walk: PersonWalk,
  order: readonly string[],
  byHash: ReadonlyMap<string, ChainRecord>,
): Pick<Membership, 'devices' | 'removedDevices' | 'formerDevices'> {
  const filed: Membership['devices'] = new Map();
  const removedDevices = new Set<DeviceId>();
  for (const hash of order) {
    const { body, author } = byHash.get(hash)!;
    if (body.type !== 'device' && body.type !== 'remove-device') continue;
    if (walk.problems.has(hash)) continue; // voided
    const authorOk = walk.authorWasMember.has(hash) || walk.persons.has(author);
    let problem: ChainProblemCode | undefined;
    if (body.type === 'remove-device') {
      if (authorOk) removedDevices.add(body.deviceId);
      else problem = 'NOT_A_MEMBER';
    } else {
      const earlier = filed.get(body.deviceId);
      const ownerWasMember = walk.persons.has(body.owner) || walk.formerPersons.has(body.owner);
      if (!authorOk || !ownerWasMember) problem = 'NOT_A_MEMBER';
      else if (removedDevices.has(body.deviceId)) problem = 'REMOVED';
      else if (!earlier) {
        filed.set(body.deviceId, {
          owner: body.owner,
          boxPublicKey: body.boxPublicKey,
          record: hash,
        });
      } else if (
        earlier.owner !== body.owner ||
        !sameBytes(earlier.boxPublicKey, body.boxPublicKey)
      ) {
        problem = 'CONFLICT';
      }
    }
    if (problem) walk.problems.set(hash, problem);
    else walk.counted.add(hash);
  }
  // Filed devices that are out now (removed, or their owner left) are kept apart: their blobs
  // still count for the rest of the epoch (see followMembership.ts), their keys get nothing new.
  const formerDevices: Membership['formerDevices'] = new Map();
  for (const [deviceId, device] of filed) {
    if (removedDevices.has(deviceId) || !walk.persons.has(device.owner)) {
      formerDevices.set(deviceId, device);
      filed.delete(deviceId);
    }
  }
  return { devices: filed, removedDevices, formerDevices };
}

function headsOf(counted: ReadonlySet<string>, byHash: ReadonlyMap<string, ChainRecord>): string[] {
  const named = new Set<string>();
  for (const hash of counted) for (const parent of byHash.get(hash)!.parents) named.add(parent);
  return [...counted].filter((hash) => !named.has(hash)).sort(compareChainHashes);
}

/**
 * The member and device sets that verified `records` give, anchored at the genesis `root`.
 * Records are trusted to come from `parseChainRecord` (signatures and certificates checked).
 *
 * @example
 *   const membership = deriveMembership({ root: anchoredGenesis, records: readChainFromDoc(doc, id).records });
 *   if (!isActiveDevice(membership, header.deviceId)) quarantine(blob);
 */
export function deriveMembership(input: {
  root: string;
  records: Iterable<ChainRecord>;
}): Membership {
  const { root } = input;
  const byHash = new Map<string, ChainRecord>();
  for (const record of input.records) if (!byHash.has(record.hash)) byHash.set(record.hash, record);
  const rootRecord = byHash.get(root);
  const rootFound = rootRecord?.body.type === 'genesis';
  const placed = rootFound ? placeChainRecords(byHash, root) : { order: [], children: new Map() };

  let voided = new Set<string>();
  let walk = walkPersons(placed.order, byHash, voided);
  for (;;) {
    const next = voidedAfter(walk, placed, byHash, voided);
    if (!next) break;
    voided = next;
    walk = walkPersons(placed.order, byHash, voided);
  }
  const { devices, removedDevices, formerDevices } = countDevices(walk, placed.order, byHash);

  const problems = placed.order.flatMap((hash) => {
    const code = walk.problems.get(hash);
    return code ? [{ hash, code }] : [];
  });
  const placedSet = new Set(placed.order);
  const unplaced = [...byHash.keys()].filter((hash) => !placedSet.has(hash));
  for (const hash of unplaced.sort(compareChainHashes)) {
    const type = byHash.get(hash)!.body.type;
    const code: ChainProblemCode =
      hash === root ? 'BAD_ROOT' : type === 'genesis' ? 'FOREIGN_GENESIS' : 'MISSING_PARENT';
    problems.push({ hash, code });
  }
  const membership: Membership = {
    root,
    rootFound,
    persons: walk.persons,
    formerPersons: walk.formerPersons,
    devices,
    removedDevices,
    formerDevices,
    heads: headsOf(walk.counted, byHash),
    problems,
  };
  if (rootFound) {
    membership.rootPersonId = rootRecord.author;
    membership.kind = rootRecord.body.type === 'genesis' ? rootRecord.body.role : undefined;
  }
  return membership;
}
