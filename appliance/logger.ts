import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
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

export type LogFormat = 'pretty' | 'json';

/**
 * Pretty lines when a person watches a terminal; JSON lines for the journal, pipes and
 * `--log-format json` (also ROOMCTL_LOG_FORMAT). Under systemd (JOURNAL_STREAM) always JSON.
 */
export function defaultLogFormat(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): LogFormat {
  if (env.ROOMCTL_LOG_FORMAT === 'json' || env.ROOMCTL_LOG_FORMAT === 'pretty') return env.ROOMCTL_LOG_FORMAT;
  return isTTY && !env.CI && !env.JOURNAL_STREAM ? 'pretty' : 'json';
}

/** JSON logs for the journal; pretty lines when a person is watching a terminal. */
export function createLogger(options: { level?: string; pretty?: boolean; format?: LogFormat; destination?: pino.DestinationStream } = {}): Logger {
  const pretty = options.pretty ?? (options.format ?? defaultLogFormat()) === 'pretty';
  const base = { level: options.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'roomctl' } };
  // Every line also goes to the ring the panel's admin view shows (recent logs, no shell needed).
  const tee = (stream: pino.DestinationStream) =>
    stream === processLogRing ? stream : pino.multistream([{ level: 'trace', stream }, { level: 'trace', stream: processLogRing }]);
  if (options.destination) return pino(base, tee(options.destination));
  if (pretty) {
    // In this thread and synchronous, so a banner printed after the start-up lines comes after them.
    // Loaded only here: a service logging JSON never pays for the pretty printer's modules.
    const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(base, tee(pinoPretty({ colorize: process.stdout.isTTY === true, sync: true, singleLine: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,app' })));
  }
  return pino(base, tee(pino.destination(1)));
}
