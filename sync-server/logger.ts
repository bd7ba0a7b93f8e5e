import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout. The relay logs events, counts and reasons only: never message bytes,
 * never a token, never a whole room id (see `roomTag`).
 *
 * @example const log = createLogger('info'); log.info({ room: roomTag(id) }, 'room loaded');
 */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'trellis-relay' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/**
 * The first 6 characters of a room id: enough to follow one room through the logs, far too few
 * (36 bits) to name it to anyone who does not already know it.
 *
 * @example roomTag('q3x9Tz0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wXy') === 'q3x9Tz…'
 */
export function roomTag(roomId: string): string {
  return `${roomId.slice(0, 6)}…`;
}
