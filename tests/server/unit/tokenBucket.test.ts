import { describe, expect, it } from 'vitest';
import { createAddressLimiter } from '../../../sync-server/addressLimiter';
import { createTokenBucket } from '../../../sync-server/tokenBucket';

describe('createTokenBucket', () => {
  it('allows the burst, then the rate', () => {
    let now = 0;
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 3, now: () => now });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 100; // one token at 10 a second
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000;
    expect(bucket.isFull()).toBe(true);
  });

  it('takes nothing when a large request does not fit', () => {
    const bucket = createTokenBucket({ ratePerSecond: 100, burst: 100, now: () => 0 });
    expect(bucket.take(150)).toBe(false);
    expect(bucket.take(100)).toBe(true);
  });
});

describe('createAddressLimiter', () => {
  it('limits new connections per second and open connections per address', () => {
    let now = 0;
    const limiter = createAddressLimiter({ perSecond: 1, burst: 2, maxOpen: 3, now: () => now });
    expect(limiter.admit('a')).toEqual({ ok: true });
    expect(limiter.admit('a')).toEqual({ ok: true });
    expect(limiter.admit('a')).toEqual({ ok: false, code: 'rate_limited' });
    expect(limiter.admit('b')).toEqual({ ok: true });
    now += 5_000;
    expect(limiter.admit('a')).toEqual({ ok: true });
    expect(limiter.admit('a')).toEqual({ ok: false, code: 'too_many_from_ip' });
    limiter.release('a');
    now += 5_000; // the refused attempt used a token too
    expect(limiter.admit('a')).toEqual({ ok: true });
  });

  it('turns the rate check off at 0', () => {
    const limiter = createAddressLimiter({ perSecond: 0, burst: 0, maxOpen: 1000 });
    for (let i = 0; i < 500; i++) expect(limiter.admit('a').ok).toBe(true);
  });
});
