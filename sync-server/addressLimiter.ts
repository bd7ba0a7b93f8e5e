import { createTokenBucket, type Clock, type TokenBucket } from './tokenBucket.js';

export type AddressVerdict =
  { ok: true } | { ok: false; code: 'rate_limited' | 'too_many_from_ip' };

export interface AddressLimiter {
  /** Called for each new connection attempt from `address`; on ok the caller must `release`. */
  admit(address: string): AddressVerdict;
  release(address: string): void;
}

/** Entries kept before idle ones are swept, so a scan from many addresses cannot grow memory. */
const SWEEP_AT = 10_000;

/**
 * Per-address admission: a token bucket of new connections per second and a cap on open
 * connections. Behind a reverse proxy every client shares the proxy's address, so there set
 * `RATE_UPGRADES_PER_IP=0` and `MAX_CONNECTIONS_PER_IP` high and limit at the proxy instead.
 *
 * @example
 * const limiter = createAddressLimiter({ perSecond: 20, burst: 100, maxOpen: 200 });
 * if (limiter.admit(ip).ok) … later limiter.release(ip);
 */
export function createAddressLimiter(options: {
  perSecond: number;
  burst: number;
  maxOpen: number;
  now?: Clock;
}): AddressLimiter {
  const entries = new Map<string, { bucket: TokenBucket | undefined; open: number }>();
  let sweepAt = SWEEP_AT;
  const sweep = () => {
    for (const [address, entry] of entries) {
      if (entry.open === 0 && (entry.bucket?.isFull() ?? true)) entries.delete(address);
    }
    // Amortised: when most entries are live, the next sweep waits until the map doubles.
    sweepAt = Math.max(SWEEP_AT, entries.size * 2);
  };
  return {
    admit(address) {
      let entry = entries.get(address);
      if (!entry) {
        if (entries.size >= sweepAt) sweep();
        const bucket =
          options.perSecond > 0
            ? createTokenBucket({
                ratePerSecond: options.perSecond,
                burst: Math.max(1, options.burst),
                now: options.now,
              })
            : undefined;
        entry = { bucket, open: 0 };
        entries.set(address, entry);
      }
      if (entry.bucket && !entry.bucket.take()) return { ok: false, code: 'rate_limited' };
      if (entry.open >= options.maxOpen) return { ok: false, code: 'too_many_from_ip' };
      entry.open += 1;
      return { ok: true };
    },
    release(address) {
      const entry = entries.get(address);
      if (entry && entry.open > 0) entry.open -= 1;
    },
  };
}
