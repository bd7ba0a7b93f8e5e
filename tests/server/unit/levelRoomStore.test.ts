import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLevelRoomStore } from '../../../sync-server/levelRoomStore';
import type { RoomStore } from '../../../sync-server/roomStore';
import { credentials } from '../support/relayTestKit';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('openLevelRoomStore', () => {
  const dirs: string[] = [];
  const open = async (dir?: string): Promise<{ store: RoomStore; dir: string }> => {
    const folder = dir ?? (await mkdtemp(join(tmpdir(), 'trellis-store-')));
    if (!dir) dirs.push(folder);
    return { store: await openLevelRoomStore({ dir: folder, fsync: false }), dir: folder };
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('keeps updates in order per room, apart from other rooms, across a reopen', async () => {
    const a = credentials('store-a').roomId;
    const b = credentials('store-b').roomId;
    const { store, dir } = await open();
    await Promise.all([
      store.appendUpdates(a, [bytes(1)]),
      store.appendUpdates(b, [bytes(9)]),
      store.appendUpdates(a, [bytes(2), bytes(3)]),
    ]);
    expect(await store.readUpdates(a)).toEqual([bytes(1), bytes(2), bytes(3)]);
    await store.close();
    const reopened = (await open(dir)).store;
    expect(await reopened.readUpdates(a)).toEqual([bytes(1), bytes(2), bytes(3)]);
    expect(await reopened.readUpdates(b)).toEqual([bytes(9)]);
    await reopened.appendUpdates(a, [bytes(4)]);
    expect(await reopened.readUpdates(a)).toEqual([bytes(1), bytes(2), bytes(3), bytes(4)]);
    await reopened.close();
  });

  it('replaces exactly the updates appended before the replacement', async () => {
    const room = credentials('store-replace').roomId;
    const { store } = await open();
    await store.appendUpdates(room, [bytes(1), bytes(2)]);
    const replaced = store.replaceUpdates(room, bytes(12));
    const after = store.appendUpdates(room, [bytes(3)]);
    await Promise.all([replaced, after]);
    expect(await store.readUpdates(room)).toEqual([bytes(12), bytes(3)]);
    store.forgetRoom(room);
    await store.appendUpdates(room, [bytes(4)]);
    expect(await store.readUpdates(room)).toEqual([bytes(12), bytes(3), bytes(4)]);
    await store.close();
  });

  it('keeps owners apart from updates, and does not confuse a room with its prefix', async () => {
    const { store } = await open();
    const room = 'abcdefghijklmnop';
    await store.writeOwner(room, bytes(7, 7));
    await store.appendUpdates(`${room}-longer`, [bytes(5)]);
    expect(await store.readOwner(room)).toEqual(bytes(7, 7));
    expect(await store.readOwner(`${room}-longer`)).toBeUndefined();
    expect(await store.readUpdates(room)).toEqual([]);
    await store.close();
  });

  it('finishes queued writes before closing, and refuses writes after', async () => {
    const room = credentials('store-close').roomId;
    const { store, dir } = await open();
    const pending = store.appendUpdates(room, [bytes(1)]);
    await store.close();
    await pending;
    await expect(store.appendUpdates(room, [bytes(2)])).rejects.toThrow(/closed/);
    const reopened = (await open(dir)).store;
    expect(await reopened.readUpdates(room)).toEqual([bytes(1)]);
    await reopened.close();
  });
});
