import { join } from 'node:path';
import { readConfig } from './config.js';
import { openLevelRoomStore } from './levelRoomStore.js';
import { createLogger } from './logger.js';
import { createRelayMetrics } from './metrics.js';
import { createRelay } from './relay.js';
import { startServer } from './server.js';
import { createTokenAuth } from './tokenAuth.js';

// Wiring only: storage, auth and limits are built here and passed in, so tests and other
// deployments can swap any of them (see docs/SCALING.md).
const config = (() => {
  try {
    return readConfig(process.env);
  } catch (error) {
    // A wrong setting is a person's mistake: say which, as a log line, without a stack trace.
    createLogger('info').fatal(error instanceof Error ? error.message : 'unreadable configuration');
    process.exit(1);
  }
})();
const log = createLogger(config.logLevel);
const metrics = createRelayMetrics();
const store = await openLevelRoomStore({
  dir: join(config.dataDir, 'rooms'),
  fsync: config.limits.fsync,
  onBatch: (seconds) => metrics.persistSeconds.observe(seconds),
});
const relay = createRelay({
  store,
  auth: createTokenAuth(store),
  limits: config.limits,
  metrics,
  log,
});
const server = await startServer({ ...config, relay, metrics });
let closing = false;
async function shutDown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'closing: flushing every room');
  try {
    await server.close();
    await store.close();
  } catch (error) {
    log.fatal({ err: error instanceof Error ? error.message : 'unknown' }, 'shutdown failed');
    log.flush(() => process.exit(1));
    return;
  }
  log.info('closed');
  log.flush(() => process.exit(0));
}
process.on('SIGINT', () => void shutDown('SIGINT'));
process.on('SIGTERM', () => void shutDown('SIGTERM'));

// Only now, with the signal handlers in place: whoever waits for this line may signal at once.
// Always printed, whatever LOG_LEVEL says: `npm start` users and the test harness need the URL.
log
  .child({}, { level: 'info' })
  .info({ url: server.url, limits: config.limits }, `Trellis is running at ${server.url}`);
// A person at a terminal gets the address on a line of its own too; log collectors (no TTY) get
// JSON lines only.
if (process.stdout.isTTY) process.stdout.write(`\n  Trellis is running at ${server.url}\n\n`);
