/** A clock in milliseconds; tests pass a fake one. */
export type Clock = () => number;

export interface TokenBucket {
  /** Takes `amount` tokens if there are enough; false (and nothing taken) otherwise. */
  take(amount?: number): boolean;
  /** Whether the bucket is full again, i.e. it holds no memory of past use. */
  isFull(): boolean;
}

/**
 * A token bucket: `ratePerSecond` tokens drip in continuously up to `burst`. It is the rate limit
 * for messages and bytes per connection and for new connections per address.
 *
 * @example
 * const bucket = createTokenBucket({ ratePerSecond: 50, burst: 300 });
 * if (!bucket.take()) closeForFlooding();
 */
export function createTokenBucket(options: {
  ratePerSecond: number;
  burst: number;
  now?: Clock;
}): TokenBucket {
  const now = options.now ?? performance.now.bind(performance);
  const perMs = options.ratePerSecond / 1000;
  let tokens = options.burst;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(options.burst, tokens + (t - last) * perMs);
    last = t;
  };
  return {
    take(amount = 1) {
      refill();
      if (tokens < amount) return false;
      tokens -= amount;
      return true;
    },
    isFull() {
      refill();
      return tokens >= options.burst;
    },
  };
}
