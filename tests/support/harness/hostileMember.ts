// A member gone rogue, for the convergence harness: its device id is on the members list, it
// holds every epoch key and signs validly, but no engine runs for it. Driven by plan actions, it
// seals blobs of its own (its own seqs, in order, per epoch) and puts them straight into the
// relay's room: snapshots whose manifests inflate honest devices' seqs over an empty or stale
// state, updates and snapshots written under honest devices' Yjs client ids, and legitimate
// writes under its own client id (a `meta.schemaVersion` no release wrote, keys of its own).
import * as Y from 'yjs';
import {
  deriveClientId,
  type DeviceId,
  type DeviceIdentity,
  type WorkspaceId,
  type WorkspaceKey,
} from '$lib/crypto';
import { encodeSnapshotPayload, encodeUpdatePayload } from '$lib/sync';
import { readBlobHeader, sealBlob } from '$lib/sync/blob';

/** What one hostile action forges. */
export type HostileAttack =
  /** A snapshot claiming every honest device up to 2^32 − 1. */
  | 'inflateMax'
  /** A snapshot claiming one honest device a few seqs past what it published. */
  | 'inflateSmall'
  /** An update overwriting an honest device's `edits` keys under that device's client id. */
  | 'foreignUpdate'
  /** A snapshot whose state does the same (its manifest says nothing of the victim). */
  | 'foreignSnapshot'
  /** The same, its manifest claiming the victim's next seqs (as an honest compaction may). */
  | 'foreignClaimSnapshot'
  /** Its own update setting `meta.schemaVersion` to 2^31 (allowed: its own client id). */
  | 'schemaBump'
  /** Its own update writing a key of its own into `edits`. */
  | 'ownEdit';

/** One hostile plan step; `victim`, `source` and `incarnation` are taken modulo what exists. */
export interface HostileStep {
  attack: HostileAttack;
  /** The honest device whose seqs are inflated or whose client id is forged. */
  victim: number;
  /** The honest device whose inner doc the hostile member reads the content from. */
  source: number;
  /** Snapshots: the state holds the content read earlier (stale) instead of none. */
  stale: boolean;
  /** Snapshots: the manifest gives the sender seq − 1 (vouching for its earlier blobs). */
  vouch: boolean;
  /** How far past the truth `inflateSmall` lies (1 + lie % 3); which key to overwrite. */
  lie: number;
  /** Which of the victim's incarnations (1 + incarnation % 3) the forgery writes as. */
  incarnation: number;
}

/** A blob the hostile member sealed, for the assertions. */
export interface HostileBlob {
  attack: HostileAttack;
  epoch: number;
  seq: number;
  /** Snapshots: the manifest vouches for the sender's earlier seqs. */
  vouches: boolean;
  /** Its own writes: the key and value it set, which honest devices must keep. */
  wrote?: { map: string; key: string; value: string | number };
}

/** The honest side a hostile action reads: the current epoch, its room log, the devices. */
export interface HostileView {
  epoch: number;
  key: WorkspaceKey;
  /** The blobs in the current epoch's relay room. */
  roomLog: readonly unknown[];
  honest: readonly { deviceId: DeviceId; innerDoc: Y.Doc; editKeys: readonly string[] }[];
}

/** See the file comment. */
export interface HostileMember {
  readonly identity: DeviceIdentity;
  readonly sealed: HostileBlob[];
  /** Seals the blob `step` describes, with its next seq in the view's epoch. */
  forge(step: HostileStep, view: HostileView): Promise<Uint8Array>;
}

const MAX_SEQ = 0xffff_ffff;

/**
 * A hostile member of `workspaceId` with `identity`.
 *
 * @example
 *   const hostile = createHostileMember({ identity, workspaceId });
 *   const blob = await hostile.forge(step, view);
 */
export function createHostileMember(input: {
  identity: DeviceIdentity;
  workspaceId: WorkspaceId;
}): HostileMember {
  const { identity, workspaceId } = input;
  // Its own writes, under its own client id. A fresh incarnation for each epoch: like an honest
  // device's, its history must arrive whole, and it republishes nothing into a later epoch (so
  // one write lost with an old room would park everything it wrote after it).
  const owns = new Map<number, Y.Doc>();
  const ownDoc = (epoch: number) => {
    let doc = owns.get(epoch);
    if (!doc) {
      doc = new Y.Doc();
      doc.clientID = deriveClientId(identity.deviceId, epoch + 1);
      owns.set(epoch, doc);
    }
    return doc;
  };
  const seqs = new Map<number, number>();
  let stale: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc());
  let written = 0;
  const sealed: HostileBlob[] = [];
  // Its head vectors are honest (it lies elsewhere): the room's epoch, its own seq, nothing else.
  const ownHeads = (view: HostileView, seq: number) => ({
    epoch: view.epoch,
    seqs: new Map([[identity.deviceId, seq]]),
  });

  const seal = async (
    view: HostileView,
    attack: HostileAttack,
    body: {
      kind: 'update' | 'snapshot';
      payload: (seq: number) => Uint8Array;
      vouches?: boolean;
      wrote?: HostileBlob['wrote'];
    },
  ) => {
    const seq = (seqs.get(view.epoch) ?? 0) + 1;
    seqs.set(view.epoch, seq);
    sealed.push({
      attack,
      epoch: view.epoch,
      seq,
      vouches: body.vouches ?? false,
      ...(body.wrote ? { wrote: body.wrote } : {}),
    });
    return sealBlob({
      header: {
        version: 1,
        kind: body.kind,
        workspaceId,
        epoch: view.epoch,
        deviceId: identity.deviceId,
        seq,
      },
      payload: body.payload(seq),
      key: view.key,
      identity,
    });
  };
  /** Its own update setting `key` of root map `map` to `value`, under its own client id. */
  const ownUpdate = (
    view: HostileView,
    attack: HostileAttack,
    wrote: NonNullable<HostileBlob['wrote']>,
  ) => {
    const own = ownDoc(view.epoch);
    const before = Y.encodeStateVector(own);
    own.getMap(wrote.map).set(wrote.key, wrote.value);
    const update = Y.encodeStateAsUpdate(own, before);
    return seal(view, attack, {
      kind: 'update',
      payload: (seq) =>
        encodeUpdatePayload({ incarnations: [view.epoch + 1], update, heads: ownHeads(view, seq) }),
      wrote,
    });
  };
  /** A snapshot: its own items always (it does not lie about itself), and `content`. */
  const snapshot = (
    view: HostileView,
    step: HostileStep,
    content: Uint8Array,
    lies: ReadonlyMap<DeviceId, number>,
  ) =>
    seal(view, step.attack, {
      kind: 'snapshot',
      vouches: step.vouch,
      payload: (seq) => {
        const manifest = new Map(lies);
        if (step.vouch) manifest.set(identity.deviceId, seq - 1);
        const state = Y.mergeUpdates([Y.encodeStateAsUpdate(ownDoc(view.epoch)), content]);
        return encodeSnapshotPayload({ manifest, state, heads: ownHeads(view, seq) });
      },
    });

  return {
    identity,
    sealed,
    async forge(step, view) {
      const victim = view.honest[step.victim % view.honest.length]!;
      const source = view.honest[step.source % view.honest.length]!;
      const read = Y.encodeStateAsUpdate(source.innerDoc);
      const content = step.stale ? stale : Y.encodeStateAsUpdate(new Y.Doc());
      stale = read;
      switch (step.attack) {
        case 'inflateMax':
          return snapshot(
            view,
            step,
            content,
            new Map(view.honest.map((each) => [each.deviceId, MAX_SEQ])),
          );
        case 'inflateSmall': {
          const truth = publishedSeq(view.roomLog, victim.deviceId, view.epoch);
          return snapshot(
            view,
            step,
            content,
            new Map([[victim.deviceId, truth + 1 + (step.lie % 3)]]),
          );
        }
        case 'foreignUpdate':
        case 'foreignSnapshot':
        case 'foreignClaimSnapshot': {
          const forged = new Y.Doc();
          Y.applyUpdate(forged, read);
          const before = Y.encodeStateVector(forged);
          forged.clientID = deriveClientId(victim.deviceId, 1 + (step.incarnation % 3));
          const edits = forged.getMap<string>('edits');
          const keys = victim.editKeys.filter((key) => edits.has(key));
          const target = keys[step.lie % Math.max(keys.length, 1)] ?? `${victim.deviceId}-planted`;
          edits.set(target, 'forged');
          if (step.attack === 'foreignUpdate') {
            const update = Y.encodeStateAsUpdate(forged, before);
            return seal(view, step.attack, {
              kind: 'update',
              payload: (seq) =>
                encodeUpdatePayload({
                  incarnations: [1 + (step.incarnation % 3)],
                  update,
                  heads: ownHeads(view, seq),
                }),
            });
          }
          const truth = publishedSeq(view.roomLog, victim.deviceId, view.epoch);
          const lies = new Map(
            step.attack === 'foreignClaimSnapshot'
              ? [[victim.deviceId, truth + 1 + (step.lie % 3)]]
              : [],
          );
          return snapshot(view, step, Y.encodeStateAsUpdate(forged), lies);
        }
        case 'schemaBump':
          return ownUpdate(view, step.attack, {
            map: 'meta',
            key: 'schemaVersion',
            value: 2 ** 31,
          });
        case 'ownEdit':
          return ownUpdate(view, step.attack, {
            map: 'edits',
            key: `hostile-${written++}`,
            value: 'hostile',
          });
      }
    },
  };
}

/** The highest seq of `deviceId` in `epoch` among the blobs of the room. */
function publishedSeq(roomLog: readonly unknown[], deviceId: DeviceId, epoch: number): number {
  let highest = 0;
  for (const entry of roomLog) {
    const read = readBlobHeader(entry);
    if (read.ok && read.header.deviceId === deviceId && read.header.epoch === epoch) {
      highest = Math.max(highest, read.header.seq);
    }
  }
  return highest;
}
