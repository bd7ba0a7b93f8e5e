import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago, for a server process that needs one on its
 * command line.
 *
 * @example
 *   const port = await freePort();
 */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}
