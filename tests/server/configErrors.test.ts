import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/serverProcess';

describe('a wrong limit setting', () => {
  it('stops the server at start with one JSON line naming the variable', async () => {
    const started = startServerProcess({ env: { MAX_FRAME_BYTES: 'lots' } });
    await expect(started).rejects.toThrow(/exited with 1/);
    await expect(started).rejects.toThrow(/"level":60.*MAX_FRAME_BYTES must be a whole number/);
  });
});
