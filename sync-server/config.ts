import { resolve } from 'node:path';

/** Everything the server reads from its environment, checked once at start-up. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** The built PWA (adapter-static output). */
  appDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads `HOST`, `PORT`, `DATA_DIR` and `APP_DIR`, falling back to safe defaults: the server
 * listens on loopback unless told otherwise.
 *
 * @example readConfig({ PORT: '9000' }).port === 9000
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? '8787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(cwd, env.DATA_DIR ?? './data'),
    appDir: resolve(cwd, env.APP_DIR ?? './build'),
  };
}
