import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspaceId, generateWorkspaceKey, readyCrypto } from '$lib/crypto';
import { openInnerCache, sealInnerCache } from '$lib/sync/persistence/innerCache';
import { createCoalescingWriter } from '$lib/sync/persistence/coalescingWriter';
import { createSerialTasks } from '$lib/sync/engine/serialTasks';

beforeAll(() => readyCrypto());

describe('the inner-doc cache', () => {
  it('round-trips its content and opens only with its key and workspace', () => {
    const cacheKey = generateWorkspaceKey();
    const workspaceId = generateWorkspaceId();
    const content = {
      state: new Uint8Array([1, 2, 3]),
      unpublished: { update: new Uint8Array([4]), incarnations: [2, 3] },
    };
    const sealed = sealInnerCache({ cacheKey, workspaceId, content });
    expect(openInnerCache({ cacheKey, workspaceId, sealed })).toEqual({ ok: true, content });
    const unreadable = { ok: false, code: 'CACHE_UNREADABLE' };
    expect(openInnerCache({ cacheKey: generateWorkspaceKey(), workspaceId, sealed })).toEqual(
      unreadable,
    );
    expect(openInnerCache({ cacheKey, workspaceId: generateWorkspaceId(), sealed })).toEqual(
      unreadable,
    );
    const empty = sealInnerCache({
      cacheKey,
      workspaceId,
      content: { state: new Uint8Array(), unpublished: undefined },
    });
    expect(openInnerCache({ cacheKey, workspaceId, sealed: empty })).toMatchObject({
      ok: true,
      content: { unpublished: undefined },
    });
  });
});

describe('the coalescing writer', () => {
  it('turns a burst of requests into one write running and one more after it', async () => {
    let writes = 0;
    let release: () => void = () => {};
    const writer = createCoalescingWriter({
      write: () => {
        writes += 1;
        return new Promise<void>((done) => (release = done));
      },
      onError: () => {},
    });
    writer.request();
    await Promise.resolve();
    await Promise.resolve();
    for (let i = 0; i < 10; i += 1) writer.request();
    release();
    await new Promise((done) => setTimeout(done, 0));
    release();
    await writer.idle();
    expect(writes).toBe(2);
  });

  it('reports a failed write and keeps going', async () => {
    const errors: unknown[] = [];
    const writer = createCoalescingWriter({
      write: () => Promise.reject(new Error('full')),
      onError: (error) => errors.push(error),
    });
    writer.request();
    await writer.idle();
    expect(errors).toHaveLength(1);
  });
});

describe('serial tasks', () => {
  it('run one at a time, in order, past failures', async () => {
    const tasks = createSerialTasks();
    const log: string[] = [];
    const slow = tasks.run(async () => {
      log.push('a start');
      await new Promise((done) => setTimeout(done, 5));
      log.push('a end');
    });
    const failing = tasks.run(() => Promise.reject(new Error('b')));
    const last = tasks.run(async () => void log.push('c'));
    await slow;
    await expect(failing).rejects.toThrow('b');
    await last;
    await tasks.idle();
    expect(log).toEqual(['a start', 'a end', 'c']);
  });
});
