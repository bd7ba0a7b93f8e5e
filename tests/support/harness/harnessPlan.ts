// The plans the convergence harness runs: two people with one to three devices each, and a
// list of actions weighted towards edits and deliveries, with offline stretches, concurrent
// compactions, restarts and crashes, epoch rollovers and sync files mixed in.
import fc from 'fast-check';
import type { HostileAttack, HostileStep } from './hostileMember';
import type { DeliveryMode } from './inMemoryRelay';

/** One step of a plan. Device numbers are taken modulo the number of devices. */
export type HarnessAction =
  | { type: 'edit'; device: number; op: EditOp; at: number }
  | { type: 'tick'; ms: number }
  | { type: 'deliver'; picks: { at: number; mode: DeliveryMode; bit?: number }[]; settle: boolean }
  | { type: 'online'; device: number; online: boolean }
  | { type: 'compact'; devices: number[] }
  | { type: 'restart'; device: number; crash: boolean }
  | { type: 'roll'; device: number }
  | { type: 'deliverKey'; device: number }
  | { type: 'syncFile'; from: number; to: number }
  /** Damaging transport only: flips byte `at` (modulo) of one stored outer row, then crashes. */
  | { type: 'corruptStore'; device: number; row: number; at: number }
  /** With a hostile member only: it seals one forged blob into the current room. */
  | ({ type: 'hostile' } & HostileStep);

/** The edits the harness makes; `mapSet` edits are the ones checked for presence. */
export type EditOp =
  'mapSet' | 'listInsert' | 'textInsert' | 'textDelete' | 'scratchSet' | 'scratchDelete';

/** A whole run: how many devices each person has, and what happens. */
export interface HarnessPlan {
  mentorDevices: number;
  menteeDevices: number;
  /** A hostile member takes part (see `hostileMember.ts`). */
  hostile?: boolean;
  actions: HarnessAction[];
}

const device = fc.nat({ max: 5 });

/** Deliveries of up to 8 in-flight messages, each by one of `modes` (and a bit to flip). */
function deliverAction(modes: DeliveryMode[], options: { flips?: boolean } = {}) {
  return {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('deliver' as const),
      picks: fc.array(
        options.flips
          ? fc.record({ at: fc.nat(32), mode: fc.constantFrom(...modes), bit: fc.nat() })
          : fc.record({ at: fc.nat(32), mode: fc.constantFrom(...modes) }),
        { minLength: 1, maxLength: 8 },
      ),
      settle: fc.boolean(),
    }),
  };
}
const editOp = fc.constantFrom<EditOp>(
  'mapSet',
  'mapSet',
  'listInsert',
  'textInsert',
  'textDelete',
  'scratchSet',
  'scratchDelete',
);
const actions = [
  {
    weight: 10,
    arbitrary: fc.record({
      type: fc.constant('edit' as const),
      device,
      op: editOp,
      at: fc.nat(64),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('tick' as const),
      ms: fc.constantFrom(50, 300, 1_000, 2_500, 10_000),
    }),
  },
  deliverAction(['deliver', 'deliver', 'deliver', 'duplicate', 'drop']),
  {
    weight: 5,
    arbitrary: fc.record({ type: fc.constant('online' as const), device, online: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('compact' as const),
      devices: fc.uniqueArray(device, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('restart' as const), device, crash: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('roll' as const), device }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('deliverKey' as const), device }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('syncFile' as const), from: device, to: device }),
  },
];

/**
 * A damaging transport (issue #11): deliveries may flip a bit of an update on its way down, and
 * a device's stored outer rows may be corrupted.
 */
const damagingActions = [
  deliverAction(['deliver', 'deliver', 'damage', 'duplicate', 'drop'], { flips: true }),
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('corruptStore' as const),
      device,
      row: fc.nat(16),
      at: fc.nat(),
    }),
  },
];

/** A hostile member's forgeries (issue #12), mixed in with everything honest devices do. */
export const HOSTILE_ATTACKS: readonly HostileAttack[] = [
  'inflateMax',
  'inflateSmall',
  'foreignUpdate',
  'foreignSnapshot',
  'foreignClaimSnapshot',
  'schemaBump',
  'ownEdit',
];

const hostileActions = (attacks: readonly HostileAttack[]) => [
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('hostile' as const),
      attack: fc.constantFrom(...attacks),
      victim: device,
      source: device,
      stale: fc.boolean(),
      vouch: fc.boolean(),
      lie: fc.nat(8),
      incarnation: fc.nat(2),
    }),
  },
];

/**
 * Plans of two people with 1–3 devices each and up to `maxActions` actions; `damaging` adds a
 * damaging transport, `hostile` a hostile member (forging `attacks`, by default all of them).
 */
export function harnessPlan(
  maxActions = 60,
  options: { damaging?: boolean; hostile?: boolean; attacks?: readonly HostileAttack[] } = {},
): fc.Arbitrary<HarnessPlan> {
  const action: fc.Arbitrary<HarnessAction> = fc.oneof(
    ...actions,
    ...(options.damaging ? damagingActions : []),
    ...(options.hostile ? hostileActions(options.attacks ?? HOSTILE_ATTACKS) : []),
  );
  return fc.record({
    mentorDevices: fc.integer({ min: 1, max: 3 }),
    menteeDevices: fc.integer({ min: 1, max: 3 }),
    ...(options.hostile ? { hostile: fc.constant(true) } : {}),
    actions: fc.array(action, { minLength: 10, maxLength: maxActions, size: 'max' }),
  });
}
