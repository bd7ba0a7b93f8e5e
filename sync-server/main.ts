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

// Only now, with the signal handlers in place: whoever waits for the address may signal at once.
// Logged whatever LOG_LEVEL says, for the log's reader.
log.child({}, { level: 'info' }).info({ url: server.url, limits: config.limits }, 'listening');
// And the address as a plain line, always and last (pino writes synchronously, so it follows the
// JSON line): a person reads it at any terminal or in any CI log, and the test harness waits for
// it. On stderr, so stdout stays JSON lines for log collectors.
process.stderr.write(`Trellis is running at ${server.url}\n`);
