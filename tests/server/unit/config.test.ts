import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../sync-server/config';
import { DEFAULT_LIMITS, readLimits } from '../../../sync-server/limits';

describe('readConfig', () => {
  it('defaults to loopback, port 8787, ./data and the default limits', () => {
    const config = readConfig({}, '/srv/trellis');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      dataDir: '/srv/trellis/data',
      logLevel: 'info',
      limits: DEFAULT_LIMITS,
    });
  });

  it('reads limits and refuses unreadable ones', () => {
    expect(readConfig({ MAX_CONNECTIONS: '500', FSYNC: 'false' }).limits).toMatchObject({
      maxConnections: 500,
      fsync: false,
    });
    expect(() => readConfig({ MAX_FRAME_BYTES: '1e6x' })).toThrow(ConfigError);
    expect(() => readConfig({ MAX_FRAME_BYTES: '0' })).toThrow(/MAX_FRAME_BYTES/);
    expect(() => readConfig({ FSYNC: 'maybe' })).toThrow(/FSYNC/);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('lets a rate of 0 turn the address check off', () => {
    expect(readLimits({ RATE_UPGRADES_PER_IP: '0' })).toMatchObject({
      ok: true,
      limits: { upgradesPerSecondPerIp: 0 },
    });
  });
});
