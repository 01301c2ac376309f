import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { processLogRing } from './log-ring.js';
import { LogThrottle, type Suppressed } from './log-throttle.js';

export type { Logger };

/** Paths that may carry secrets: never written to a log, whatever the level. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  'tokens',
  'password',
  '*.password',
  '*.token',
  'config.api.tokens',
  'config.api.panelTokens',
  'config.mqtt.password',
];

interface LineOrigin {
  logger: Logger;
  level: number;
  msg: string;
}

/** The message template of a pino call: `log.warn(obj, 'msg', ...)` or `log.warn('msg', ...)`. */
function messageOf(args: readonly unknown[]): string {
  return typeof args[0] === 'string' ? args[0] : typeof args[1] === 'string' ? args[1] : '';
}

/** Fields that say what a line is about: "device status" of two devices is two lines, not one repeated. */
const SUBJECT_FIELDS = ['device', 'deviceId', 'component', 'command'] as const;
function subjectOf(args: readonly unknown[]): string {
  const fields = typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : undefined;
  if (!fields) return '';
  return SUBJECT_FIELDS.map((f) => (typeof fields[f] === 'string' ? fields[f] : '')).join('\u0000');
}

/** Below info (debug, trace) is asked for by someone diagnosing: every line is kept. */
const THROTTLED_FROM_LEVEL = 30;

/**
 * Bounds repeated lines (log-throttle.ts) on every logger made here and on all its children:
 * a pino `logMethod` hook keyed by level, the logger's bindings (component, device…), the
 * line's own subject fields and the message template; debug and trace lines are not bounded.
 * What is left out is told once its second is over, as one line with `suppressed: <count>` —
 * at the next line of its kind or within a second from a timer.
 */
function throttledHooks(now: () => number): pino.LoggerOptions['hooks'] {
  const throttle = new LogThrottle<LineOrigin>(now);
  let telling = false;
  // Runs only while something is being left out, so an idle logger holds no timer.
  let timer: NodeJS.Timeout | undefined;
  const tell = (s: Suppressed<LineOrigin>) => {
    const { logger, level, msg } = s.origin;
    const method = logger.levels.labels[level] as pino.Level | undefined;
    telling = true;
    try {
      const fields = { suppressed: s.count, second: new Date(s.second * 1000).toISOString() };
      if (s.kind === 'key') logger[method ?? 'warn'](fields, `${msg} (${s.count} more like this left out)`);
      else logger.warn(fields, `${s.count} log lines from this source left out (too many in one second)`);
    } finally {
      telling = false;
    }
  };
  const flushSoon = () => {
    timer ??= setInterval(() => {
      throttle.flush(tell);
      if (!throttle.holding) {
        clearInterval(timer);
        timer = undefined;
      }
    }, 1000).unref();
  };
  return {
    logMethod(args, method, level) {
      if (telling || level < THROTTLED_FROM_LEVEL) return method.apply(this, args);
      const msg = messageOf(args);
      // The bindings as pino keeps them (a JSON fragment), with the line's own subject: the source, with no parse per line.
      const source = `${String((this as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym] ?? '')}\u0000${subjectOf(args)}`;
      if (throttle.admit(`${level}\u0000${source}\u0000${msg}`, source, { logger: this, level, msg }, tell)) method.apply(this, args);
      else flushSoon();
    },
  };
}

export type LogFormat = 'pretty' | 'json';

/**
 * Pretty lines when a person watches a terminal; JSON lines for the journal, pipes and
 * `--log-format json` (also ROOMCTL_LOG_FORMAT). Under systemd (JOURNAL_STREAM) always JSON.
 */
export function defaultLogFormat(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): LogFormat {
  if (env.ROOMCTL_LOG_FORMAT === 'json' || env.ROOMCTL_LOG_FORMAT === 'pretty') return env.ROOMCTL_LOG_FORMAT;
  return isTTY && !env.CI && !env.JOURNAL_STREAM ? 'pretty' : 'json';
}

/**
 * The pretty printer's options: one line per entry. Its default prints `err` and `error` on
 * lines of their own (a stack under the message); here they stay on the entry's line like any
 * other field, so a warning with its error reads as one line among the others.
 */
export const PRETTY_LINES: PinoPretty.PrettyOptions = {
  sync: true,
  singleLine: true,
  errorLikeObjectKeys: [],
  translateTime: 'HH:MM:ss.l',
  ignore: 'pid,hostname,app',
};

/** JSON logs for the journal; pretty lines when a person is watching a terminal. */
export function createLogger(
  options: { level?: string; pretty?: boolean; format?: LogFormat; destination?: pino.DestinationStream; now?: () => number } = {},
): Logger {
  const pretty = options.pretty ?? (options.format ?? defaultLogFormat()) === 'pretty';
  const base = {
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'roomctl' },
    hooks: throttledHooks(options.now ?? Date.now),
  };
  // Every line also goes to the ring the panel's admin view shows (recent logs, no shell needed).
  const tee = (stream: pino.DestinationStream) =>
    stream === processLogRing
      ? stream
      : pino.multistream([
          { level: 'trace', stream },
          { level: 'trace', stream: processLogRing },
        ]);
  if (options.destination) return pino(base, tee(options.destination));
  if (pretty) {
    // In this thread and synchronous, so a banner printed after the start-up lines comes after them.
    // Loaded only here: a service logging JSON never pays for the pretty printer's modules.
    const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(base, tee(pinoPretty({ ...PRETTY_LINES, colorize: process.stdout.isTTY === true })));
  }
  return pino(base, tee(pino.destination(1)));
}
