import { resolve } from 'node:path';
import { readLimits, type RelayLimits } from './limits.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the server reads from its environment, checked once at start-up. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** The built PWA (adapter-static output). */
  appDir: string;
  logLevel: LogLevel;
  limits: RelayLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads `HOST`, `PORT`, `DATA_DIR`, `APP_DIR`, `LOG_LEVEL` and the limits (see `limits.ts`),
 * falling back to safe defaults: the server listens on loopback unless told otherwise.
 *
 * @example readConfig({ PORT: '9000' }).port === 9000
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  }
  const limits = readLimits(env);
  if (!limits.ok) throw new ConfigError(limits.message);
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(cwd, env.DATA_DIR ?? './data'),
    appDir: resolve(cwd, env.APP_DIR ?? './build'),
    logLevel,
    limits: limits.limits,
  };
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}
