import pino, { type Logger } from 'pino';
import { processLogRing } from './log-ring.js';

export type { Logger };

/** Paths that may carry secrets: never written to a log, whatever the level. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  'tokens',
  'password',
  '*.password',
  '*.token',
  'config.api.tokens',
  'config.mqtt.password',
];

/** JSON logs for the journal; pretty lines when a person is watching a terminal. */
export function createLogger(options: { level?: string; pretty?: boolean; destination?: pino.DestinationStream } = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && !process.env.CI);
  const base = { level: options.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'roomctl' } };
  // Every line also goes to the ring the panel's admin view shows (recent logs, no shell needed).
  const tee = (stream: pino.DestinationStream) =>
    stream === processLogRing ? stream : pino.multistream([{ level: 'trace', stream }, { level: 'trace', stream: processLogRing }]);
  if (options.destination) return pino(base, tee(options.destination));
  if (pretty) {
    return pino(base, tee(pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,app' } })));
  }
  return pino(base, tee(pino.destination(1)));
}
